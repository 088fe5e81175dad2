package conformance

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/wire"
	"scapi-conformance/suites/framework"
	"scapi-conformance/suites/matchers"
)

// The envelopes on the wire (DESIGN.md > Wire protocol): what every reply and
// event must carry for the vendor client library to take it, and requests
// nobody documented. Subscriptions are in subscribe.go.
var _ = Describe("Wire protocol > envelopes", func() {
	framework.ConformanceIt("a success reply carries userAgent WWE, protocolVersion 2, the referenceId, the request name and data",
		framework.Reqs{"envelope.reply.1", "envelope.reply.2", "envelope.reply.3", "envelope.reply.5"}, func(s *framework.Session) {
			c := s.Agent()
			m := s.CallRequest(c, wire.NewRequest("agent.get", "ref-success", nil))
			Expect(m).To(matchers.HaveSucceeded())
			Expect(m).To(matchers.EchoReferenceID("ref-success"))
			framework.ExpectHeader(m)
			name, _ := m.String("request")
			Expect(name).To(Equal("agent.get"), "the reply names the request it answers (INT-SPEC-3)")
			Expect(m.Has("data")).To(BeTrue(), "agent.get documents a result: %s", matchers.Describe(m))
			s.ValidMessage(m, "agent.get")
		})

	framework.ConformanceIt("an error reply carries the referenceId, the request name and a string errorMessage, and no data",
		framework.Reqs{"envelope.reply.1", "envelope.reply.2", "envelope.reply.3", "envelope.reply.5"}, func(s *framework.Session) {
			c := s.Agent()
			m := s.CallRequest(c, wire.NewRequest("interaction.setUserData", "ref-error", []any{framework.NoSuchID, map[string]any{"k": "v"}}))
			Expect(m).To(matchers.HaveRepliedWithError(Not(BeEmpty())))
			Expect(m).To(matchers.EchoReferenceID("ref-error"))
			Expect(m.Has("data")).To(BeFalse(), "a reply is either data or errorMessage (INT-SPEC-3): %s", matchers.Describe(m))
			name, _ := m.String("request")
			Expect(name).To(Equal("interaction.setUserData"))
			s.Deviation("INT-SCHEMA-13", m.Has("userAgent") && m.Has("protocolVersion"))
			if m.Has("userAgent") {
				framework.ExpectHeader(m)
			}
		})

	framework.ConformanceIt("the referenceId is echoed as the very string sent, whatever it holds",
		framework.Reqs{"envelope.reply.3", "envelope.reply.4"}, func(s *framework.Session) {
			c := s.Agent()
			// The getters take turns, so that a Workspace with rate limits in
			// force answers them all within a minute.
			getters := []string{"agent.getState", "agent.get", "agent.getStateList", "media.getMediaList", "interaction.getInteractions"}
			for i, ref := range []string{"0", "007", "1e3", " 5 ", "-1", "abc-DEF_123", "ünïcödé ✓ 参照",
				`quote " and \ backslash`, strings.Repeat("r", 512), "null", "true"} {
				m := s.CallRequest(c, wire.NewRequest(getters[i%len(getters)], ref, nil))
				Expect(m).To(matchers.EchoReferenceID(ref))
				Expect(m).To(matchers.HaveSucceeded())
			}
		})

	framework.ConformanceIt("an event carries event, data with eventType, userAgent WWE and protocolVersion 2",
		framework.Reqs{"envelope.event.1"}, func(s *framework.Session) {
			c := s.Agent("agent")
			m := s.ChangeStateSeenBy(c, c)
			Expect(m.Has("referenceId")).To(BeFalse(), "an event is not a reply: %s", matchers.Describe(m))
			s.Deviation("INT-SCHEMA-11", m.Has("userAgent") && m.Has("protocolVersion"))
			if m.Has("userAgent") {
				framework.ExpectHeader(m)
			}
			s.ValidMessage(m, "")
		})

	framework.ConformanceIt("a request nobody documented gets an error reply, and the connection stays usable",
		framework.Reqs{"envelope.unknown.1"}, func(s *framework.Session) {
			c := s.Agent()
			for _, name := range []string{"agent.noSuchMethod", "noSuchNamespace.get", "agent", "AGENT.GET", "agent.get ", ".get", "agent..get"} {
				m := s.CallRequest(c, wire.NewRequest(name, "", nil))
				Expect(m).To(matchers.HaveRepliedWithError(), "request %q is not in the catalog", name)
			}
			Expect(s.Call(c, "agent.get")).To(matchers.HaveSucceeded(), "after unknown requests, a documented one must still be answered")
		})
})
