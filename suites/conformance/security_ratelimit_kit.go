package conformance

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/options"
	"scapi-conformance/contract/ratelimit"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
	"scapi-conformance/suites/matchers"
)

// rateStep is one step of a rate-limit timeline: a request (catalog name and
// parameters) or, when pause is set, time let pass on the target.
type rateStep struct {
	request string
	params  []any
	pause   time.Duration
	// refusedAs, when set, sends the request from this client, whose origin
	// the allow-list refuses it: it is judged by the allow-list oracle and must
	// not count against the limit (INT-RATE-4).
	refusedAs driver.Client
}

// rateCall and ratePause build steps.
func rateCall(request string, params ...any) rateStep {
	return rateStep{request: request, params: params}
}
func ratePause(d time.Duration) rateStep { return rateStep{pause: d} }

// rateTimes repeats a request step n times.
func rateTimes(n int, step rateStep) []rateStep {
	out := make([]rateStep, n)
	for i := range out {
		out[i] = step
	}
	return out
}

// rateSeen is what the target did with one request of the timeline.
type rateSeen struct {
	request string
	at      time.Time
	action  ratelimit.Action
	reply   *wire.Message
	// ref is the referenceId of a request sent where the strict reading
	// predicts silence, whose answer no call awaits ("" for the others), and
	// barrier says whether the target answered the barrier sent after it.
	ref     string
	barrier bool
}

func (r rateSeen) String() string {
	if r.reply == nil {
		return fmt.Sprintf("%s at %s: %s", r.request, r.at.Format("15:04:05.000"), r.action)
	}
	return fmt.Sprintf("%s at %s: %s %s", r.request, r.at.Format("15:04:05.000"), r.action, matchers.Describe(r.reply))
}

// rateRun starts at the beginning of a minute (the windows are the minutes of
// the clock, INT-RATE-3) once the suite's earlier traffic left every request
// of the timeline unquarantined, plays the steps from client c under the
// options in force (set through WithOptions, or declared) and judges what the
// target did against the oracle (contract/ratelimit): the strict reading must
// hold, or a lenient variant of it, which is reported NON-STRICT with the
// interpretation ids it departs from.
func rateRun(s *framework.Session, c driver.Client, steps ...rateStep) {
	ginkgo.GinkgoHelper()
	rateReplay(s, c, rateConfig(s), steps...)
}

// rateConfig parses the rate-limit options in effect.
func rateConfig(s *framework.Session) ratelimit.Config {
	ginkgo.GinkgoHelper()
	cfg, err := ratelimit.ParseOptions(s.Options())
	if err != nil {
		ginkgo.Fail(fmt.Sprintf("the rate-limit options in effect do not parse: %v", err))
	}
	return cfg
}

// rateReplay plays the steps under the rate-limit configuration in effect
// and judges them (see rateRun). The spec exceeds the limits on purpose: its
// requests are counted by the suite's rate budget, so that later specs wait
// out the quarantine it causes.
func rateReplay(s *framework.Session, c driver.Client, cfg ratelimit.Config, steps ...rateStep) {
	ginkgo.GinkgoHelper()
	strict := ratelimit.NewModel(cfg)
	var requests []string
	for _, st := range steps {
		if st.request != "" {
			requests = append(requests, framework.Method(st.request).Wire)
		}
	}
	s.AwaitFreshWindow(requests...)
	s.ExceedRateLimits()
	var seen []rateSeen
	for i, st := range steps {
		if st.pause > 0 {
			s.Advance(st.pause)
			continue
		}
		if st.refusedAs != nil {
			originJudge(s, s.Options()[options.AcceptedOrigins], st.refusedAs, originProbe{st.request, st.params})
			continue
		}
		at := s.Now()
		if strict.Decide(st.request, at).Action == ratelimit.Ignore {
			seen = append(seen, rateObserveSilence(s, c, st, at, fmt.Sprintf("rate-step-%d", i)))
			continue
		}
		seen = append(seen, rateObserve(s, c, st, at))
	}
	rateLate(s, c, seen)
	rateJudge(s, cfg, seen)
}

// rateObserve sends a request the strict reading expects an answer to and
// waits for it up to the wait timeout: however late it comes, an answer is
// classified as such; none by then, the request was ignored.
func rateObserve(s *framework.Session, c driver.Client, st rateStep, at time.Time) rateSeen {
	ginkgo.GinkgoHelper()
	ctx, cancel := context.WithTimeout(s.Context(), s.Timeout())
	defer cancel()
	name := framework.Method(st.request).Wire
	m, err := c.Call(ctx, wire.NewRequest(name, "", st.params))
	if m == nil && (s.Context().Err() != nil || !framework.IsTimeout(err)) {
		ginkgo.Fail(fmt.Sprintf("%s as %s: %v", name, c.Origin(), err))
	}
	return rateClassify(s, rateSeen{request: st.request, at: at}, m)
}

