package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
	"scapi-conformance/suites/matchers"
)

// nsVoiceOnly are the attributes the 001 Interaction type reserves to voice.
var nsVoiceOnly = []string{"callUuid", "direction", "callType", "ani", "dnis", "recordingState"}

// nsInvited injects an open media invitation (inbound-chat or inbound-email)
// and returns its interaction once INVITED.
func nsInvited(s *framework.Session, c driver.Client, stimulus string) map[string]any {
	GinkgoHelper()
	s.Stimulate(stimulus, nil)
	it := s.InteractionEvent(c, "INVITED", "")
	Expect(it["state"]).To(Equal("INVITED"), "INVITED: The open media interaction is an invitation.")
	return it
}

var _ = Describe("Interaction namespace > accept, reject and the chat life cycle", func() {
	framework.ConformanceIt("an invited chat is accepted, ended by the customer, then marked done",
		framework.Reqs{"interaction.accept.1", "events.interaction.INVITED.1", "events.interaction.ACCEPTED.1",
			"events.interaction.ENDED.1", "events.interaction.COMPLETED.1", "interaction.markdone.1"},
		func(s *framework.Session) {
			c := s.Agent("interaction")
			id := framework.InteractionID(nsInvited(s, c, control.StimInboundChat))
			s.OK(c, "interaction.accept", id)
			it := s.InteractionEvent(c, "ACCEPTED", id)
			s.Holds("INT-EVENT-8", it["state"] == "ACCEPTED")
			s.Stimulate(control.StimChatEnd, map[string]any{"interactionId": id})
			s.InteractionEvent(c, "ENDED", id)
			s.OK(c, "interaction.markdone", id)
			events := s.ExpectEventsInOrder(c, "interaction", "COMPLETED", "REMOVED")
			for _, m := range events {
				et, _ := matchers.EventType(m)
				Expect(framework.InteractionID(framework.InteractionOf(s.EventData(m, "interaction", et)))).To(Equal(id), "%s concerns another interaction", et)
			}
			Expect(s.Listed(c, id)).To(BeFalse(), "REMOVED: The interaction has been removed from the list of interactions.")
		}, framework.Needs(control.StimInboundChat, control.StimChatEnd))

	framework.ConformanceIt("a chat interaction carries none of the voice-only attributes",
		framework.Reqs{"interaction.type.Interaction.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id := framework.InteractionID(nsInvited(s, c, control.StimInboundChat))
			it := s.GetInteraction(c, id)
			strict := true
			for _, k := range nsVoiceOnly {
				if v, present := it[k]; present {
					Expect(v).To(BeNil(), "%s: This attribute is only on voice interactions", k)
					strict = false
				}
			}
			s.Holds("INT-NS-8", strict)
		}, framework.Needs(control.StimInboundChat))

	framework.ConformanceIt("reject removes a ringing call or an invited chat",
		framework.Reqs{"interaction.reject.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			call := framework.InteractionID(s.Ringing(c, nil))
			s.OK(c, "interaction.reject", call)
			s.InteractionEvent(c, "REMOVED", call)
			Expect(s.Listed(c, call)).To(BeFalse(), "a rejected call is still listed")
			if s.Has(control.StimInboundChat) {
				chat := framework.InteractionID(nsInvited(s, c, control.StimInboundChat))
				s.OK(c, "interaction.reject", chat)
				s.InteractionEvent(c, "REMOVED", chat)
				Expect(s.Listed(c, chat)).To(BeFalse(), "a rejected chat is still listed")
			}
		}, framework.Needs(control.StimInboundCall))

	framework.ConformanceIt("accept and reject of an interaction that is not ringing are refused",
		framework.Reqs{"interaction.accept.2"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id := s.Talking(c)
			s.Holds("INT-NS-14", s.Refused(c, "interaction.accept", id))
			s.Holds("INT-NS-14", s.Refused(c, "interaction.reject", id))
			s.ExpectNoEvent(c)
			Expect(s.GetInteraction(c, id)).To(HaveKeyWithValue("state", "TALKING"), "accept/reject changed an established call")
		})
})
