package framework

import (
	"context"
	"fmt"
	"maps"
	"sync/atomic"
	"time"

	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
)

// Session is one spec's access to the target. It is fresh per spec: on a
// steerable target the target is reset and receives DefaultOptions first;
// every client it opens is closed when the spec ends. Its methods fail the
// spec (or skip it, with the reason) instead of returning errors.
type Session struct {
	ctx      context.Context
	t        *Target
	spec     specInfo
	caps     control.Capabilities
	clients  []*recordingClient
	observed atomic.Int64
	// options are the options in effect, as configured (absent = default),
	// and policy the same read by the oracles.
	options control.Options
	policy  *policy
	// budget counts the requests sent against the rate limits in force.
	budget *budget
	// judgingOrigins and exceedingRates: the spec sends refused requests or
	// exceeds rate limits on purpose (JudgeAllowList, ExceedRateLimits).
	judgingOrigins, exceedingRates bool
	advanced                       time.Duration
	// rateWait is the time the spec waited for rate-limit windows, on the
	// virtual clock when rateVirtual.
	rateWait    time.Duration
	rateVirtual bool
	start       time.Time
}

func newSession(ctx context.Context, t *Target, spec specInfo) *Session {
	return &Session{ctx: ctx, t: t, spec: spec, start: time.Now()}
}

// begin checks the capabilities and the options the spec needs and prepares
// the target: a target that can be reset is reset; one whose options can be
// set receives DefaultOptions and the options the spec declares (WithOptions);
// otherwise the options in force are those its profile declares.
func (s *Session) begin() {
	ginkgo.GinkgoHelper()
	ginkgo.DeferCleanup(s.closeClients)
	caps, err := s.t.capabilities(s.ctx)
	if err != nil {
		ginkgo.Fail(fmt.Sprintf("cannot read the target's capabilities: %v", err))
	}
	s.caps = caps
	if reason := skipReason(s.spec, caps, s.t.Driver.Control() != nil, s.t.Profile); reason != "" {
		ginkgo.Skip(reason)
	}
	ctrl := s.t.Driver.Control()
	ctx, cancel := s.wait()
	defer cancel()
	if s.t.resettable(caps) {
		if err := ctrl.Reset(ctx); err != nil {
			ginkgo.Fail(fmt.Sprintf("cannot reset the target before the spec: %v", err))
		}
	}
	if !s.has(CapOptions) {
		s.options = s.t.Profile.declared()
		s.usePolicy(s.t.Profile.Options != nil)
		return
	}
	s.options = DefaultOptions(s.t.Driver.Origins())
	maps.Copy(s.options, s.spec.options)
	if err := ctrl.SetOptions(ctx, s.options); err != nil {
		ginkgo.Fail(fmt.Sprintf("cannot set the options %v: %v", s.options, err))
	}
	s.usePolicy(true)
}

// usePolicy reads the options in force with the oracles and sets the rate
// budget: the spec's own on a target reset before each spec, else the run's.
func (s *Session) usePolicy(known bool) {
	ginkgo.GinkgoHelper()
	p, err := newPolicy(s.options, known)
	if err != nil {
		ginkgo.Fail(fmt.Sprintf("the options in force do not parse: %v", err))
	}
	s.policy = p
	listed := ""
	if p.originsKnown {
		for _, o := range s.t.Driver.Origins() {
			if p.Origins().Listed(o) {
				listed = o
				break
			}
		}
	}
	s.t.listed.Store(listed)
	rate, _ := p.Rate()
	if s.t.resettable(s.caps) || s.has(CapOptions) {
		s.budget = newBudget(rate)
		return
	}
	s.budget = s.t.sharedBudget(rate)
	s.freshStart()
}

// end fails a spec that observed nothing from the target.
func (s *Session) end() {
	ginkgo.GinkgoHelper()
	if s.observed.Load() == 0 {
		ginkgo.Fail("the spec observed no message from the target: a spec that observes nothing tests nothing")
	}
	if s.advanced > 0 {
		ginkgo.AddReportEntry("virtual-wait", s.advanced.String(), ginkgo.ReportEntryVisibilityNever)
	}
	if s.rateWait > 0 {
		how := "in real time"
		if s.rateVirtual {
			how = "on the virtual clock"
		}
		ginkgo.AddReportEntry(RateWaitEntry, fmt.Sprintf("waited %s %s for the rate limits in force", s.rateWait.Round(time.Second), how), ginkgo.ReportEntryVisibilityNever)
	}
}

