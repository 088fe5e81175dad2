package framework

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/ratelimit"
	"scapi-conformance/contract/wire"
	"scapi-conformance/suites/matchers"
)

// budget is the suite's model of the target's rate-limit windows: every
// request the suite sends that the allow-list does not refuse is counted on
// the oracle (strict reading), so that the suite never exceeds a limit by
// accident. On a target that is reset before each spec the budget is the
// spec's; on one that cannot be reset it is the run's, and the windows and
// quarantines carry over from spec to spec.
type budget struct {
	mu    sync.Mutex
	cfg   ratelimit.Config
	model *ratelimit.Model
	// started is set once the run's first spec waited for a fresh window.
	started bool
}

func newBudget(cfg ratelimit.Config) *budget {
	return &budget{cfg: cfg, model: ratelimit.NewModel(cfg)}
}

// limits reports whether any rate limit is in force.
func (b *budget) limits() bool { return b.cfg.Global > 0 || len(b.cfg.PerRequest) > 0 }

// limited reports whether a limit applies to request.
func (b *budget) limited(request string) bool {
	n, _ := b.cfg.Limit(request)
	return n > 0
}

// RealTimeMargin is added to every real-time wait for a rate-limit window or
// quarantine, and a request is not sent closer than this to the end of a
// minute: the target's clock and ours may differ that much.
const RealTimeMargin = time.Second

// rateReserve is the part of a spec's timeout a rate-limit wait may not use.
const rateReserve = 20 * time.Second

// rateWaited is the real time this process waited for rate-limit windows.
var rateWaited atomic.Int64

// RateWaited is the real time specs of this process waited for rate-limit
// windows or quarantines in force (with a virtual clock, none).
func RateWaited() time.Duration { return time.Duration(rateWaited.Load()) }

// RateWaitEntry is the report entry naming the time a spec waited for the
// rate limits in force, and how (virtual clock or real time).
const RateWaitEntry = "rate-wait"