// rateObserveSilence sends a request the strict reading expects to be
// ignored, with the referenceId ref, and then a barrier (Session.Barrier): an
// answer sent before the barrier's is classified; none, the request was
// ignored (INT-RATE-6: the target answers one client in order; an answer that
// comes later anyway is taken by rateLate). No window of real time decides.
func rateObserveSilence(s *framework.Session, c driver.Client, st rateStep, at time.Time, ref string) rateSeen {
	ginkgo.GinkgoHelper()
	ctx, cancel := context.WithTimeout(s.Context(), s.Timeout())
	defer cancel()
	name := framework.Method(st.request).Wire
	if err := c.Send(ctx, wire.NewRequest(name, ref, st.params)); err != nil {
		ginkgo.Fail(fmt.Sprintf("%s as %s: %v", name, c.Origin(), err))
	}
	barrier := s.Barrier(c)
	return rateClassify(s, rateSeen{request: st.request, at: at, ref: ref, barrier: barrier}, s.TakeReply(c, ref))
}

// rateLate takes, after a last barrier, the answers that came to requests
// judged ignored, and the late answer stands for the request in the
// judgement. One that came after the answer to the barrier sent after it
// shows a target that does not answer in order (INT-RATE-6; strict fails,
// under security.rateLimit.6, whose silence it was); one later than the
// silence window of a target that answers no barrier is only late.
func rateLate(s *framework.Session, c driver.Client, seen []rateSeen) {
	ginkgo.GinkgoHelper()
	var waiting []int
	for i, r := range seen {
		if r.ref != "" && r.reply == nil {
			waiting = append(waiting, i)
		}
	}
	if len(waiting) == 0 {
		return
	}
	s.Barrier(c)
	var late []string
	for _, i := range waiting {
		if m := s.TakeReply(c, seen[i].ref); m != nil {
			seen[i] = rateClassify(s, seen[i], m)
			if seen[i].barrier {
				late = append(late, seen[i].String())
			}
		}
	}
	s.ForKit("security.rateLimit.6", func() {
		if len(late) > 0 {
			ginkgo.AddReportEntry("answered after a later message (INT-RATE-6)", strings.Join(late, "\n"))
		}
		s.Deviation("INT-RATE-6", len(late) == 0)
	})
}

// rateClassify files the answer m to a request: none ignores it, an error
// reply rejects it, a success runs it; an answer must be valid against what
// the one oracle (schemas.ForMessage, through Session.ValidMessage) says of
// an answer to the request, and a rate-limit error names the request it
// answers (INT-RATE-5).
func rateClassify(s *framework.Session, seen rateSeen, m *wire.Message) rateSeen {
	ginkgo.GinkgoHelper()
	seen.reply, seen.action = m, ratelimit.Ignore
	if m == nil {
		return seen
	}
	name := framework.Method(seen.request).Wire
	s.ValidMessage(m, name)
	seen.action = ratelimit.Run
	if framework.IsRefusal(m) {
		seen.action = ratelimit.Reject
		echoed, _ := m.String("request")
		Expect(echoed).To(Equal(name), "the rate-limit error reply must name the request it answers (INT-RATE-5): %s", matchers.Describe(m))
	}
	return seen
}

// rateJudge finds the first reading (strict first) under which the oracle
// predicts every observed action and error message.
func rateJudge(s *framework.Session, cfg ratelimit.Config, seen []rateSeen) {
	ginkgo.GinkgoHelper()
	for _, v := range ratelimit.Variants(cfg) {
		if exact, ok := rateMatches(v, seen); ok {
			for _, id := range v.Departures() {
				s.Deviation(id, false)
			}
			s.Deviation("INT-RATE-5", exact)
			return
		}
	}
	model := ratelimit.NewModel(cfg)
	var lines []string
	for _, r := range seen {
		want := model.Decide(r.request, r.at)
		lines = append(lines, fmt.Sprintf("  want %-6s %q | got %s", want.Action, want.Message, r))
	}
	_, explicit := s.Options()[options.QuarantineDelay]
	s.ForKit(rateRequirement(cfg, seen, explicit), func() {
		ginkgo.Fail("the target's rate limiting matches no reading of the documentation (strict reading shown):\n" + strings.Join(lines, "\n"))
	})
}

// rateMatches replays the timeline on a model of the reading v; exact is false
// when an error message only starts like the documented one.
func rateMatches(v ratelimit.Config, seen []rateSeen) (exact, ok bool) {
	model := ratelimit.NewModel(v)
	exact = true
	for _, r := range seen {
		want := model.Decide(r.request, r.at)
		if want.Action != r.action {
			return false, false
		}
		if want.Action != ratelimit.Reject {
			continue
		}
		msg, _ := r.reply.ErrorMessage()
		switch {
		case msg == want.Message:
		case strings.HasPrefix(msg, ratelimit.MessagePrefix(r.request)):
			exact = false
		default:
			return false, false
		}
	}
	return exact, true
}
