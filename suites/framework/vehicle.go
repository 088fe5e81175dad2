package framework

import (
	"maps"
	"slices"
	"strings"

	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// vehicleReq is the requirement that the agent STATE_CHANGED event exists:
// 001 Agent namespace > setState shows the event a state change sends.
const vehicleReq = "agent.setState.3"

// ChangeStateSeenBy changes the agent's state through changer and expects
// the agent STATE_CHANGED event on watcher, which subscribed to agent
// events. It is the vehicle of specs whose requirement is not the event
// itself (an acknowledgement before any event, what a subscription
// delivers, an event's envelope, a filtered origin's events), and returns
// the event.
//
// A missing vehicle cannot tell by itself "the target sends no
// STATE_CHANGED" from "this subscription delivered nothing". So when none
// comes, a new client at changer's origin subscribes to agent events and
// changer changes the state again: when that client gets no STATE_CHANGED
// either, the target does not send the event, and the failure is
// attributed to agent.setState.3 (the spec's own requirements are then not
// decided); otherwise it is the spec's own. Once a probe has shown it, later
// vehicles under the same options and from the same origin are not probed
// again (other options may filter that origin otherwise).
func (s *Session) ChangeStateSeenBy(changer, watcher driver.Client) *wire.Message {
	ginkgo.GinkgoHelper()
	s.ChangeState(changer)
	m, err := s.awaitEvent(watcher, "agent", "STATE_CHANGED")
	if err == nil {
		return m
	}
	why := s.eventMissing(watcher, "agent", "STATE_CHANGED", err)
	key := s.stateChangedKey(changer)
	if _, shown := s.t.noStateChanged.Load(key); IsTimeout(err) && s.ctx.Err() == nil && (shown || !s.sendsStateChanged(changer)) {
		s.t.noStateChanged.Store(key, true)
		s.ForKit(vehicleReq, func() {
			ginkgo.Fail(why + "; a new client of " + changer.Origin() +
				" subscribed to agent events got none after another state change either: the target sends no STATE_CHANGED")
		})
	}
	ginkgo.Fail(why)
	return nil
}

// sendsStateChanged reports whether a new client at changer's origin,
// subscribed to agent events, gets STATE_CHANGED when changer changes the
// agent's state: true also when that cannot be found out (the subscribe is
// not acknowledged), so that only a target shown not to send the event is
// held to it.
func (s *Session) sendsStateChanged(changer driver.Client) bool {
	ginkgo.GinkgoHelper()
	probe, err := s.TryClient(changer.Origin())
	if err != nil {
		return true
	}
	ctx, cancel := s.wait()
	ack, err := s.client(probe).Subscribe(ctx, "agent")
	cancel()
	if err != nil || ack.Kind() != wire.KindAck {
		return true
	}
	s.ChangeState(changer)
	_, err = s.awaitEvent(probe, "agent", "STATE_CHANGED")
	return err == nil || !IsTimeout(err)
}

// stateChangedKey names what a probe's answer depends on: the options in
// force and the changer's origin.
func (s *Session) stateChangedKey(changer driver.Client) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(s.options)) {
		b.WriteString(k + "=" + s.options[k] + "\n")
	}
	return b.String() + changer.Origin()
}
