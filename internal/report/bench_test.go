package report

import (
	"fmt"
	"testing"
)

// largeResult is a run of n specs citing three requirements each, one in ten failing with a transcript.
func largeResult(n int) *Result {
	r := sampleResult()
	r.Specs = nil
	for i := range n {
		s := Spec{Text: fmt.Sprintf("spec %d", i), Location: "x.go:1", Verdict: Pass,
			Requirements: []string{fmt.Sprintf("agent.get.%d", i%300), fmt.Sprintf("voice.dial.%d", i%200), "agent.setState.1"}}
		if i%10 == 0 {
			s.Verdict = Fail
			s.Failure = &Failure{Message: "failed: Expected\n    <string>: A\nto equal\n    <string>: B",
				Attachments: []Attach{{Name: "transcript", Value: fmt.Sprintf("%2000s", "→ {}")}}}
		}
		r.Specs = append(r.Specs, s)
	}
	r.Requirements = Aggregate(r.Specs)
	r.ComputeCoverage(nil, nil)
	r.Finish()
	return r
}

// BenchmarkReports measures turning 1000 specs into verdicts and all three
// reports, redacted: the cost the CLI adds after the specs ran.
func BenchmarkReports(b *testing.B) {
	r := largeResult(1000)
	red := NewRedactor("hunter2")
	b.ReportAllocs()
	for b.Loop() {
		r.Requirements = Aggregate(r.Specs)
		r.Finish()
		red.Result(r)
		if _, err := MarshalJUnit(r); err != nil {
			b.Fatal(err)
		}
		if _, err := RenderHTML(r); err != nil {
			b.Fatal(err)
		}
	}
}
