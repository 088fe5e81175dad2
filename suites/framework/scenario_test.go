package framework

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onsi/ginkgo/v2"
	"github.com/onsi/ginkgo/v2/types"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/wire"
)

// The framework's behaviour inside a real Ginkgo run: the scenario specs below
// run in a child process (Ginkgo runs one suite per process) against the fake
// target, once lenient and once strict, and the parent checks each spec's
// outcome and failure message in the child's JSON report.

const (
	envScenario = "FRAMEWORK_SCENARIO" // "lenient" or "strict" in the child
	envReport   = "FRAMEWORK_REPORT"   // where the child writes its JSON report
)

var scenarioCtrl = &fakeController{caps: control.Capabilities{Options: true, Stimuli: []string{control.StimAgentState},
	Unavailable: map[string]string{control.StimChatEnd: "manual, and nobody is at the console"}}}

var _ = ginkgo.Describe("scenarios", func() {
	ConformanceIt("passes: a call, an event read past and found later, a stimulus", Reqs{"envelope.reply.1"}, func(s *Session) {
		Expect(scenarioCtrl.resets).To(BeNumerically(">", 0), "the target is reset before each spec")
		c := s.Client(s.Origins()[0])
		Expect(s.Call(c, "emit:agent/STATE_CHANGED").Kind().String()).To(Equal("reply"))
		Expect(s.Call(c, "emit:system/")).NotTo(BeNil())
		s.ExpectEvent(c, "system", "")
		s.ExpectEvent(c, "agent", "STATE_CHANGED")
		Expect(s.Stimulate(control.StimAgentState, nil)).To(HaveKeyWithValue("stimulus", control.StimAgentState))
	})
	ConformanceIt("passes: options are merged over the defaults", Reqs{"envelope.reply.1"}, func(s *Session) {
		s.Call(s.Client(s.Origins()[0]), "agent.get")
		s.SetOptions(control.Options{options.RateLimit: "5"})
		got := scenarioCtrl.lastOptions()
		Expect(got).To(HaveKeyWithValue(options.RateLimit, "5"))
		Expect(got).To(HaveKeyWithValue(options.AcceptedOrigins, DefaultOptions(s.Origins())[options.AcceptedOrigins]))
		Expect(s.Options()).To(Equal(got))
	})
	ConformanceIt("passes: a Slow spec waits in real time without a virtual clock", Reqs{"envelope.reply.1"}, func(s *Session) {
		s.Call(s.Client(s.Origins()[0]), "agent.get")
		start := time.Now()
		s.Advance(20 * time.Millisecond)
		Expect(time.Since(start)).To(BeNumerically(">=", 20*time.Millisecond))
		Expect(s.Elapsed()).To(Equal(20 * time.Millisecond))
	}, Slow)
	ConformanceIt("passes: events in the documented order", Reqs{"envelope.reply.1"}, func(s *Session) {
		c := s.Client(s.Origins()[0])
		s.Call(c, "emit:interaction/RINGING")
		s.Call(c, "emit:interaction/ESTABLISHED")
		s.ExpectEventsInOrder(c, "interaction", "RINGING", "ESTABLISHED")
	})
	ConformanceIt("fails: events out of order", Reqs{"envelope.reply.1"}, func(s *Session) {
		c := s.Client(s.Origins()[0])
		s.Call(c, "emit:interaction/ESTABLISHED")
		s.Call(c, "emit:interaction/RINGING")
		s.ExpectEventsInOrder(c, "interaction", "RINGING", "ESTABLISHED")
	})
	ConformanceIt("fails: observed nothing", Reqs{"envelope.reply.1"}, func(s *Session) {
		s.Client(s.Origins()[0])
	})
	ConformanceIt("fails: no reply", Reqs{"envelope.reply.1"}, func(s *Session) {
		s.Call(s.Client(s.Origins()[0]), "silent")
	})
	ConformanceIt("fails: no such event", Reqs{"envelope.reply.1"}, func(s *Session) {
		c := s.Client(s.Origins()[0])
		s.Call(c, "emit:agent/OTHER")
		s.ExpectEvent(c, "agent", "STATE_CHANGED")
	})
	ConformanceIt("fails: a flood of unexpected messages", Reqs{"envelope.reply.1"}, func(s *Session) {
		c := s.Client(s.Origins()[0])
		s.Call(c, "flood")
		s.ExpectEvent(c, "agent", "STATE_CHANGED")
	}, ginkgo.SpecTimeout(30*time.Second))
	ConformanceIt("fails: an event during silence", Reqs{"envelope.reply.1"}, func(s *Session) {
		c := s.Client(s.Origins()[0])
		s.Call(c, "emit:agent/STATE_CHANGED")
		s.ExpectNoEvent(c)
	})
	ConformanceIt("fails: an event read past before the no-event check", Reqs{"envelope.reply.1"}, func(s *Session) {
		c := s.Client(s.Origins()[0])
		s.Call(c, "emit:agent/OTHER")
		s.Call(c, "emit:interaction/RINGING")
		s.ExpectEvent(c, "interaction", "RINGING")
		s.ExpectNoEventSoFar(c)
	})
	ConformanceIt("fails: an event later than any window, before the barrier's answer", Reqs{"envelope.reply.1"}, func(s *Session) {
		c := s.Client(s.Origins()[0])
		s.Call(c, "late:agent/STATE_CHANGED")
		s.ExpectNoEventSoFar(c)
	})
	ConformanceIt("fails: an event later than any window, before the barrier's answer, after the call", Reqs{"envelope.reply.1"}, func(s *Session) {
		c := s.Client(s.Origins()[0])
		s.Call(c, "late:agent/STATE_CHANGED")
		s.ExpectNoEvent(c)
	})
	ConformanceIt("passes: a reply before a barrier's answer is taken, a late one after the next barrier", Reqs{"envelope.reply.1"}, func(s *Session) {
		c := s.Client(s.Origins()[0])
		Expect(c.Send(s.Context(), wire.NewRequest("agent.get", "early", nil))).To(Succeed())
		Expect(c.Send(s.Context(), wire.NewRequest("late", "late", nil))).To(Succeed())
		Expect(s.Barrier(c)).To(BeTrue())
		Expect(s.TakeReply(c, "early")).NotTo(BeNil(), "the reply sent before the barrier's answer")
		Expect(s.TakeReply(c, "early")).To(BeNil(), "taken once")
		Expect(s.TakeReply(c, "late")).To(BeNil(), "the reply held back past the barrier")
		s.Barrier(c)
		Expect(s.TakeReply(c, "late")).NotTo(BeNil(), "the late reply, after the next barrier")
		s.ExpectNoEventSoFar(c)
	})
	ConformanceIt("passes: no event so far", Reqs{"envelope.reply.1"}, func(s *Session) {
		c := s.Client(s.Origins()[0])
		s.Call(c, "emit:agent/STATE_CHANGED")
		s.ExpectEvent(c, "agent", "STATE_CHANGED")
		s.ExpectNoEventSoFar(c)
	})
	ConformanceIt("fails: a reply where silence was due", Reqs{"envelope.reply.1"}, func(s *Session) {
		s.ExpectNoReply(s.Client(s.Origins()[0]), "agent.get")
	})
	ConformanceIt("passes: silence where silence was due", Reqs{"envelope.reply.1"}, func(s *Session) {
		c := s.Client(s.Origins()[0])
		s.Call(c, "agent.get")
		s.ExpectNoReply(c, "silent")
	})
	ConformanceIt("skips: a capability the target lacks", Reqs{"envelope.reply.1"}, func(s *Session) {
		ginkgo.Fail("the body must not run")
	}, Needs(control.StimInboundCall))
	ConformanceIt("skips: a stimulus the target lacks", Reqs{"envelope.reply.1"}, func(s *Session) {
		s.Stimulate(control.StimChatEnd, nil)
	})
	ConformanceIt("skips: real waiting in a spec not decorated Slow", Reqs{"envelope.reply.1"}, func(s *Session) {
		s.Advance(time.Second)
	})
	ConformanceIt("deviates: a lenient reading", Reqs{"envelope.reply.1"}, func(s *Session) {
		s.Call(s.Client(s.Origins()[0]), "agent.get")
		s.Deviation("INT-SPEC-1", false)
	})
	ConformanceIt("fails: an unknown interpretation", Reqs{"envelope.reply.1"}, func(s *Session) {
		s.Deviation("INT-NOPE-1", true)
	})
})

