package conformance

import (
	"context"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/wire"
	"scapi-conformance/suites/framework"
	"scapi-conformance/suites/matchers"
)

// The envelopes on the wire (DESIGN.md > Wire protocol): what every reply,
// acknowledgement and event must carry for the vendor client library to take
// it, subscription delivery and its end, and requests nobody documented.
var _ = Describe("Wire protocol > envelopes", func() {
	// envelopeHeader checks userAgent and protocolVersion of a service message.
	envelopeHeader := func(m *wire.Message) {
		GinkgoHelper()
		ua, _ := m.String("userAgent")
		Expect(ua).To(ContainSubstring("WWE"), "the vendor client drops a message whose userAgent lacks \"WWE\": %s", framework.Describe(m))
		v, ok := m.Int("protocolVersion")
		Expect(ok && v == wire.ProtocolVersion).To(BeTrue(), "protocolVersion must be 2: %s", framework.Describe(m))
	}
	framework.ConformanceIt("a success reply carries userAgent WWE, protocolVersion 2, the referenceId, the request name and data",
		framework.Reqs{"envelope.reply.1", "envelope.reply.2", "envelope.reply.3", "envelope.reply.5"}, func(s *framework.Session) {
			c := nsAgent(s)
			m := s.CallRequest(c, wire.NewRequest("agent.get", "ref-success", nil))
			Expect(m).To(matchers.HaveSucceeded())
			Expect(m).To(matchers.EchoReferenceID("ref-success"))
			envelopeHeader(m)
			name, _ := m.String("request")
			Expect(name).To(Equal("agent.get"), "the reply names the request it answers (INT-SPEC-3)")
			Expect(m.Has("data")).To(BeTrue(), "agent.get documents a result: %s", framework.Describe(m))
			nsValid(m, "envelope.Reply")
		})

	framework.ConformanceIt("an error reply carries the referenceId, the request name and a string errorMessage, and no data",
		framework.Reqs{"envelope.reply.1", "envelope.reply.2", "envelope.reply.3", "envelope.reply.5"}, func(s *framework.Session) {
			c := nsAgent(s)
			m := s.CallRequest(c, wire.NewRequest("interaction.setUserData", "ref-error", []any{nsNoSuchID, map[string]any{"k": "v"}}))
			Expect(m).To(matchers.HaveRepliedWithError(Not(BeEmpty())))
			Expect(m).To(matchers.EchoReferenceID("ref-error"))
			Expect(m.Has("data")).To(BeFalse(), "a reply is either data or errorMessage (INT-SPEC-3): %s", framework.Describe(m))
			name, _ := m.String("request")
			Expect(name).To(Equal("interaction.setUserData"))
			s.Deviation("INT-SCHEMA-13", m.Has("userAgent") && m.Has("protocolVersion"))
			if m.Has("userAgent") {
				envelopeHeader(m)
			}
		})

	framework.ConformanceIt("the referenceId is echoed as the very string sent, whatever it holds",
		framework.Reqs{"envelope.reply.3", "envelope.reply.4"}, func(s *framework.Session) {
			c := nsAgent(s)
			for _, ref := range []string{"0", "007", "1e3", " 5 ", "-1", "abc-DEF_123", "ünïcödé ✓ 参照",
				`quote " and \ backslash`, strings.Repeat("r", 512), "null", "true"} {
				m := s.CallRequest(c, wire.NewRequest("agent.getState", ref, nil))
				Expect(m).To(matchers.EchoReferenceID(ref))
				Expect(m).To(matchers.HaveSucceeded())
			}
		})

	framework.ConformanceIt("an event carries event, data with eventType, userAgent WWE and protocolVersion 2",
		framework.Reqs{"envelope.event.1"}, func(s *framework.Session) {
			c := nsAgent(s, "agent")
			coreStateChange(s, c)
			m := s.ExpectEvent(c, "agent", "STATE_CHANGED")
			Expect(m.Has("referenceId")).To(BeFalse(), "an event is not a reply: %s", framework.Describe(m))
			s.Deviation("INT-SCHEMA-11", m.Has("userAgent") && m.Has("protocolVersion"))
			if m.Has("userAgent") {
				envelopeHeader(m)
			}
			nsValid(m, "envelope.Event")
		})

	framework.ConformanceIt("subscribe is acknowledged with the referenceId and a subscriptionId, without an event key, before any event",
		framework.Reqs{"envelope.subscribe.1", "envelope.subscribe.2"}, func(s *framework.Session) {
			// The state change goes out on the same connection right after the
			// subscribe, so the target handles the subscribe first.
			c := s.Client(s.Origins()[0])
			ctx, cancel := context.WithTimeout(s.Context(), s.Timeout())
			defer cancel()
			Expect(c.Send(ctx, wire.NewSubscribe("sub-ref", "agent", "interaction"))).To(Succeed())
			coreStateChange(s, c)
			ack := s.NextMessage(c)
			for ack.Kind() == wire.KindFrameID {
				ack = s.NextMessage(c)
			}
			Expect(ack.Kind()).To(Equal(wire.KindAck), "the first message after subscribe must be its acknowledgement (events before it are lost): %s", framework.Describe(ack))
			Expect(ack).To(matchers.EchoReferenceID("sub-ref"))
			id, ok := ack.String("subscriptionId")
			Expect(ok && id != "").To(BeTrue(), "subscriptionId must be a non-empty string: %s", framework.Describe(ack))
			envelopeHeader(ack)
			nsValid(ack, "envelope.SubscribeAck")
			s.ExpectEvent(c, "agent", "STATE_CHANGED")
		})

	framework.ConformanceIt("a client receives the events it subscribed to and no others",
		framework.Reqs{"envelope.subscribe.3"}, func(s *framework.Session) {
			o := coreOrigins(s, 3)
			both, interactionOnly, none := s.Client(o[0]), s.Client(o[1]), s.Client(o[2])
			s.Subscribe(both, "agent", "interaction")
			s.Subscribe(interactionOnly, "interaction")
			coreStateChange(s, none)
			s.ExpectEvent(both, "agent", "STATE_CHANGED")
			s.ExpectNoEvent(interactionOnly, 0)
			s.ExpectNoEvent(none, 0)
		})

	framework.ConformanceIt("unsubscribe gets no reply and stops the subscription's events",
		framework.Reqs{"envelope.unsubscribe.1"}, func(s *framework.Session) {
			c := nsAgent(s)
			ack := s.Subscribe(c, "agent")
			id, _ := ack.String("subscriptionId")
			coreStateChange(s, c)
			s.ExpectEvent(c, "agent", "STATE_CHANGED")
			s.Unsubscribe(c, id)
			s.ExpectNoEvent(c, 0)
			coreStateChange(s, c)
			s.ExpectNoEvent(c, 0)
		})

	framework.ConformanceIt("a request nobody documented gets an error reply, and the connection stays usable",
		framework.Reqs{"envelope.unknown.1"}, func(s *framework.Session) {
			c := nsAgent(s)
			for _, name := range []string{"agent.noSuchMethod", "noSuchNamespace.get", "agent", "AGENT.GET", "agent.get ", ".get", "agent..get"} {
				m := s.CallRequest(c, wire.NewRequest(name, "", nil))
				Expect(m).To(matchers.HaveRepliedWithError(), "request %q is not in the catalog", name)
			}
			Expect(s.Call(c, "agent.get")).To(matchers.HaveSucceeded(), "after unknown requests, a documented one must still be answered")
		})
})
