package report

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"scapi-conformance/internal/yamlpos"
)

// DateLayout is how baseline expiry dates are written.
const DateLayout = "2006-01-02"

// Baseline is a file of accepted failures for a CI gate.
type Baseline struct {
	File    string
	Entries []BaselineEntry
}

// BaselineEntry accepts the failure of one requirement until Expires (inclusive).
type BaselineEntry struct {
	Requirement string `json:"requirement" yaml:"requirement"`
	Reason      string `json:"reason" yaml:"reason"`
	Owner       string `json:"owner" yaml:"owner"`
	Expires     string `json:"expires" yaml:"expires"`
	// Line is where the entry starts in the file (0 when written by code).
	Line int `json:"line,omitempty" yaml:"-"`
}

// BaselineOutcome is what a baseline did to a run.
type BaselineOutcome struct {
	File string `json:"file"`
	// Accepted are the entries that accepted a failure.
	Accepted []BaselineEntry `json:"accepted"`
	// New are the failing requirements no entry accepts.
	New []string `json:"new"`
	// Expired entries fail the gate whatever their requirement's verdict.
	Expired []BaselineEntry `json:"expired"`
	// Stale entries accept a requirement that no longer fails: remove them.
	Stale []BaselineEntry `json:"stale"`
	// NotRun entries name a requirement no selected spec decided.
	NotRun []BaselineEntry `json:"notRun"`
}

// LoadBaseline reads a baseline; errors name file, line and column.
func LoadBaseline(path string) (*Baseline, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return ParseBaseline(path, b)
}

// ParseBaseline reads a baseline from bytes; file names it in errors.
func ParseBaseline(file string, b []byte) (*Baseline, error) {
	root, err := yamlpos.Parse(file, b, "an accepted: list")
	if err != nil {
		return nil, err
	}
	bl := &Baseline{File: file}
	d := &yamlpos.Decoder{File: file}
	seen := map[string]int{}
	d.Mapping(root, "the baseline", yamlpos.Fields{"accepted": func(list *yaml.Node) {
		d.List(list, "accepted", func(n *yaml.Node, at string) {
			e := BaselineEntry{Line: n.Line}
			d.Mapping(n, at, yamlpos.Fields{
				"requirement": func(v *yaml.Node) { e.Requirement = d.String(v, at+".requirement") },
				"reason":      func(v *yaml.Node) { e.Reason = d.String(v, at+".reason") },
				"owner":       func(v *yaml.Node) { e.Owner = d.String(v, at+".owner") },
				"expires": func(v *yaml.Node) {
					e.Expires = d.String(v, at+".expires")
					if _, err := time.Parse(DateLayout, e.Expires); d.Err == nil && err != nil {
						d.Fail(v, "%s.expires must be a date YYYY-MM-DD, found %q", at, e.Expires)
					}
				},
			})
			for _, f := range []struct{ name, value string }{{"requirement", e.Requirement}, {"reason", e.Reason}, {"owner", e.Owner}, {"expires", e.Expires}} {
				if strings.TrimSpace(f.value) == "" {
					d.Fail(n, "%s has no %s (every accepted failure needs a requirement, a reason, an owner and an expiry date)", at, f.name)
				}
			}
			if first, dup := seen[e.Requirement]; dup && d.Err == nil {
				d.Fail(n, "%s accepts %s again (first at line %d)", at, e.Requirement, first)
			}
			seen[e.Requirement] = n.Line
			bl.Entries = append(bl.Entries, e)
		})
	}})
	if d.Err != nil {
		return nil, d.Err
	}
	return bl, nil
}

// Expired reports whether the entry's expiry date is before the day of now.
func (e BaselineEntry) Expired(now time.Time) bool {
	exp, err := time.Parse(DateLayout, e.Expires)
	if err != nil {
		return true
	}
	y, m, d := now.Date()
	return exp.Before(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// Apply matches the baseline with the result's requirement verdicts at time
// now; call Finish afterwards.
func (b *Baseline) Apply(r *Result, now time.Time) {
	o := &BaselineOutcome{File: b.File, Accepted: []BaselineEntry{}, New: []string{}, Expired: []BaselineEntry{}, Stale: []BaselineEntry{}, NotRun: []BaselineEntry{}}
	entries := map[string]BaselineEntry{}
	for _, e := range b.Entries {
		entries[e.Requirement] = e
		if e.Expired(now) {
			o.Expired = append(o.Expired, e)
		}
	}
	decided := map[string]bool{}
	for i := range r.Requirements {
		rr := &r.Requirements[i]
		decided[rr.ID] = rr.Verdict != Skipped
		e, ok := entries[rr.ID]
		switch {
		case rr.Verdict == Fail && ok && !e.Expired(now):
			rr.Accepted = &e
			o.Accepted = append(o.Accepted, e)
		case rr.Verdict == Fail:
			o.New = append(o.New, rr.ID)
		case ok && (rr.Verdict == Pass || rr.Verdict == NonStrict):
			o.Stale = append(o.Stale, e)
		}
	}
	for _, e := range b.Entries {
		if !decided[e.Requirement] {
			o.NotRun = append(o.NotRun, e)
		}
	}
	r.Baseline = o
}

// NewBaseline accepts every failing requirement of the result: entries of
// previous (if not nil) are kept as they are; new ones get the owner, the
// expiry date and a reason quoting the first failure.
func NewBaseline(r *Result, previous *Baseline, owner string, expires time.Time) *Baseline {
	kept := map[string]BaselineEntry{}
	if previous != nil {
		for _, e := range previous.Entries {
			kept[e.Requirement] = e
		}
	}
	bl := &Baseline{}
	for _, rr := range r.Requirements {
		if rr.Verdict != Fail {
			continue
		}
		e, ok := kept[rr.ID]
		if !ok {
			e = BaselineEntry{Requirement: rr.ID, Owner: owner, Expires: expires.Format(DateLayout),
				Reason: "accepted on " + r.Provenance.Start.Format(DateLayout) + ": " + firstFailure(r, rr)}
		}
		e.Line = 0
		bl.Entries = append(bl.Entries, e)
	}
	return bl
}

func firstFailure(r *Result, rr RequirementResult) string {
	for _, s := range r.Specs {
		if s.Failure != nil && len(rr.Failed) > 0 && s.Text == rr.Failed[0] {
			line, _, _ := strings.Cut(s.Failure.Message, "\n")
			return s.Text + " — " + line
		}
	}
	return "failing"
}

// Write writes the baseline as YAML with an explanatory header.
func (b *Baseline) Write(path string) error {
	var buf bytes.Buffer
	buf.WriteString("# scapi-conformance baseline: accepted failures of a CI gate.\n" +
		"# Each entry needs a requirement id, a reason, an owner and an expiry date (YYYY-MM-DD,\n" +
		"# valid through that day). Expired entries fail the run; entries whose requirement now\n" +
		"# passes are reported stale.\n")
	out := struct {
		Accepted []BaselineEntry `yaml:"accepted"`
	}{b.Entries}
	if out.Accepted == nil {
		out.Accepted = []BaselineEntry{}
	}
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(out); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// CheckRequirements refuses entries naming a requirement the registry does
// not know (a typo would otherwise never match and hide nothing, silently).
func (b *Baseline) CheckRequirements(known func(id string) bool) error {
	for _, e := range b.Entries {
		if !known(e.Requirement) {
			return &yamlpos.Error{File: b.File, Line: e.Line, Msg: fmt.Sprintf("requirement %q is not in the registry (see 'scapi-conformance list requirements')", e.Requirement)}
		}
	}
	return nil
}