// The profile scenarios run against a target that cannot be steered, whose
// profile says how it is configured.
var _ = ginkgo.Describe("profile scenarios", ginkgo.Label("profile"), func() {
	ConformanceIt("passes: options the profile already has, and the profile's origins", Reqs{"envelope.reply.1"}, func(s *Session) {
		Expect(s.Origins()).To(Equal([]string{"https://profile.example"}))
		s.SetOptions(control.Options{options.QuarantineDelay: "20", options.UserDataReadAllowed: options.DefaultUserDataReadAllowed})
		Expect(s.Call(s.Client(s.Origins()[0]), "agent.get").Kind().String()).To(Equal("reply"))
		v, ok := s.Data("agent")
		Expect(ok).To(BeTrue())
		Expect(v).To(Equal("007"))
	})
	ConformanceIt("skips: options the profile does not have", Reqs{"envelope.reply.1"}, func(s *Session) {
		s.SetOptions(control.Options{options.QuarantineDelay: "45"})
	})
	ConformanceIt("skips: a stimulus without a control endpoint", Reqs{"envelope.reply.1"}, func(s *Session) {
		s.Stimulate(control.StimAgentState, nil)
	})
	ConformanceIt("skips: more origins than the profile accepts", Reqs{"envelope.reply.1"}, func(s *Session) {
		Expect(s.NeedOrigins(1)).To(Equal([]string{"https://profile.example"}))
		s.NeedOrigins(2)
		ginkgo.Fail("NeedOrigins(2) returned with one origin")
	})
	ConformanceIt("fails: a target that answers no barrier: what arrived meanwhile is judged", Reqs{"envelope.reply.1"}, func(s *Session) {
		c := s.Client(s.Origins()[0])
		s.Call(c, "late:agent/STATE_CHANGED")
		Expect(s.Barrier(c)).To(BeFalse(), "the profile's target answers no empty subscribe")
		Expect(s.Barrier(c)).To(BeFalse(), "and is listened to for the window")
		s.ExpectNoEventSoFar(c)
	})
})

