package framework

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/suites/matchers"
)

// barriers numbers the barriers of the run, for their referenceIds
// (barrierPrefix and the number: a late answer is known for one).
var barriers atomic.Int64

const barrierPrefix = "barrier-"

// Barrier makes sure that what the target sent c so far has arrived, without
// a fixed wait: it sends c a subscribe to no event (it changes nothing, and
// no rate limit counts it, INT-RATE-2) and waits, up to the wait timeout,
// for its answer (an acknowledgement of nothing, an error reply, even a near
// miss). One connection keeps its order (a websocket; postMessage between
// two windows), so every message the target sent c before answering has
// then arrived: in order of sending, what the target did before it is seen,
// whatever the load of the machine. A target that answers a later message
// first (an event or a reply it holds back) is seen late or not at all:
// what a barrier concludes about the absence of a message is a reading of
// the target's order (INT-RATE-6 for replies).
//
// It reports whether the target answered. A client whose origin the
// allow-list in force does not list, or whose target left a barrier
// unanswered (no answer to an empty subscribe: from then on for the whole
// run when the origin is known to be listed), is listened to for the silence
// window instead (Target.Silence). Either way what arrived is kept for
// later expectations (ExpectNoEventSoFar, TakeReply).
func (s *Session) Barrier(c driver.Client) bool {
	ginkgo.GinkgoHelper()
	rc := s.client(c)
	if rc.barrierless || s.t.unanswered.Load() || !s.answersSubscribes(rc.Origin()) {
		s.settle(rc)
		return false
	}
	req := wire.NewBarrier(barrierPrefix + strconv.FormatInt(barriers.Add(1), 10))
	ctx, cancel := s.wait()
	defer cancel()
	m, err := rc.Client.Call(ctx, req)
	switch {
	case m != nil || errors.Is(err, driver.ErrBrokenEnvelope):
		s.observed.Add(1)
		return true
	case s.ctx.Err() != nil || !IsTimeout(err):
		ginkgo.Fail(fmt.Sprintf("%s as %s (a barrier): %s", describeRequest(req), rc.Origin(), s.waitError(err, "no answer")))
	}
	rc.barrierless = true
	if p := s.policy; p != nil && p.originsKnown {
		// An origin the allow-list in force lists: the target does not
		// answer an empty subscribe at all.
		s.t.unanswered.Store(true)
	}
	return false
}

// answersSubscribes is false for an origin the allow-list in force does not
// list: its subscribes get no answer (INT-ORIGIN-6), so a barrier from it
// would only wait out the timeout.
func (s *Session) answersSubscribes(origin string) bool {
	p := s.policy
	return p == nil || !p.originsKnown || p.Origins().Listed(origin)
}

// settle keeps what arrives on rc during the silence window, for a target
// that does not answer barriers.
func (s *Session) settle(rc *recordingClient) {
	ginkgo.GinkgoHelper()
	ctx, cancel := context.WithTimeout(s.ctx, s.t.silence())
	defer cancel()
	for {
		m, err := rc.read(ctx)
		if err != nil {
			if s.ctx.Err() != nil || !IsTimeout(err) {
				ginkgo.Fail(fmt.Sprintf("listening on %s: %s", rc.Origin(), s.waitError(err, "no message")))
			}
			return
		}
		rc.stamp(m)
		rc.keep(m)
	}
}

// arrived moves every message that has reached rc, without waiting, to its
// backlog and returns the backlog.
func (s *Session) arrived(rc *recordingClient) []*wire.Message {
	ginkgo.GinkgoHelper()
	done, cancel := context.WithCancel(s.ctx)
	cancel()
	for {
		m, err := rc.read(done)
		if m == nil {
			if err != nil && !IsTimeout(err) && !errors.Is(err, context.Canceled) {
				ginkgo.Fail(fmt.Sprintf("reading what reached %s: %v", rc.Origin(), err))
			}
			return rc.backlog
		}
		rc.stamp(m)
		rc.keep(m)
	}
}

// SoFar sends c a Barrier and returns every message that reached c before
// its answer and that no expectation took, oldest first, whenever it arrived
// (read past by an earlier expectation, or waiting unread); barrier answers
// are left out. They stay for later expectations.
func (s *Session) SoFar(c driver.Client) []*wire.Message {
	ginkgo.GinkgoHelper()
	rc := s.client(c)
	s.Barrier(c)
	return withoutBarriers(s.arrived(rc))
}

// Drain takes and returns what SoFar returns: every message that reached c
// up to the answer to a Barrier sent now and that no expectation took.
func (s *Session) Drain(c driver.Client) []*wire.Message {
	ginkgo.GinkgoHelper()
	out := s.SoFar(c)
	s.client(c).backlog = nil
	return out
}

// withoutBarriers leaves out the (late) answers to barriers.
func withoutBarriers(msgs []*wire.Message) []*wire.Message {
	var out []*wire.Message
	for _, m := range msgs {
		if ref, _ := m.ReferenceID(); !strings.HasPrefix(ref, barrierPrefix) {
			out = append(out, m)
		}
	}
	return out
}

// expectNothingIn fails the spec on the first of msgs that is no frameId
// message: an event or an unsolicited reply where none was due.
func expectNothingIn(origin string, msgs []*wire.Message) {
	ginkgo.GinkgoHelper()
	for _, m := range msgs {
		if m.Kind() != wire.KindFrameID {
			ginkgo.Fail(fmt.Sprintf("expected nothing on %s, got %s", origin, matchers.Describe(m)))
		}
	}
}

// ExpectNoEventSoFar fails the spec if an event or an unsolicited reply
// reached c and no expectation took it (SoFar). Unlike ExpectNoEvent it
// judges everything since the client was opened, not a window after the
// call, and does not depend on how fast the target is.
func (s *Session) ExpectNoEventSoFar(c driver.Client) {
	ginkgo.GinkgoHelper()
	expectNothingIn(c.Origin(), s.SoFar(c))
}

// TakeReply removes from what has reached c, without waiting, the answer
// whose referenceId is ref (a reply or error reply to a request sent with
// Send, whose answer no Call awaits) and returns it; nil when none has come.
// Send a Barrier first to be sure that an answer sent before it is there.
func (s *Session) TakeReply(c driver.Client, ref string) *wire.Message {
	ginkgo.GinkgoHelper()
	rc := s.client(c)
	for i, m := range s.arrived(rc) {
		if id, ok := m.ReferenceID(); ok && id == ref && m.Kind() == wire.KindReply {
			rc.backlog = append(rc.backlog[:i:i], rc.backlog[i+1:]...)
			return m
		}
	}
	return nil
}
