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
	// options are the options in effect, as configured (absent = default).
	options  control.Options
	advanced time.Duration
	start    time.Time
}

func newSession(ctx context.Context, t *Target, spec specInfo) *Session {
	return &Session{ctx: ctx, t: t, spec: spec, start: time.Now()}
}

// begin checks the capabilities the spec needs and prepares the target.
func (s *Session) begin() {
	ginkgo.GinkgoHelper()
	ginkgo.DeferCleanup(s.closeClients)
	caps, err := s.t.capabilities(s.ctx)
	if err != nil {
		ginkgo.Fail(fmt.Sprintf("cannot read the target's capabilities: %v", err))
	}
	s.caps = caps
	for _, need := range s.spec.needs {
		if !s.has(need) {
			ginkgo.Skip(fmt.Sprintf("the target cannot provide %q, which this spec needs", need))
		}
	}
	ctrl := s.t.Driver.Control()
	if ctrl == nil || !caps.Options {
		s.options = maps.Clone(s.t.Profile.Options)
		if s.options == nil {
			s.options = control.Options{}
		}
	}
	if ctrl == nil {
		return
	}
	ctx, cancel := s.wait()
	defer cancel()
	if err := ctrl.Reset(ctx); err != nil {
		ginkgo.Fail(fmt.Sprintf("cannot reset the target before the spec: %v", err))
	}
	if caps.Options {
		s.options = DefaultOptions(s.t.Driver.Origins())
		if err := ctrl.SetOptions(ctx, s.options); err != nil {
			ginkgo.Fail(fmt.Sprintf("cannot set the default options %v: %v", s.options, err))
		}
	}
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
}

func (s *Session) closeClients() {
	for _, c := range s.clients {
		_ = c.Close()
	}
}

// has reports whether the target provides a capability.
func (s *Session) has(capability string) bool {
	switch capability {
	case CapClock:
		return s.caps.Clock && s.t.Driver.Control() != nil
	case CapOptions:
		return s.caps.Options && s.t.Driver.Control() != nil
	}
	if s.t.Driver.Control() == nil {
		return false
	}
	for _, st := range s.caps.Stimuli {
		if st == capability {
			return true
		}
	}
	return false
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

// Origins returns the client origins the spec can use: those the driver can
// present or, for a target that cannot be steered, those its profile says it
// accepts (when the profile lists any).
func (s *Session) Origins() []string {
	if s.t.Driver.Control() == nil && len(s.t.Profile.Origins) > 0 {
		return append([]string(nil), s.t.Profile.Origins...)
	}
	return s.t.Driver.Origins()
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
