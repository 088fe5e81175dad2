package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
)

// nsConsult starts a consultation from the answered call id to target and
// returns the consultation interaction (ADDED, isConsultation true).
func nsConsult(s *framework.Session, c driver.Client, id string, target any) map[string]any {
	GinkgoHelper()
	var consult map[string]any
	// "Make a consultation interaction" (interaction.consult.1).
	s.ForKit("interaction.consult.1", func() {
		s.OK(c, "interaction.consult", id, target, map[string]any{"ConsultKey": "c"}, map[string]any{})
		for consult == nil {
			it := s.InteractionEvent(c, "ADDED", "")
			if it["interactionId"] != id {
				consult = it
			}
		}
		s.Holds("INT-EVENT-7", consult["isConsultation"] == true)
		Expect(s.GetInteraction(c, framework.InteractionID(consult))["isConsultation"]).To(Equal(true),
			"isConsultation: This property is true if the interaction is a consultation")
		Expect(s.GetInteraction(c, id)["isConsultation"]).To(Equal(false), "the consulted call is not itself a consultation")
	})
	return consult
}

// nsPartyNames lists the names of an interaction's parties.
func nsPartyNames(it map[string]any) []any {
	var names []any
	parties, _ := it["parties"].([]any)
	for _, p := range parties {
		if pm, ok := p.(map[string]any); ok {
			names = append(names, pm["name"])
		}
	}
	return names
}

var _ = Describe("Interaction namespace > consult, transfer, conference", func() {
	framework.ConformanceIt("consult to a phone number then completeTransfer releases the agent's call",
		framework.Reqs{"interaction.consult.1", "interaction.consult.2", "interaction.completeTransfer.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id := s.Talking(c)
			consult := nsConsult(s, c, id, "5010")
			s.For("interaction.completeTransfer.1", func() {
				s.OK(c, "interaction.completeTransfer", framework.InteractionID(consult))
				it := s.InteractionEvent(c, "RELEASED", "")
				s.Holds("INT-EVENT-7", it["interactionId"] == id || it["interactionId"] == consult["interactionId"])
				Expect(s.GetInteraction(c, id)["state"]).To(Equal("IDLE"), "Completes a transfer: the agent's call is over")
			})
		})

	framework.ConformanceIt("consult to a target object then completeConference keeps the call and adds the party",
		framework.Reqs{"interaction.consult.1", "interaction.consult.3", "interaction.completeConference.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id := s.Talking(c)
			consult := nsConsult(s, c, id, map[string]any{"target": "CUSTOM_CONTACT", "destination": "5011"})
			s.For("interaction.completeConference.1", func() {
				s.OK(c, "interaction.completeConference", framework.InteractionID(consult))
				it := s.InteractionEvent(c, "PARTY_CHANGED", id)
				s.Holds("INT-EVENT-7", it["state"] == "TALKING")
				Expect(nsPartyNames(s.GetInteraction(c, id))).To(ContainElement("5011"), "Completes a conference: the consulted party joins the call")
			})
		})

	framework.ConformanceIt("singleStepTransfer releases the agent's call",
		framework.Reqs{"interaction.singleStepTransfer.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id := s.Talking(c)
			s.OK(c, "interaction.singleStepTransfer", id, "5012", map[string]any{}, map[string]any{})
			it := s.InteractionEvent(c, "RELEASED", id)
			s.Holds("INT-EVENT-7", it["state"] == "IDLE")
		})

	framework.ConformanceIt("singleStepConference keeps the call and adds the party",
		framework.Reqs{"interaction.singleStepConference.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id := s.Talking(c)
			s.OK(c, "interaction.singleStepConference", id, map[string]any{"target": "AGENT", "destination": "5013"}, map[string]any{}, map[string]any{})
			it := s.InteractionEvent(c, "PARTY_CHANGED", id)
			s.Holds("INT-EVENT-7", it["state"] == "TALKING")
			Expect(nsPartyNames(it)).To(ContainElement("5013"), "Make a single step conference: the party joins")
		})

	framework.ConformanceIt("singleStepTransfer of an accepted chat completes the transfer",
		framework.Reqs{"interaction.singleStepTransfer.1", "events.interaction.TRANSFER_COMPLETED.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id := framework.InteractionID(nsInvited(s, c, control.StimInboundChat))
			s.OK(c, "interaction.accept", id)
			s.InteractionEvent(c, "ACCEPTED", id)
			s.OK(c, "interaction.singleStepTransfer", id, map[string]any{"target": "AGENT", "destination": "agent2"}, map[string]any{}, map[string]any{})
			it := s.InteractionEvent(c, "TRANSFER_COMPLETED", id)
			s.Holds("INT-EVENT-7", it["state"] == "TRANSFER_COMPLETED")
		}, framework.Needs(control.StimInboundChat))
})
