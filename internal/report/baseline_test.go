package report

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestParseBaselineErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", "b.yaml: the file is empty; it needs an accepted: list"},
		{"unknown key", "acepted: []\n", `b.yaml:1:1: unknown key "acepted" in the baseline (known: accepted)`},
		{"not a list", "accepted: x\n", `b.yaml:1:11: accepted must be a list, found the scalar "x"`},
		{"no owner", "accepted:\n  - requirement: a.b.1\n    reason: known\n    expires: 2030-01-01\n",
			"b.yaml:2:5: accepted[0] has no owner (every accepted failure needs a requirement, a reason, an owner and an expiry date)"},
		{"bad date", "accepted:\n  - {requirement: a.b.1, reason: r, owner: o, expires: 31/12/2030}\n",
			`b.yaml:2:56: accepted[0].expires must be a date YYYY-MM-DD, found "31/12/2030"`},
		{"unknown entry key", "accepted:\n  - {requirement: a.b.1, why: r}\n",
			`b.yaml:2:26: unknown key "why" in accepted[0] (known: expires, owner, reason, requirement, signature, spec)`},
		{"duplicate", "accepted:\n  - {requirement: a.b.1, reason: r, owner: o, expires: 2030-01-01}\n  - {requirement: a.b.1, reason: r, owner: o, expires: 2030-01-01}\n",
			"b.yaml:3:5: accepted[1] accepts the same failure of a.b.1 again (first at line 2)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseBaseline("b.yaml", []byte(tc.in))
			if err == nil || err.Error() != tc.want {
				t.Errorf("ParseBaseline error\n got %v\nwant %s", err, tc.want)
			}
		})
	}
}

func TestBaselineApply(t *testing.T) {
	now := time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)
	bl, err := ParseBaseline("b.yaml", []byte(`accepted:
  - {requirement: agent.setState.1, reason: vendor bug 12, owner: qa, expires: 2026-11-23}
  - {requirement: agent.setState.3, reason: old, owner: qa, expires: 2026-11-22}
  - {requirement: agent.get.1, reason: "fixed?", owner: dev, expires: 2027-01-01}
  - {requirement: email.create.1, reason: not selected, owner: dev, expires: 2027-01-01}
`))
	if err != nil {
		t.Fatal(err)
	}
	r := sampleResult()
	bl.Apply(r, now)
	r.Finish()
	o := r.Baseline
	names := func(es []BaselineEntry) []string {
		out := []string{}
		for _, e := range es {
			out = append(out, e.Requirement)
		}
		return out
	}
	for _, c := range []struct {
		what      string
		got, want []string
	}{
		{"accepted", names(o.Accepted), []string{"agent.setState.1"}},
		{"new", newNames(o.New), []string{"agent.setState.3"}},
		{"expired", names(o.Expired), []string{"agent.setState.3"}},
		{"stale", names(o.Stale), []string{"agent.get.1"}},
		{"notRun", names(o.NotRun), []string{"email.create.1"}},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	if r.ExitCode != 1 {
		t.Errorf("exit code %d with a new failure and an expired entry, want 1", r.ExitCode)
	}
}

func newNames(fs []NewFailure) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Requirement)
	}
	return out
}

func TestBaselineFingerprints(t *testing.T) {
	now := time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)
	r := sampleResult()
	r.Specs[1].Violated = []string{"agent.setState.1"}
	r.Specs[1].Failure.Signature = "failed: a new defect @ agent.setState as https://b.example"
	r.Requirements = Aggregate(r.Specs)
	bl, err := ParseBaseline("b.yaml", []byte(`accepted:
  - requirement: agent.setState.1
    spec: agent setState changes the state
    signature: "failed: the accepted defect @ agent.setState as https://a.example"
    reason: vendor bug 12
    owner: qa
    expires: 2027-01-01
`))
	if err != nil {
		t.Fatal(err)
	}
	bl.Apply(r, now)
	r.Finish()
	o := r.Baseline
	if r.ExitCode != 1 || len(o.New) != 1 || o.New[0].Signature != r.Specs[1].Failure.Signature ||
		o.New[0].Resembles == nil || o.New[0].Resembles.Reason != "vendor bug 12" || len(o.Accepted) != 0 || len(o.Stale) != 1 || len(o.Coarse) != 0 {
		t.Errorf("a new failure under an accepted requirement: exit %d, outcome %+v", r.ExitCode, o)
	}

	// The same defect again is accepted; a coarse entry (requirement only,
	// as baselines were before fingerprints) accepts any failure of it.
	r.Specs[1].Failure.Signature = "failed: the accepted defect @ agent.setState as https://a.example"
	r.Requirements = Aggregate(r.Specs)
	bl.Apply(r, now)
	r.Finish()
	if r.ExitCode != 0 || len(r.Baseline.Accepted) != 1 {
		t.Errorf("the accepted failure: exit %d, outcome %+v", r.ExitCode, r.Baseline)
	}
	coarse := &Baseline{Entries: []BaselineEntry{{Requirement: "agent.setState.1", Reason: "old", Owner: "qa", Expires: "2027-01-01"}}}
	coarse.Apply(r, now)
	r.Finish()
	if r.ExitCode != 0 || len(r.Baseline.Coarse) != 1 {
		t.Errorf("a coarse entry: exit %d, outcome %+v", r.ExitCode, r.Baseline)
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	r := sampleResult()
	prev := &Baseline{Entries: []BaselineEntry{{Requirement: "agent.setState.3", Reason: "kept", Owner: "qa", Expires: "2027-02-01", Line: 4}}}
	bl := NewBaseline(r, prev, "ci", time.Date(2026, 12, 23, 0, 0, 0, 0, time.UTC))
	path := filepath.Join(t.TempDir(), "baseline.yaml")
	if err := bl.Write(path); err != nil {
		t.Fatal(err)
	}
	back, err := LoadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range back.Entries {
		back.Entries[i].Line = 0
	}
	want := []BaselineEntry{
		{Requirement: "agent.setState.3", Reason: "kept", Owner: "qa", Expires: "2027-02-01"},
		{Requirement: "agent.setState.1", Spec: "agent setState changes the state", Signature: "failed: Expected / to equal", Owner: "ci", Expires: "2026-12-23",
			Reason: "accepted on 2026-11-23: failed: Expected — to equal"},
	}
	if !reflect.DeepEqual(back.Entries, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back.Entries, want)
	}
	// Applying the written baseline to the same result makes it conform.
	back.Apply(r, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	r.Finish()
	if r.ExitCode != 0 {
		t.Errorf("exit code %d after accepting every failure, want 0 (%+v)", r.ExitCode, r.Baseline)
	}
}

func TestBaselineCheckRequirements(t *testing.T) {
	bl, err := ParseBaseline("b.yaml", []byte("accepted:\n  - {requirement: agent.get.1, reason: r, owner: o, expires: 2030-01-01}\n  - {requirement: agent.gte.1, reason: r, owner: o, expires: 2030-01-01}\n"))
	if err != nil {
		t.Fatal(err)
	}
	known := func(id string) bool { return id == "agent.get.1" }
	want := `b.yaml:3: requirement "agent.gte.1" is not in the registry (see 'scapi-conformance list requirements')`
	if err := bl.CheckRequirements(known); err == nil || err.Error() != want {
		t.Errorf("CheckRequirements = %v, want %s", err, want)
	}
}