// spend counts one request the suite is about to send as origin against the
// options in force. A request the allow-list refuses is not sent unless the
// spec judges refusals (JudgeAllowList): the spec is skipped with the reason;
// refused requests are not counted (INT-RATE-4). A request over a limit is
// held until the target's next window or the end of its quarantine, on the
// virtual clock when there is one, else in real time; a wait beyond the
// spec's budget skips the spec with the reason. A spec that exceeds limits on
// purpose (ExceedRateLimits) is counted, never held.
func (s *Session) spend(origin, request string) {
	ginkgo.GinkgoHelper()
	p := s.policy
	if p == nil || !p.known {
		return
	}
	if _, documented := contract.LookupWire(request); !documented {
		return // a name outside the catalog is the spec's own probe, judged by it
	}
	if d := p.Allows(origin, request); p.originsKnown && !d.Allowed {
		if !s.judgingOrigins {
			ginkgo.Skip(fmt.Sprintf("the accepted-web-content-origins in force (%q) refuse %s to %s (%s), and this spec needs it",
				s.OptionsInForce(options.AcceptedOrigins), request, origin, d.Reason))
		}
		return
	}
	b := s.budget
	if b == nil || !b.limited(request) {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for {
		now := s.Now()
		if !s.has(CapClock) && !s.exceedingRates {
			if next := now.Truncate(time.Minute).Add(time.Minute); next.Sub(now) < RealTimeMargin {
				s.waitForRate(next.Sub(now)+RealTimeMargin, request, "the end of the minute (the target's clock may differ from ours)")
				continue
			}
		}
		out := b.model.Peek(request, now)
		if out.Action == ratelimit.Run || s.exceedingRates {
			b.model.Decide(request, now)
			return
		}
		if out.Action == ratelimit.Ignore && out.Until.IsZero() {
			ginkgo.Skip(fmt.Sprintf("%s is quarantined until the target is reloaded (rate limits in force: %s), after a rate-limit spec exceeded the limit on purpose",
				request, describeLimits(b.cfg)))
		}
		until, what := now.Truncate(time.Minute).Add(time.Minute), "the next rate-limit window"
		if out.Action == ratelimit.Ignore {
			until, what = out.Until, "the end of its quarantine"
		}
		d := until.Sub(now)
		if !s.has(CapClock) {
			d += RealTimeMargin
		}
		s.waitForRate(d, request, what)
	}
}

// freshStart lets a run on a target that is not reset begin in a window the
// suite's budget knows: the target may have counted traffic the suite could
// not see (an earlier run, another client), so the first spec waits for the
// next minute, or the quarantine delay when it is longer. The run's own
// opening traffic is no such traffic: opening a target sends no request, and
// the preflight spends none that a declared limit counts.
func (s *Session) freshStart() {
	ginkgo.GinkgoHelper()
	b := s.budget
	if b.started || !b.limits() {
		return
	}
	b.started = true
	now := s.Now()
	d := now.Truncate(time.Minute).Add(time.Minute).Sub(now)
	if b.cfg.QuarantineDelay > d {
		d = b.cfg.QuarantineDelay
	}
	if !s.has(CapClock) {
		d += RealTimeMargin
	}
	s.waitForRate(d, "every request type", "a fresh rate-limit window (the target may have counted traffic before this run)")
}

// mayListen skips the spec, with the reason, when the options in force do
// not list origin, which then may not subscribe (INT-ORIGIN-6), unless the
// spec judges refusals.
func (s *Session) mayListen(origin string) {
	ginkgo.GinkgoHelper()
	p := s.policy
	if p == nil || !p.originsKnown || s.judgingOrigins || p.Origins().Listed(origin) {
		return
	}
	ginkgo.Skip(fmt.Sprintf("the accepted-web-content-origins in force (%q) do not list %s, which may then not subscribe, and this spec needs it",
		s.OptionsInForce(options.AcceptedOrigins), origin))
}

// unexpectedRateLimit handles the target answering the suite's own request
// with the rate-limit error although the suite's model of its windows (the
// strict reading) let it run: traffic the suite could not see (another
// client, an earlier run) or another pacing (a lenient reading, INT-RATE-1/3/4,
// judged by the rate-limit specs). The budget learns the quarantine the target
// announced and, when retry is true, the caller sends the request again once
// it is over (the result is true); otherwise the spec is skipped with the
// reason. Where no limit is in force the reply stands, for the spec to judge.
func (s *Session) unexpectedRateLimit(request string, m *wire.Message, retry bool) bool {
	ginkgo.GinkgoHelper()
	if s.exceedingRates || s.budget == nil || !s.budget.limited(request) {
		return false
	}
	msg, ok := m.ErrorMessage()
	if !ok || !strings.HasPrefix(msg, ratelimit.MessagePrefix(request)) {
		return false
	}
	if !retry {
		ginkgo.Skip(fmt.Sprintf("the target refused the suite's own %s with the rate-limit error again although the suite waited out the quarantine it announced (rate limits in force: %s); %s",
			request, describeLimits(s.budget.cfg), matchers.Describe(m)))
	}
	s.budget.exhaust(request, s.Now())
	return true
}

// exhaust records that the target reached the limit of request at now: the
// model counts the window full and starts the quarantine the target did.
func (b *budget) exhaust(request string, now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	limit, _ := b.cfg.Limit(request)
	for range limit + 1 {
		if b.model.Decide(request, now).Action != ratelimit.Run {
			return
		}
	}
}

// spendFor is spend for a request about to be sent under ctx: when the
// budget made it wait, the wait for the answer is given the time ctx had
// left before, from now on.
func (s *Session) spendFor(ctx context.Context, origin, request string) (context.Context, context.CancelFunc) {
	ginkgo.GinkgoHelper()
	before := time.Now()
	s.spend(origin, request)
	deadline, ok := ctx.Deadline()
	if !ok || time.Since(before) < time.Millisecond {
		return ctx, func() {}
	}
	return context.WithTimeout(s.ctx, deadline.Sub(before))
}

// waitForRate lets d pass before request can be sent: on the virtual clock
// when the target has one, else in real time. A wait beyond the spec's budget
// (its timeout less a reserve) skips the spec with the reason.
func (s *Session) waitForRate(d time.Duration, request, what string) {
	ginkgo.GinkgoHelper()
	if d <= 0 {
		return
	}
	if s.has(CapClock) {
		s.advanceClock(d)
		s.rateWait += d
		s.rateVirtual = true
		return
	}
	if deadline, ok := s.ctx.Deadline(); ok && time.Until(deadline)-rateReserve < d {
		ginkgo.Skip(fmt.Sprintf("the rate limits in force (%s) hold %s for %s (%s), beyond what is left of this spec's time; the target has no virtual clock",
			describeLimits(s.budget.cfg), request, d.Round(time.Second), what))
	}
	s.t.notify(fmt.Sprintf("waiting %s in real time for %s of %s (rate limits in force: %s)", d.Round(time.Second), what, request, describeLimits(s.budget.cfg)))
	s.sleep(d, fmt.Sprintf("for %s of %s", what, request))
	s.rateWait += d
	rateWaited.Add(int64(d))
}

// advanceClock moves the target's virtual clock by d.
func (s *Session) advanceClock(d time.Duration) {
	ginkgo.GinkgoHelper()
	ctx, cancel := context.WithTimeout(s.ctx, s.t.timeout())
	defer cancel()
	if err := s.t.Driver.Control().AdvanceClock(ctx, d); err != nil {
		ginkgo.Fail(fmt.Sprintf("cannot advance the target's clock by %s: %v", d, err))
	}
	virtualWaited.Add(int64(d))
}

// ExceedRateLimits declares that the spec exceeds the rate limits in force on
// purpose (a rate-limit spec): its requests are counted, so that later specs
// wait out the quarantine it causes, but never held.
func (s *Session) ExceedRateLimits() { s.exceedingRates = true }

// JudgeAllowList declares that the spec sends requests the allow-list in
// force refuses on purpose, to judge how they are refused; otherwise such a
// request skips the spec.
func (s *Session) JudgeAllowList() { s.judgingOrigins = true }

// AwaitFreshWindow lets time pass until none of the requests is quarantined
// by the suite's earlier traffic and a new minute starts, and returns its
// start: a rate-limit timeline then begins with every count at zero.
func (s *Session) AwaitFreshWindow(requests ...string) time.Time {
	ginkgo.GinkgoHelper()
	if b := s.budget; b != nil {
		for _, r := range requests {
			now := s.Now()
			if out := b.model.Peek(r, now); out.Action == ratelimit.Ignore {
				if out.Until.IsZero() {
					ginkgo.Skip(fmt.Sprintf("%s is quarantined until the target is reloaded (rate limits in force: %s)", r, describeLimits(b.cfg)))
				}
				s.Advance(out.Until.Sub(now) + RealTimeMargin)
			}
		}
	}
	return s.AlignToMinute()
}