// The fixed scenarios run against a target configured once (capabilities:
// the virtual clock only, no reset) whose profile declares its options.
var fixedCtrl = &fakeController{caps: control.Capabilities{Clock: true, NoReset: true},
	now: time.Date(2026, 1, 1, 9, 0, 30, 0, time.UTC)}

var _ = ginkgo.Describe("fixed scenarios", ginkgo.Label("fixed"), func() {
	ConformanceIt("passes: the suite's own traffic is paced to the rate limits in force, on the virtual clock", Reqs{"envelope.reply.1"}, func(s *Session) {
		Expect(s.Now()).To(Equal(time.Date(2026, 1, 1, 9, 1, 0, 0, time.UTC)), "the run starts on a fresh window")
		c := s.Client(s.Origins()[0])
		for range 2 {
			s.Call(c, "agent.get")
		}
		Expect(s.Now()).To(Equal(time.Date(2026, 1, 1, 9, 1, 0, 0, time.UTC)), "two requests fit in the limit")
		s.Call(c, "agent.get")
		Expect(s.Now()).To(Equal(time.Date(2026, 1, 1, 9, 2, 0, 0, time.UTC)), "the third waits for the next minute")
		Expect(fixedCtrl.resets).To(BeZero(), "a target that cannot be reset is not reset")
	})
	ConformanceIt("passes: the windows carry over from spec to spec", Reqs{"envelope.reply.1"}, func(s *Session) {
		c := s.Client(s.Origins()[0])
		s.Call(c, "agent.get")
		s.Call(c, "agent.get")
		Expect(s.Now()).To(Equal(time.Date(2026, 1, 1, 9, 3, 0, 0, time.UTC)), "one request was left in the minute the spec before used")
	})
	ConformanceIt("passes: a rate-limit spec exceeds the limit on purpose and later requests wait out its quarantine", Reqs{"envelope.reply.1"}, func(s *Session) {
		c := s.Client(s.Origins()[0])
		s.ExceedRateLimits()
		for range 3 {
			s.Call(c, "agent.getState")
		}
		Expect(s.Now()).To(Equal(time.Date(2026, 1, 1, 9, 3, 0, 0, time.UTC)), "nothing was held")
	})
	ConformanceIt("passes: after a quarantine", Reqs{"envelope.reply.1"}, func(s *Session) {
		s.Call(s.Client(s.Origins()[0]), "agent.getState")
		Expect(s.Now()).To(Equal(time.Date(2026, 1, 1, 9, 4, 0, 0, time.UTC)), "the quarantine (10s) ended inside the minute, whose count stays full")
	})
	ConformanceIt("skips: a request the allow-list in force refuses", Reqs{"envelope.reply.1"}, func(s *Session) {
		s.Call(s.Client(s.Origins()[0]), "interaction.getInteractions")
	})
	ConformanceIt("passes: a refusal the spec judges is sent and not counted", Reqs{"envelope.reply.1"}, func(s *Session) {
		s.JudgeAllowList()
		c := s.Client(s.Origins()[0])
		for range 3 {
			s.Call(c, "interaction.getInteractions")
		}
		Expect(s.Now()).To(Equal(time.Date(2026, 1, 1, 9, 4, 0, 0, time.UTC)), "refused requests were counted")
	})
	ConformanceIt("skips: options other than those in force", Reqs{"envelope.reply.1"}, func(s *Session) {
		ginkgo.Fail("the body ran")
	}, WithOptions(control.Options{options.RateLimit: "7"}))
})

