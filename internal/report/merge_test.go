package report

import (
	"reflect"
	"testing"
)

func TestMerge(t *testing.T) {
	run := func(verdicts ...Verdict) *Result {
		r := &Result{Provenance: Provenance{DurationMillis: 10}}
		for i, v := range verdicts {
			s := Spec{Text: []string{"a", "b", "c"}[i], Location: "x.go:1", Requirements: []string{"agent.get.1"}, Verdict: v}
			if v == Fail {
				s.Failure = &Failure{Message: "boom"}
			}
			r.Specs = append(r.Specs, s)
		}
		return r
	}
	m := Merge([]*Result{run(Pass, Pass, Fail), run(Pass, Fail, Fail), run(Pass, Pass)})
	var got [][]Verdict
	for _, s := range m.Specs {
		got = append(got, append([]Verdict{s.Verdict}, s.Attempts...))
	}
	want := [][]Verdict{{Pass, Pass, Pass, Pass}, {Fail, Pass, Fail, Pass}, {Fail, Fail, Fail, ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("verdict+attempts = %v, want %v", got, want)
	}
	if len(m.Flaky) != 2 || m.Flaky[0].Text != "b" || m.Flaky[1].Text != "c" {
		t.Errorf("flaky = %+v, want b and c", m.Flaky)
	}
	if m.Specs[1].Failure == nil || m.Provenance.Repeat != 3 || m.Provenance.DurationMillis != 30 {
		t.Errorf("merge lost the failure or provenance: %+v %+v", m.Specs[1], m.Provenance)
	}
	if len(m.Requirements) != 1 || m.Requirements[0].Verdict != Fail {
		t.Errorf("requirements = %+v, want agent.get.1 FAIL", m.Requirements)
	}
}
