package report

import "time"

// sampleSpecs is one spec of each verdict, two citing the same requirement.
func sampleSpecs() []Spec {
	return []Spec{
		{Text: "agent get returns the agent", Requirements: []string{"agent.get.1"}, Verdict: Pass, Location: "a.go:1", Millis: 3},
		{Text: "agent setState changes the state", Requirements: []string{"agent.setState.1", "agent.setState.3"}, Verdict: Fail, Location: "a.go:2", Millis: 5,
			Failure: &Failure{Message: "failed: Expected\n    <string>: NOT_READY\nto equal\n    <string>: READY", Location: "a.go:20", Signature: "failed: Expected / to equal",
				Attachments: []Attach{{Name: "transcript", Value: `→ {"request":"agent.setState"}`}}}},
		{Text: "agent setState accepts names", Requirements: []string{"agent.setState.1"}, Verdict: Pass, Location: "a.go:3"},
		{Text: "agent setState operation name", Requirements: []string{"agent.setState.2"}, Verdict: NonStrict, Interpretations: []string{"INT-NS-1"}, Location: "a.go:4"},
		{Text: "voice dial rings", Requirements: []string{"voice.dial.1"}, Verdict: Skipped, Reason: `the target cannot provide "inbound-call"`, Location: "v.go:1"},
	}
}

func sampleResult() *Result {
	specs := sampleSpecs()
	return &Result{Specs: specs, Requirements: Aggregate(specs),
		Target:     Target{URL: "ws://127.0.0.1:1/scapi", UserAgent: "WWE Server", ProtocolVersion: "2", Embedded: true, Build: map[string]string{"name": "reference"}},
		Provenance: Provenance{SuiteVersion: "dev", Driver: "ws", Seed: 7, Repeat: 1, Start: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC), DurationMillis: 1234}}
}