// TestScenarioChild runs the scenarios when started by TestScenarios.
func TestScenarioChild(t *testing.T) {
	mode := os.Getenv(envScenario)
	if mode == "" {
		t.Skip("run by TestScenarios in a child process")
	}
	target := &Target{Driver: &fakeDriver{ctrl: scenarioCtrl}, Strict: mode == "strict", Silence: 50 * time.Millisecond, Timeout: 200 * time.Millisecond}
	RegisterFailHandler(ginkgo.Fail)
	suite, reporter := ginkgo.GinkgoConfiguration()
	suite.LabelFilter = "!profile && !fixed"
	if mode == "fixed" {
		suite.LabelFilter = "fixed"
		suite.RandomizeAllSpecs = false
		target.Driver = &fakeDriver{ctrl: fixedCtrl}
		target.Profile = Profile{Options: control.Options{options.AcceptedOrigins: "https://a.example (agent.*)",
			options.RateLimit: "2", options.QuarantineDelay: "10"}}
	}
	if mode == "profile" {
		suite.LabelFilter = "profile"
		target.Driver = &fakeDriver{}
		target.Profile = Profile{Options: control.Options{options.QuarantineDelay: "20"}, Origins: []string{"https://profile.example"}, Data: map[string]any{"agent": "007"}}
	}
	Configure(target)
	reporter.JSONReport = os.Getenv(envReport)
	ginkgo.RunSpecs(t, "framework scenarios", suite, reporter)
}

// scenarioOutcome is what a scenario must end with: its state and a piece of
// its failure or skip message.
type scenarioOutcome struct {
	state   types.SpecState
	message string
}

