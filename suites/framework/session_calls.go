package framework

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/suites/matchers"
)

// Call sends request with the positional params (none: the parameters key is
// absent, as the vendor client sends it) and returns the reply with the same
// referenceId. A reply carrying errorMessage is returned, not failed on; a
// transport error or no reply within the timeout fails the spec.
func (s *Session) Call(c driver.Client, request string, params ...any) *wire.Message {
	ginkgo.GinkgoHelper()
	return s.CallRequest(c, wire.NewRequest(request, "", params))
}

// CallRequest sends a request envelope as given (a chosen referenceId, an odd
// userAgent) and returns its reply; failures as for Call.
func (s *Session) CallRequest(c driver.Client, req wire.Request) *wire.Message {
	ginkgo.GinkgoHelper()
	rc := s.client(c)
	ctx, cancel := s.wait()
	defer cancel()
	m, err := rc.Call(ctx, req)
	if err != nil {
		ginkgo.Fail(fmt.Sprintf("%s as %s: %s", describeRequest(req), rc.Origin(), s.waitError(err, "no reply")))
	}
	return m
}

// ExpectNoReply sends request and fails the spec if its reply arrives
// before the answer to a Barrier sent after it: the request must be ignored,
// as during a rate-limit quarantine (a target that answers one client out of
// order is judged by its order, INT-RATE-6).
func (s *Session) ExpectNoReply(c driver.Client, request string, params ...any) {
	ginkgo.GinkgoHelper()
	rc := s.client(c)
	req := wire.NewRequest(request, "silent-"+strconv.FormatInt(barriers.Add(1), 10), params)
	ctx, cancel := s.wait()
	defer cancel()
	if err := rc.Send(ctx, req); err != nil {
		ginkgo.Fail(fmt.Sprintf("%s as %s: %v", describeRequest(req), rc.Origin(), err))
	}
	s.Barrier(c)
	if m := s.TakeReply(c, req.ReferenceID); m != nil {
		ginkgo.Fail(fmt.Sprintf("%s as %s: expected no reply, got %s", describeRequest(req), rc.Origin(), matchers.Describe(m)))
	}
}

// Subscribe subscribes c to the event names and returns the acknowledgement;
// no acknowledgement within the timeout fails the spec.
func (s *Session) Subscribe(c driver.Client, names ...string) *wire.Message {
	ginkgo.GinkgoHelper()
	rc := s.client(c)
	ctx, cancel := s.wait()
	defer cancel()
	m, err := rc.Subscribe(ctx, names...)
	if err != nil {
		ginkgo.Fail(fmt.Sprintf("subscribe %v as %s: %s", names, rc.Origin(), s.waitError(err, "no acknowledgement")))
	}
	return m
}

// Unsubscribe sends an unsubscribe envelope for the subscription id; no reply
// is expected.
func (s *Session) Unsubscribe(c driver.Client, subscriptionID string) {
	ginkgo.GinkgoHelper()
	rc := s.client(c)
	ctx, cancel := s.wait()
	defer cancel()
	if err := rc.Send(ctx, wire.NewUnsubscribe(subscriptionID)); err != nil {
		ginkgo.Fail(fmt.Sprintf("unsubscribe %q as %s: %v", subscriptionID, rc.Origin(), err))
	}
}

// waitError words a failed wait: a timeout says what did not arrive and when.
func (s *Session) waitError(err error, missing string) string {
	if s.ctx.Err() != nil {
		return fmt.Sprintf("the spec ended while waiting (%v): %v", s.ctx.Err(), err)
	}
	if IsTimeout(err) {
		return fmt.Sprintf("%s within %s (%v)", missing, s.t.timeout(), err)
	}
	return err.Error()
}

// IsTimeout reports whether err says that a wait ended without an answer
// (a driver timeout or a context deadline): what a silent target gives.
func IsTimeout(err error) bool {
	return errors.Is(err, driver.ErrTimeout) || errors.Is(err, context.DeadlineExceeded)
}

func describeRequest(req wire.Request) string {
	if req.Event != "" {
		return fmt.Sprintf("%s %v", req.Event, req.Data)
	}
	return fmt.Sprintf("request %s%v", req.Request, req.Parameters)
}

// TryRequest sends a request envelope and returns its reply, or nil when none
// came within the timeout; any other transport failure fails the spec.
func (s *Session) TryRequest(c driver.Client, req wire.Request) *wire.Message {
	ginkgo.GinkgoHelper()
	rc := s.client(c)
	ctx, cancel := s.wait()
	defer cancel()
	m, err := rc.Call(ctx, req)
	if m == nil && (s.ctx.Err() != nil || !IsTimeout(err)) {
		ginkgo.Fail(fmt.Sprintf("%s as %s: %v", describeRequest(req), rc.Origin(), err))
	}
	return m
}