func (s *Session) closeClients() {
	for _, c := range s.clients {
		_ = c.Close()
	}
}

// has reports whether the target provides a capability.
func (s *Session) has(capability string) bool {
	return has(capability, s.caps, s.t.Driver.Control() != nil)
}

// wait returns a context bounded by the target's per-wait timeout.
func (s *Session) wait() (context.Context, context.CancelFunc) {
	return context.WithTimeout(s.ctx, s.t.timeout())
}

// Context is the spec's context; it ends when the spec times out or is
// interrupted. Bound every wait derived from it.
func (s *Session) Context() context.Context { return s.ctx }

// Timeout is the bound of each wait.
func (s *Session) Timeout() time.Duration { return s.t.timeout() }

// Strict reports whether the run holds the target to the strict readings.
func (s *Session) Strict() bool { return s.t.Strict }

// Target returns the target of the run.
func (s *Session) Target() *Target { return s.t }

// Has reports whether the target provides a capability (see Capabilities),
// for specs that adapt rather than skip.
func (s *Session) Has(capability string) bool { return s.has(capability) }

// Origins returns the client origins the spec can use, those the options in
// force list, the one that may call the most requests first: the driver's
// origins on a target whose options the suite sets; otherwise the origins the
// profile says the target accepts or, when it lists none, the concrete
// origins of the accepted-web-content-origins in force and the driver's.
func (s *Session) Origins() []string {
	if s.has(CapOptions) || s.policy == nil || !s.policy.originsKnown {
		if !s.has(CapOptions) && len(s.t.Profile.Origins) > 0 {
			return append([]string(nil), s.t.Profile.Origins...)
		}
		return s.t.Driver.Origins()
	}
	candidates := append([]string(nil), s.t.Profile.Origins...)
	if len(candidates) == 0 {
		candidates = append(s.policy.Origins().Concrete(), s.t.Driver.Origins()...)
	}
	return s.policy.accepted(candidates)
}

// NeedOrigins returns the first n origins of Origins, distinct client
// origins the target accepts. A target offering fewer (one that cannot be
// steered, whose profile lists fewer accepted origins) cannot run the spec:
// it is skipped with the reason, neither failed nor passed.
func (s *Session) NeedOrigins(n int) []string {
	ginkgo.GinkgoHelper()
	o := s.Origins()
	if len(o) < n {
		ginkgo.Skip(fmt.Sprintf("the spec needs %d distinct client origins the target accepts; it offers %d %v", n, len(o), o))
	}
	return o[:n]
}

// Data returns what the profile says the target holds under key; ok is false
// when the profile says nothing.
func (s *Session) Data(key string) (value any, ok bool) {
	value, ok = s.t.Profile.Data[key]
	return value, ok
}

// Client opens a client presenting the given origin. It is closed when the
// spec ends. Failing to connect fails the spec.
func (s *Session) Client(origin string) driver.Client {
	ginkgo.GinkgoHelper()
	c, err := s.TryClient(origin)
	if err != nil {
		ginkgo.Fail(fmt.Sprintf("cannot open a client as origin %q: %v", origin, err))
	}
	return c
}

// TryClient opens a client presenting origin like Client, but returns the
// error instead of failing the spec: for origins a driver may be unable to
// present (a browser only presents the origins of its frames).
func (s *Session) TryClient(origin string) (driver.Client, error) {
	ctx, cancel := s.wait()
	defer cancel()
	c, err := s.t.Driver.Open(ctx, origin)
	if err != nil {
		return nil, err
	}
	rc := &recordingClient{Client: c, s: s}
	s.clients = append(s.clients, rc)
	return rc, nil
}

// client returns the session's wrapper of c; c must come from Session.Client.
func (s *Session) client(c driver.Client) *recordingClient {
	ginkgo.GinkgoHelper()
	rc, ok := c.(*recordingClient)
	if !ok || rc.s != s {
		ginkgo.Fail("the client was not opened by this spec's Session.Client")
	}
	return rc
}