func TestScenarios(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	common := map[string]scenarioOutcome{
		"passes: a call, an event read past and found later, a stimulus":                        {types.SpecStatePassed, ""},
		"passes: options are merged over the defaults":                                          {types.SpecStatePassed, ""},
		"passes: a Slow spec waits in real time without a virtual clock":                        {types.SpecStatePassed, ""},
		"passes: events in the documented order":                                                {types.SpecStatePassed, ""},
		"fails: events out of order":                                                            {types.SpecStateFailed, `event "interaction"/ESTABLISHED arrived before "interaction"/RINGING on https://a.example; the documented order is RINGING → ESTABLISHED`},
		"fails: observed nothing":                                                               {types.SpecStateFailed, "the spec observed no message from the target: a spec that observes nothing tests nothing"},
		"fails: no reply":                                                                       {types.SpecStateFailed, "request silent[] as https://a.example: no reply within 200ms"},
		"fails: no such event":                                                                  {types.SpecStateFailed, `waiting for event "agent"/STATE_CHANGED on https://a.example: no such event within 200ms (timed out waiting for the target: no message); unconsumed messages: {"data":{"eventType":"OTHER"}`},
		"fails: a flood of unexpected messages":                                                 {types.SpecStateFailed, "https://a.example received more than 10000 messages no expectation took"},
		"fails: an event during silence":                                                        {types.SpecStateFailed, `expected nothing on https://a.example, got {"data":{"eventType":"STATE_CHANGED"}`},
		"fails: an event read past before the no-event check":                                   {types.SpecStateFailed, `expected nothing on https://a.example, got {"data":{"eventType":"OTHER"}`},
		"fails: an event later than any window, before the barrier's answer":                    {types.SpecStateFailed, `expected nothing on https://a.example, got {"data":{"eventType":"STATE_CHANGED"}`},
		"fails: an event later than any window, before the barrier's answer, after the call":    {types.SpecStateFailed, `expected nothing on https://a.example, got {"data":{"eventType":"STATE_CHANGED"}`},
		"passes: a reply before a barrier's answer is taken, a late one after the next barrier": {types.SpecStatePassed, ""},
		"passes: no event so far":                                                               {types.SpecStatePassed, ""},
		"fails: a reply where silence was due":                                                  {types.SpecStateFailed, `request agent.get[] as https://a.example: expected no reply, got {"data":{}`},
		"passes: silence where silence was due":                                                 {types.SpecStatePassed, ""},
		"skips: a capability the target lacks":                                                  {types.SpecStateSkipped, `the target cannot provide "inbound-call", which this spec needs`},
		"skips: a stimulus the target lacks":                                                    {types.SpecStateSkipped, `the target cannot produce the stimulus "chat-end": manual, and nobody is at the console`},
		"skips: real waiting in a spec not decorated Slow":                                      {types.SpecStateSkipped, "the target has no virtual clock and this spec is not decorated Slow: it would wait 1s in real time"},
		"fails: an unknown interpretation":                                                      {types.SpecStateFailed, `unknown interpretation id "INT-NOPE-1" (not in contract/interp)`},
	}
	t.Run("profile", func(t *testing.T) {
		checkScenarios(t, runScenarios(t, "profile"), map[string]scenarioOutcome{
			"passes: options the profile already has, and the profile's origins":        {types.SpecStatePassed, ""},
			"skips: options the profile does not have":                                  {types.SpecStateSkipped, `the spec needs service-client-api.rate-limit-quarantine-delay="45"; the target's options cannot be set and are configured with "20"`},
			"skips: a stimulus without a control endpoint":                              {types.SpecStateSkipped, `the target cannot produce the stimulus "agent-state"`},
			"fails: a target that answers no barrier: what arrived meanwhile is judged": {types.SpecStateFailed, `expected nothing on https://profile.example, got {"data":{"eventType":"STATE_CHANGED"}`},
			"skips: more origins than the profile accepts":                              {types.SpecStateSkipped, `the spec needs 2 distinct client origins the target accepts; it offers 1 [https://profile.example]`},
		}, "profile")
	})
	t.Run("fixed", func(t *testing.T) {
		checkScenarios(t, runScenarios(t, "fixed"), map[string]scenarioOutcome{
			"passes: the suite's own traffic is paced to the rate limits in force, on the virtual clock":        {types.SpecStatePassed, ""},
			"passes: the windows carry over from spec to spec":                                                  {types.SpecStatePassed, ""},
			"passes: a rate-limit spec exceeds the limit on purpose and later requests wait out its quarantine": {types.SpecStatePassed, ""},
			"passes: after a quarantine":                                {types.SpecStatePassed, ""},
			"skips: a request the allow-list in force refuses":          {types.SpecStateSkipped, `the accepted-web-content-origins in force ("https://a.example (agent.*)") refuse interaction.getInteractions to https://a.example`},
			"passes: a refusal the spec judges is sent and not counted": {types.SpecStatePassed, ""},
			"skips: options other than those in force":                  {types.SpecStateSkipped, `the spec needs service-client-api.rate-limit="7"; the target's options cannot be set and are configured with "2"`},
		}, "fixed")
	})
	for mode, deviation := range map[string]scenarioOutcome{
		"lenient": {types.SpecStatePassed, ""},
		"strict":  {types.SpecStateFailed, "strict reading of INT-SPEC-1 (how a request refused by the allow-list is answered) does not hold"},
	} {
		t.Run(mode, func(t *testing.T) {
			want := map[string]scenarioOutcome{"deviates: a lenient reading": deviation}
			for k, v := range common {
				want[k] = v
			}
			checkScenarios(t, runScenarios(t, mode), want, mode)
		})
	}
}

