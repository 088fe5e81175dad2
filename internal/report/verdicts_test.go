package report

import (
	"reflect"
	"testing"
)

func TestAggregate(t *testing.T) {
	got := map[string]RequirementResult{}
	for _, rr := range Aggregate(sampleSpecs()) {
		got[rr.ID] = rr
	}
	for _, tc := range []struct {
		id      string
		verdict Verdict
		interps []string
		reasons []string
		failed  int
		specs   int
	}{
		{"agent.get.1", Pass, nil, nil, 0, 1},
		{"agent.setState.1", Fail, nil, nil, 1, 2},
		{"agent.setState.2", NonStrict, []string{"INT-NS-1"}, nil, 0, 1},
		{"agent.setState.3", Fail, nil, nil, 1, 1},
		{"voice.dial.1", Skipped, nil, []string{`the target cannot provide "inbound-call"`}, 0, 1},
	} {
		rr, ok := got[tc.id]
		if !ok {
			t.Errorf("%s: missing", tc.id)
			continue
		}
		if rr.Verdict != tc.verdict || !reflect.DeepEqual(rr.Interpretations, tc.interps) || !reflect.DeepEqual(rr.Reasons, tc.reasons) ||
			len(rr.Failed) != tc.failed || len(rr.Specs) != tc.specs {
			t.Errorf("%s = %+v, want verdict %s interps %v reasons %v failed %d specs %d", tc.id, rr, tc.verdict, tc.interps, tc.reasons, tc.failed, tc.specs)
		}
	}
	if len(got) != 5 {
		t.Errorf("Aggregate gave %d requirements, want 5", len(got))
	}
	if rr := got["agent.get.1"]; rr.Quote == "" || rr.Namespace != "agent" {
		t.Errorf("agent.get.1 lacks its quote or namespace from the registry: %+v", rr)
	}
}

func TestFinish(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(r *Result)
		verdict string
		code    int
	}{
		{"a failure", func(r *Result) {}, NonConforming, 1},
		{"failures accepted", func(r *Result) {
			for i := range r.Requirements {
				if r.Requirements[i].Verdict == Fail {
					r.Requirements[i].Accepted = &BaselineEntry{Requirement: r.Requirements[i].ID}
				}
			}
		}, Conforming, 0},
		{"no failure", func(r *Result) { r.Requirements = r.Requirements[:1] }, Conforming, 0},
		{"expired baseline entry", func(r *Result) {
			r.Requirements = r.Requirements[:1]
			r.Baseline = &BaselineOutcome{Expired: []BaselineEntry{{Requirement: "x"}}}
		}, NonConforming, 1},
		{"suite-level failure", func(r *Result) {
			r.Requirements = r.Requirements[:1]
			r.Specs = append(r.Specs, Spec{Text: "[BeforeSuite]", Verdict: Fail, Failure: &Failure{}})
		}, NonConforming, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := sampleResult()
			tc.edit(r)
			r.Finish()
			if r.Verdict != tc.verdict || r.ExitCode != tc.code {
				t.Errorf("Finish: %s/%d, want %s/%d", r.Verdict, r.ExitCode, tc.verdict, tc.code)
			}
		})
	}
	r := sampleResult()
	r.Finish()
	if len(r.Interpretations) != 1 || r.Interpretations[0].ID != "INT-NS-1" || r.Interpretations[0].Strict == "" {
		t.Errorf("Interpretations = %+v, want INT-NS-1 from the registry", r.Interpretations)
	}
	want := Counts{Pass: 1, NonStrict: 1, Fail: 2, Skipped: 1}
	if r.Summary.Requirements != want || r.Summary.Specs != (Counts{Pass: 2, NonStrict: 1, Fail: 1, Skipped: 1}) {
		t.Errorf("Summary = %+v", r.Summary)
	}
}
