package report

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestMarshalJUnit(t *testing.T) {
	r := sampleResult()
	r.Finish()
	b, err := MarshalJUnit(r)
	if err != nil {
		t.Fatal(err)
	}
	var back junitSuites
	if err := xml.Unmarshal(b, &back); err != nil {
		t.Fatalf("invalid XML: %v\n%s", err, b)
	}
	if back.Name != "scapi-conformance" {
		t.Errorf("testsuites name %q: it must not change with the verdict", back.Name)
	}
	if back.Tests != 5 || back.Failures != 2 || back.Skipped != 1 || len(back.Suites) != 2 {
		t.Errorf("totals tests=%d failures=%d skipped=%d suites=%d, want 5/2/1/2", back.Tests, back.Failures, back.Skipped, len(back.Suites))
	}
	cases := map[string]junitCase{}
	for _, s := range back.Suites {
		for _, c := range s.Cases {
			cases[c.Name] = c
		}
	}
	prop := func(c junitCase, name string) string {
		for _, p := range c.Properties {
			if p.Name == name {
				return p.Value
			}
		}
		return ""
	}
	for id, verdict := range map[string]Verdict{"agent.get.1": Pass, "agent.setState.1": Fail, "agent.setState.2": NonStrict, "voice.dial.1": Skipped} {
		if got := prop(cases[id], "verdict"); got != string(verdict) {
			t.Errorf("%s verdict property %q, want %s", id, got, verdict)
		}
	}
	f := cases["agent.setState.1"].Failure
	if f == nil || f.Message != "agent.setState.1: failed: Expected — to equal" || !strings.Contains(f.Body, "NOT_READY") || !strings.Contains(f.Body, "transcript:") {
		t.Errorf("failure of agent.setState.1 = %+v", f)
	}
	if s := cases["voice.dial.1"].Skipped; s == nil || s.Message != `the target cannot provide "inbound-call"` {
		t.Errorf("skipped = %+v", s)
	}
	if got := prop(cases["agent.setState.2"], "interpretation"); got != "INT-NS-1" {
		t.Errorf("interpretation property %q", got)
	}
}