// checkScenarios compares the child's spec reports with the wanted outcomes.
func checkScenarios(t *testing.T, reports []types.SpecReport, want map[string]scenarioOutcome, mode string) {
	t.Helper()
	seen := 0
	for _, r := range reports {
		if r.LeafNodeType != types.NodeTypeIt || r.State == types.SpecStateSkipped && r.Failure.Message == "" {
			continue // filtered out by the child's label filter
		}
		seen++
		if loc := r.LeafNodeLocation; filepath.Base(loc.FileName) != "scenario_test.go" {
			t.Errorf("%q is reported at %s, not where ConformanceIt was called", r.LeafNodeText, loc)
		}
		w, ok := want[r.LeafNodeText]
		if !ok {
			t.Errorf("unexpected scenario %q", r.LeafNodeText)
			continue
		}
		if r.State != w.state || !strings.Contains(r.Failure.Message, w.message) {
			t.Errorf("%q: %s %q\n want %s with a message containing %q", r.LeafNodeText, r.State, r.Failure.Message, w.state, w.message)
		}
		entries := map[string]string{}
		for _, e := range r.ReportEntries {
			entries[e.Name] = e.StringRepresentation()
		}
		if r.LeafNodeText == "deviates: a lenient reading" && mode == "lenient" && entries[NonStrictEntry] != "INT-SPEC-1" {
			t.Errorf("the lenient deviation left report entries %v, want %s = INT-SPEC-1", entries, NonStrictEntry)
		}
	}
	if seen != len(want) {
		t.Errorf("%d scenarios reported, want %d", seen, len(want))
	}
}

// runScenarios runs the scenario specs in a child process and returns their
// reports.
func runScenarios(t *testing.T, mode string) []types.SpecReport {
	t.Helper()
	report := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(os.Args[0], "-test.run=^TestScenarioChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envScenario+"="+mode, envReport+"="+report)
	out, _ := cmd.CombinedOutput() // the child fails: some scenarios must fail
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatalf("the child wrote no report (%v):\n%s", err, out)
	}
	var reports []types.Report
	if err := json.Unmarshal(b, &reports); err != nil || len(reports) != 1 {
		t.Fatalf("the child's report does not decode (%v, %d reports)", err, len(reports))
	}
	return reports[0].SpecReports
}
