package conformance

import (
	"context"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/wire"
	"scapi-conformance/suites/framework"
	"scapi-conformance/suites/matchers"
)

// Subscriptions (DESIGN.md > Wire protocol > Subscribe, and the documentation's
// Notifications): the acknowledgement, which events a subscription delivers,
// and unsubscribe.
var _ = Describe("Wire protocol > subscriptions", func() {
	framework.ConformanceIt("subscribe is acknowledged with the referenceId and a subscriptionId, without an event key, before any event",
		framework.Reqs{"envelope.subscribe.1", "envelope.subscribe.2", "envelope.reply.3"}, func(s *framework.Session) {
			// Nothing is stimulated before the acknowledgement arrives: events
			// sent before it are lost by the client, and a state change racing
			// the subscribe would judge the race, not the target. Whatever the
			// target sends unprompted before the ack (a snapshot event) is a
			// failure: the first message after the subscribe must be the ack.
			c := s.Client(s.Origins()[0])
			ctx, cancel := context.WithTimeout(s.Context(), s.Timeout())
			defer cancel()
			Expect(c.Send(ctx, wire.NewSubscribe("sub-ref", "agent", "interaction"))).To(Succeed())
			ack := s.NextMessage(c)
			for ack.Kind() == wire.KindFrameID {
				ack = s.NextMessage(c)
			}
			Expect(ack.Kind()).To(Equal(wire.KindAck), "the first message after subscribe must be its acknowledgement (events before it are lost): %s", matchers.Describe(ack))
			Expect(ack).To(matchers.EchoReferenceID("sub-ref"))
			id, ok := ack.String("subscriptionId")
			Expect(ok && id != "").To(BeTrue(), "subscriptionId must be a non-empty string: %s", matchers.Describe(ack))
			framework.ExpectHeader(ack)
			Expect(ack.Has("errorMessage")).To(BeFalse(), "an acknowledgement carrying errorMessage is a failure to the client: %s", matchers.Describe(ack))
			s.ValidMessage(ack, wire.EventSubscribe)
			s.ChangeStateSeenBy(c, c)
		})

	framework.ConformanceIt("a client receives the events it subscribed to and no others",
		framework.Reqs{"envelope.subscribe.3"}, func(s *framework.Session) {
			o := s.NeedOrigins(3)
			both, interactionOnly, none := s.Client(o[0]), s.Client(o[1]), s.Client(o[2])
			s.Subscribe(both, "agent", "interaction")
			s.Subscribe(interactionOnly, "interaction")
			s.ChangeStateSeenBy(none, both)
			s.ExpectNoEvent(interactionOnly)
			s.ExpectNoEvent(none)
		})

	framework.ConformanceIt("unsubscribe gets no reply and stops the subscription's events",
		framework.Reqs{"envelope.unsubscribe.1"}, func(s *framework.Session) {
			c := s.Agent()
			ack := s.Subscribe(c, "agent")
			id, _ := ack.String("subscriptionId")
			s.ChangeStateSeenBy(c, c)
			s.Unsubscribe(c, id)
			s.ExpectNoEvent(c)
			s.ChangeState(c)
			s.ExpectNoEvent(c)
		})
})
