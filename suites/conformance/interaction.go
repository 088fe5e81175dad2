package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
)

// nsVoiceOnly are the attributes the 001 Interaction type reserves to voice.
var nsVoiceOnly = []string{"callUuid", "direction", "callType", "ani", "dnis", "recordingState"}

// nsInvited injects an open media invitation (inbound-chat or inbound-email)
// and returns its interaction once INVITED.
func nsInvited(s *framework.Session, c driver.Client, stimulus string) map[string]any {
	GinkgoHelper()
	s.Stimulate(stimulus, nil)
	it := nsInteractionEvent(s, c, "INVITED", "")
	Expect(it["state"]).To(Equal("INVITED"), "INVITED: The open media interaction is an invitation.")
	return it
}

var _ = Describe("Interaction namespace > accept, reject and the chat life cycle", func() {
	framework.ConformanceIt("an invited chat is accepted, ended by the customer, then marked done",
		framework.Reqs{"interaction.accept.1", "events.interaction.INVITED.1", "events.interaction.ACCEPTED.1",
			"events.interaction.ENDED.1", "events.interaction.COMPLETED.1", "interaction.markdone.1"},
		func(s *framework.Session) {
			c := nsAgent(s, "interaction")
			id := nsID(nsInvited(s, c, control.StimInboundChat))
			nsOK(s, c, "interaction.accept", id)
			it := nsInteractionEvent(s, c, "ACCEPTED", id)
			nsHolds(s, "INT-EVENT-8", it["state"] == "ACCEPTED")
			s.Stimulate(control.StimChatEnd, map[string]any{"interactionId": id})
			nsInteractionEvent(s, c, "ENDED", id)
			nsOK(s, c, "interaction.markdone", id)
			events := s.ExpectEventsInOrder(c, "interaction", "COMPLETED", "REMOVED")
			for _, m := range events {
				et, _ := framework.EventType(m)
				Expect(nsID(nsInteraction(nsEventData(m, "interaction", et)))).To(Equal(id), "%s concerns another interaction", et)
			}
			Expect(nsListed(s, c, id)).To(BeFalse(), "REMOVED: The interaction has been removed from the list of interactions.")
		}, framework.Needs(control.StimInboundChat, control.StimChatEnd))

	framework.ConformanceIt("a chat interaction carries none of the voice-only attributes",
		framework.Reqs{"interaction.type.Interaction.1"}, func(s *framework.Session) {
			c := nsAgent(s, "interaction")
			id := nsID(nsInvited(s, c, control.StimInboundChat))
			it := nsGet(s, c, id)
			strict := true
			for _, k := range nsVoiceOnly {
				if v, present := it[k]; present {
					Expect(v).To(BeNil(), "%s: This attribute is only on voice interactions", k)
					strict = false
				}
			}
			nsHolds(s, "INT-NS-8", strict)
		}, framework.Needs(control.StimInboundChat))

	framework.ConformanceIt("reject removes a ringing call or an invited chat",
		framework.Reqs{"interaction.reject.1"}, func(s *framework.Session) {
			c := nsAgent(s, "interaction")
			call := nsID(nsRinging(s, c, nil))
			nsOK(s, c, "interaction.reject", call)
			nsInteractionEvent(s, c, "REMOVED", call)
			Expect(nsListed(s, c, call)).To(BeFalse(), "a rejected call is still listed")
			if s.Has(control.StimInboundChat) {
				chat := nsID(nsInvited(s, c, control.StimInboundChat))
				nsOK(s, c, "interaction.reject", chat)
				nsInteractionEvent(s, c, "REMOVED", chat)
				Expect(nsListed(s, c, chat)).To(BeFalse(), "a rejected chat is still listed")
			}
		}, framework.Needs(control.StimInboundCall))

	framework.ConformanceIt("accept and reject of an interaction that is not ringing are refused",
		framework.Reqs{"interaction.accept.2"}, func(s *framework.Session) {
			c := nsAgent(s, "interaction")
			id := nsTalking(s, c)
			nsHolds(s, "INT-NS-14", nsRefused(s, c, "interaction.accept", id))
			nsHolds(s, "INT-NS-14", nsRefused(s, c, "interaction.reject", id))
			s.ExpectNoEvent(c, 0)
			Expect(nsGet(s, c, id)).To(HaveKeyWithValue("state", "TALKING"), "accept/reject changed an established call")
		}, framework.Needs(control.StimInboundCall))
})
