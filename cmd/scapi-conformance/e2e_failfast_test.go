package main

import (
	"path/filepath"
	"strings"
	"testing"

	"scapi-conformance/internal/report"
)

// TestE2EBrokenEnvelopeFailsFast: against each mutant that breaks the
// envelope every vendor client relies on, the run still reports every spec,
// the preflight names the broken basic, and every failing spec says it met
// the broken envelope: none waited out a timeout.
func TestE2EBrokenEnvelopeFailsFast(t *testing.T) {
	for _, c := range []struct{ mutant, basic string }{
		{"envelope-reference-id-as-number", "BROKEN  reply envelope             the reply echoes referenceId as 0, a JSON number"},
		{"envelope-user-agent-without-wwe", `BROKEN  reply envelope             the reply's userAgent "Workspace Server" does not contain "WWE"`},
		{"subscribe-ack-with-event-key", `BROKEN  subscribe acknowledgement  the answer carries an "event" key ("subscribe")`},
		{"subscribe-ack-reference-id-not-echoed", `BROKEN  subscribe acknowledgement  the acknowledgement (subscriptionId "subscription-`},
	} {
		t.Run(c.mutant, func(t *testing.T) {
			r := e2e(t, "run", "--driver", "inproc", "--mutant", c.mutant, "--label-filter", "ns:voice", "--json", "{dir}/r.json")
			r.expect(t, exitFailed)
			if !strings.Contains(r.stdout, c.basic) {
				t.Errorf("the preflight does not say %q:\n%s", c.basic, tail(r.stdout, 40))
			}
			res, err := report.ReadJSON(filepath.Join(r.dir, "r.json"))
			if err != nil {
				t.Fatal(err)
			}
			if res.Summary.Specs.Fail == 0 || res.Summary.Specs.NotRun != 0 {
				t.Errorf("specs %+v; want failures and every spec reported", res.Summary.Specs)
			}
			for _, s := range res.Specs {
				if s.Failure != nil && !strings.Contains(s.Failure.Message, "broken envelope (every vendor client drops this answer)") {
					t.Errorf("%q failed without naming the broken envelope: %s", s.Text, s.Failure.Message)
				}
			}
		})
	}
}
