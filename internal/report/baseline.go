package report

import (
	"bytes"
	"fmt"
	"os"
	"slices"
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

// BaselineEntry accepts one failure until Expires (inclusive): the failure of
// Requirement in Spec with Signature (see Signature), its fingerprint. An
// entry without Spec accepts the requirement's failure in any spec, one
// without Signature any failure of that spec: baselines written before
// fingerprints (requirement only) still load and accept every failure of
// their requirement, and the run lists them as coarse so that they get
// rewritten.
type BaselineEntry struct {
	Requirement string `json:"requirement" yaml:"requirement"`
	Spec        string `json:"spec,omitempty" yaml:"spec,omitempty"`
	Signature   string `json:"signature,omitempty" yaml:"signature,omitempty"`
	Reason      string `json:"reason" yaml:"reason"`
	Owner       string `json:"owner" yaml:"owner"`
	Expires     string `json:"expires" yaml:"expires"`
	// Line is where the entry starts in the file (0 when written by code).
	Line int `json:"line,omitempty" yaml:"-"`
}

// Fingerprint identifies one failure of a run for a baseline.
type Fingerprint struct {
	Requirement string `json:"requirement"`
	Spec        string `json:"spec"`
	Signature   string `json:"signature"`
}

// Matches reports whether the entry accepts the failure (expiry aside).
func (e BaselineEntry) Matches(f Fingerprint) bool {
	return e.Requirement == f.Requirement && (e.Spec == "" || e.Spec == f.Spec) && (e.Signature == "" || e.Signature == f.Signature)
}

// Coarse reports whether the entry accepts more than one fingerprint (written
// without a spec or a signature).
func (e BaselineEntry) Coarse() bool { return e.Spec == "" || e.Signature == "" }

func (e BaselineEntry) key() string { return e.Requirement + "\x00" + e.Spec + "\x00" + e.Signature }

// Failures returns the fingerprint of every failure of the result that a
// baseline can accept: one per requirement a failing spec's failure is
// attributed to (suite-level failures cite none and are never accepted).
func (r *Result) Failures() []Fingerprint {
	var out []Fingerprint
	for _, s := range r.Specs {
		if s.Verdict != Fail || s.Failure == nil {
			continue
		}
		for _, id := range s.Violates() {
			out = append(out, Fingerprint{Requirement: id, Spec: s.Text, Signature: s.Failure.Signature})
		}
	}
	return out
}

// BaselineOutcome is what a baseline did to a run.
type BaselineOutcome struct {
	File string `json:"file"`
	// Accepted are the entries that accepted a failure.
	Accepted []BaselineEntry `json:"accepted"`
	// New are the failures no unexpired entry accepts: they fail the gate.
	New []NewFailure `json:"new"`
	// Expired entries fail the gate whatever their requirement's verdict.
	Expired []BaselineEntry `json:"expired"`
	// Stale entries accepted no failure of a requirement the run decided:
	// their failure is gone (remove them) or changed (see New).
	Stale []BaselineEntry `json:"stale"`
	// NotRun entries name a requirement no selected spec decided.
	NotRun []BaselineEntry `json:"notRun"`
	// Coarse entries have no spec or no signature: they accept any failure
	// of their requirement (or spec); rewrite them with --write-baseline.
	Coarse []BaselineEntry `json:"coarse,omitempty"`
}

// NewFailure is a failure no baseline entry accepts, and the entry it
// resembles (same requirement, preferably same spec), if any: a different
// defect under an accepted requirement.
type NewFailure struct {
	Fingerprint
	Resembles *BaselineEntry `json:"resembles,omitempty"`
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
				"spec":        func(v *yaml.Node) { e.Spec = d.String(v, at+".spec") },
				"signature":   func(v *yaml.Node) { e.Signature = d.String(v, at+".signature") },
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
			if first, dup := seen[e.key()]; dup && d.Err == nil {
				d.Fail(n, "%s accepts the same failure of %s again (first at line %d)", at, e.Requirement, first)
			}
			seen[e.key()] = n.Line
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

// Apply matches the baseline with the result's failures at time now: a
// requirement's FAIL is accepted when an unexpired entry matches each of its
// failures; a failure no entry matches is new, and names the entry it
// resembles. Call Finish afterwards.
func (b *Baseline) Apply(r *Result, now time.Time) {
	o := &BaselineOutcome{File: b.File, Accepted: []BaselineEntry{}, New: []NewFailure{}, Expired: []BaselineEntry{}, Stale: []BaselineEntry{}, NotRun: []BaselineEntry{}}
	for _, e := range b.Entries {
		if e.Expired(now) {
			o.Expired = append(o.Expired, e)
		}
		if e.Coarse() {
			o.Coarse = append(o.Coarse, e)
		}
	}
	used := map[int]bool{}
	unaccepted := map[string]bool{}
	first := map[string]*BaselineEntry{}
	for _, f := range r.Failures() {
		i := slices.IndexFunc(b.Entries, func(e BaselineEntry) bool { return e.Matches(f) && !e.Expired(now) })
		if i < 0 {
			unaccepted[f.Requirement] = true
			o.New = append(o.New, NewFailure{Fingerprint: f, Resembles: b.resembling(f)})
			continue
		}
		if !used[i] {
			used[i] = true
			o.Accepted = append(o.Accepted, b.Entries[i])
		}
		if first[f.Requirement] == nil {
			first[f.Requirement] = &b.Entries[i]
		}
	}
	decided := map[string]bool{}
	for i := range r.Requirements {
		rr := &r.Requirements[i]
		decided[rr.ID] = rr.Verdict == Pass || rr.Verdict == NonStrict || rr.Verdict == Fail
		if e := first[rr.ID]; rr.Verdict == Fail && e != nil && !unaccepted[rr.ID] {
			accepted := *e
			rr.Accepted = &accepted
		}
	}
	for i, e := range b.Entries {
		switch {
		case !decided[e.Requirement]:
			o.NotRun = append(o.NotRun, e)
		case !used[i] && !e.Expired(now):
			o.Stale = append(o.Stale, e)
		}
	}
	r.Baseline = o
}

// resembling is the entry a new failure resembles: one of the same
// requirement and spec, else of the same requirement; nil when none.
func (b *Baseline) resembling(f Fingerprint) *BaselineEntry {
	best := -1
	for i, e := range b.Entries {
		if e.Requirement != f.Requirement {
			continue
		}
		if e.Spec == f.Spec {
			best = i
			break
		}
		if best < 0 {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	e := b.Entries[best]
	return &e
}

// NewBaseline accepts every failure of the result by its fingerprint:
// entries of previous (if not nil) are kept as they are; failures they do not
// match get a new entry with the owner, the expiry date and a reason quoting
// the failure's cause.
func NewBaseline(r *Result, previous *Baseline, owner string, expires time.Time) *Baseline {
	bl := &Baseline{}
	if previous != nil {
		for _, e := range previous.Entries {
			e.Line = 0
			bl.Entries = append(bl.Entries, e)
		}
	}
	causes := map[string]string{}
	for _, s := range r.Specs {
		if s.Failure != nil {
			causes[s.Text] = Cause(s.Failure.Message)
		}
	}
	for _, f := range r.Failures() {
		if slices.ContainsFunc(bl.Entries, func(e BaselineEntry) bool { return e.Matches(f) }) {
			continue
		}
		bl.Entries = append(bl.Entries, BaselineEntry{Requirement: f.Requirement, Spec: f.Spec, Signature: f.Signature,
			Owner: owner, Expires: expires.Format(DateLayout),
			Reason: "accepted on " + r.Provenance.Start.Format(DateLayout) + ": " + causes[f.Spec]})
	}
	return bl
}

// Write writes the baseline as YAML with an explanatory header.
func (b *Baseline) Write(path string) error {
	var buf bytes.Buffer
	buf.WriteString("# scapi-conformance baseline: accepted failures of a CI gate.\n" +
		"# Each entry accepts one failure, by its fingerprint: the requirement, the spec and the\n" +
		"# failure's signature (leave spec or signature out to accept more, coarsely). It needs a\n" +
		"# reason, an owner and an expiry date (YYYY-MM-DD, valid through that day). Expired entries\n" +
		"# fail the run; a failure no entry matches fails it too; entries that match nothing are stale.\n")
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
