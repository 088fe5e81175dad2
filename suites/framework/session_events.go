package framework

import (
	"fmt"

	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/suites/matchers"
)

// ExpectEvent waits for the event with the eventType ("" for an event whose
// data has no eventType) on c and returns it. Messages that arrived earlier
// and were not consumed are searched first, oldest first; others read while
// waiting are kept for later expectations. No such event within the timeout
// fails the spec, listing what arrived instead.
func (s *Session) ExpectEvent(c driver.Client, event, eventType string) *wire.Message {
	ginkgo.GinkgoHelper()
	m, err := s.awaitEvent(c, event, eventType)
	if err != nil {
		ginkgo.Fail(s.eventMissing(c, event, eventType, err))
	}
	return m
}

// eventMissing says why the wait for an event on c failed, listing what
// arrived instead.
func (s *Session) eventMissing(c driver.Client, event, eventType string, err error) string {
	return fmt.Sprintf("waiting for event %s on %s: %s; unconsumed messages: %s",
		describeEvent(event, eventType), c.Origin(), s.waitError(err, "no such event"), s.client(c).describeBacklog())
}

// awaitEvent is ExpectEvent returning the failed wait instead of failing.
func (s *Session) awaitEvent(c driver.Client, event, eventType string) (*wire.Message, error) {
	ginkgo.GinkgoHelper()
	rc := s.client(c)
	if m := rc.take(event, eventType); m != nil {
		recordEvent(event, eventType)
		return m, nil
	}
	ctx, cancel := s.wait()
	defer cancel()
	for {
		m, err := rc.read(ctx)
		if err != nil {
			return nil, err
		}
		rc.stamp(m)
		if matchers.IsEvent(m, event, eventType) {
			recordEvent(event, eventType)
			return m, nil
		}
		rc.keep(m)
	}
}

// ExpectEventsInOrder expects the events of the given name with the
// eventTypes, in this relative order (events in between are allowed), and
// returns them. An event arriving before one listed earlier fails the spec.
func (s *Session) ExpectEventsInOrder(c driver.Client, event string, eventTypes ...string) []*wire.Message {
	ginkgo.GinkgoHelper()
	return s.ExpectEventsInOrderFor(c, event, eventTypes, nil)
}

// NextMessage returns the next message on c that is not a reply to a call
// (oldest unconsumed first); none within the timeout fails the spec.
func (s *Session) NextMessage(c driver.Client) *wire.Message {
	ginkgo.GinkgoHelper()
	rc := s.client(c)
	ctx, cancel := s.wait()
	defer cancel()
	m, err := rc.Next(ctx)
	if err != nil {
		ginkgo.Fail(fmt.Sprintf("waiting for a message on %s: %s", rc.Origin(), s.waitError(err, "no message")))
	}
	rc.stamp(m)
	return m
}

// ExpectNoEvent fails the spec if an event or an unsolicited reply reaches c
// from now on, up to the answer to a Barrier sent now. Messages that arrived
// before the call and that an earlier expectation read past are not judged
// (ExpectNoEventSoFar judges them too). The barrier makes the check
// independent of the machine's load: an event the target sent before
// answering it is there, however late; a target that leaves barriers
// unanswered is listened to for the silence window (Target.Silence), which
// only real time can measure.
func (s *Session) ExpectNoEvent(c driver.Client) {
	ginkgo.GinkgoHelper()
	rc := s.client(c)
	before := len(rc.backlog)
	s.Barrier(c)
	expectNothingIn(rc.Origin(), withoutBarriers(s.arrived(rc)[before:]))
}

func describeEvent(event, eventType string) string {
	if eventType == "" {
		return fmt.Sprintf("%q (no eventType)", event)
	}
	return fmt.Sprintf("%q/%s", event, eventType)
}
