package fuzz

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"scapi-conformance/contract/requirements"
	"scapi-conformance/internal/target"
)

// ReplayFormat identifies the replay file format and its version.
const ReplayFormat = "scapi-conformance-replay/1"

// Replay is a replay file: a shrunk session and the finding it shows.
type Replay struct {
	Format string `json:"format"`
	// Finding is what the session showed when it was saved.
	Finding Finding `json:"finding"`
	// Seed and Index say which generated session it was shrunk from.
	Seed  uint64 `json:"seed"`
	Index uint64 `json:"index"`
	// Target and Mutant describe where it was found: the target's URL, or
	// "embedded reference" (RecordedTarget), and the reference's mutant.
	Target  string  `json:"target,omitempty"`
	Mutant  string  `json:"mutant,omitempty"`
	Session Session `json:"session"`
}

// WriteReplay writes a replay file (indented JSON).
func WriteReplay(path string, r *Replay) error {
	r.Format = ReplayFormat
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// ReadReplay reads and validates a replay file; errors name the file and,
// for JSON errors, the line and byte offset.
func ReadReplay(path string) (*Replay, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Replay
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("%s: %s", path, jsonErr(b, err))
	}
	if r.Format != ReplayFormat {
		return nil, fmt.Errorf("%s: format %q, want %q", path, r.Format, ReplayFormat)
	}
	if r.Finding.Requirement == "" {
		return nil, fmt.Errorf("%s: finding.requirement is empty", path)
	}
	if _, ok := requirements.Lookup(r.Finding.Requirement); !ok {
		return nil, fmt.Errorf("%s: finding.requirement %q is no documented requirement (see scapi-conformance list requirements)", path, r.Finding.Requirement)
	}
	if _, err := r.Spec(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := r.Session.Validate(); err != nil {
		return nil, fmt.Errorf("%s: session: %w", path, err)
	}
	return &r, nil
}

// jsonErr locates a decoding error by line and byte offset when it can.
func jsonErr(b []byte, err error) string {
	var off int64 = -1
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
	case *json.UnmarshalTypeError:
		off = e.Offset
	}
	if off < 0 {
		return err.Error()
	}
	line := 1 + bytes.Count(b[:min(int(off), len(b))], []byte("\n"))
	return fmt.Sprintf("line %d, byte offset %d: %v", line, off, err)
}

// embeddedTarget is how a replay file names the embedded reference.
const embeddedTarget = "embedded reference"

// RecordedTarget is how a replay file names the target s: its URL, or the
// embedded reference (whose mutant is recorded apart).
func RecordedTarget(s target.Spec) string {
	if s.Embedded() {
		return embeddedTarget
	}
	return s.URL
}

// Spec is the target the replay was found on: the embedded reference with
// its mutant, or the recorded URL (ws:// through the ws driver, http(s)://
// through the browser). Older files name the embedded reference with how it
// was reached ("embedded reference (mutant m) over websocket").
func (rp *Replay) Spec() (target.Spec, error) {
	t := rp.Target
	switch {
	case t == "" || strings.HasPrefix(t, embeddedTarget):
		return target.Spec{Mutant: rp.Mutant}, nil
	case rp.Mutant != "":
		return target.Spec{}, fmt.Errorf("mutant %q recorded for the target %s: a mutant runs only in the embedded reference", rp.Mutant, t)
	case strings.HasPrefix(t, "ws://") || strings.HasPrefix(t, "wss://"):
		return target.Spec{URL: t}, nil
	case strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://"):
		return target.Spec{URL: t, Driver: target.DriverBrowser}, nil
	}
	return target.Spec{}, fmt.Errorf("target %q: want a ws(s):// or http(s):// URL, or %q", t, embeddedTarget)
}

// Check runs the replay's session on r and returns the findings of the
// replay's requirement and check: none means the target no longer fails.
func (rp *Replay) Check(ctx context.Context, r *Runner) ([]Finding, error) {
	out, err := r.Run(ctx, &rp.Session)
	if err != nil {
		return nil, err
	}
	var fs []Finding
	for _, f := range out.Findings {
		if f.Requirement == rp.Finding.Requirement && (rp.Finding.Check == "" || f.Check == rp.Finding.Check) {
			fs = append(fs, f)
		}
	}
	return fs, nil
}
