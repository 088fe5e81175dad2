package framework

import (
	"strings"
	"testing"
	"time"

	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
)

// The plan decides from the capabilities and the options in force, with the
// decision Session.begin takes, without running a body: over the fixed
// scenarios, a target without control whose profile declares a limit of 2.
func TestPlanSpecs(t *testing.T) {
	suite, reporter := ginkgo.GinkgoConfiguration()
	suite.LabelFilter = "fixed"
	preview := ginkgo.PreviewSpecs("framework plan", suite, reporter)
	profile := Profile{Options: control.Options{options.AcceptedOrigins: "https://a.example (agent.*)", options.RateLimit: "2"}}
	plan, err := PlanSpecs(PlanTarget{Profile: profile}, preview.SpecReports)
	if err != nil {
		t.Fatal(err)
	}
	skipped := map[string]string{}
	for _, s := range plan.Specs {
		if s.Skip != "" {
			skipped[s.Text] = s.Skip
		}
	}
	if len(plan.Specs) != 7 || len(skipped) != 1 {
		t.Fatalf("planned %d specs, %d skipped (%v); want 7, 1", len(plan.Specs), len(skipped), skipped)
	}
	want := `the spec needs service-client-api.rate-limit="7"; the target's options cannot be set and are configured with "2"`
	if got := skipped["fixed scenarios skips: options other than those in force"]; got != want {
		t.Errorf("skip reason %q, want %q", got, want)
	}
	if plan.Clock || plan.RateWait != 3*time.Minute {
		t.Errorf("clock %v, rate wait %s: want no clock and 3m0s (a fresh window, then 6 running specs at 0.6 requests each, 2 a minute)", plan.Clock, plan.RateWait)
	}
	text := plan.String()
	for _, line := range []string{"6 specs will run, 1 will be skipped.", "Rate limits in force: 2 per request type per minute, quarantine 30s.",
		"pacing the suite's own traffic to the rate limits adds up to about 3m0s"} {
		if !strings.Contains(text, line) {
			t.Errorf("the plan does not say %q:\n%s", line, text)
		}
	}
	withClock, err := PlanSpecs(PlanTarget{Caps: control.Capabilities{Clock: true, NoReset: true}, Control: true, Profile: profile}, preview.SpecReports)
	if err != nil || !withClock.Clock || withClock.RateWait != 0 || !strings.Contains(withClock.String(), "without real waiting") {
		t.Errorf("with a virtual clock: %v, %+v", err, withClock)
	}
}
