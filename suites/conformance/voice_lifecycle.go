package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/suites/framework"
)

// The voice call life cycles: every event carries the interaction in the
// state its description names (INT-EVENT-9), and getByInteractionId agrees.
var _ = Describe("Voice namespace > call life cycle", func() {
	framework.ConformanceIt("an inbound call rings, is answered, held, resumed and released",
		framework.Reqs{"voice.answer.1", "voice.hold.1", "voice.resume.1", "voice.hangUp.1",
			"events.interaction.RINGING.1", "events.interaction.ESTABLISHED.1", "events.interaction.HELD.1",
			"events.interaction.RELEASED.1", "events.interaction.ADDED.1", "events.interaction.eventType.1",
			"interaction.type.Interaction.2"},
		func(s *framework.Session) {
			c := s.Agent("interaction")
			ringing := s.Ringing(c, nil)
			id := framework.InteractionID(ringing)
			s.For("events.interaction.ADDED.1", func() {
				added := s.InteractionEvent(c, "ADDED", id)
				Expect(added["interactionId"]).To(Equal(id), "ADDED: The interaction has been added in the list of interactions.")
			})
			Expect(ringing).To(HaveKeyWithValue("direction", "IN"), "an inbound call's direction")
			s.For("events.interaction.ADDED.1", func() {
				Expect(s.Listed(c, id)).To(BeTrue(), "getInteractions does not list the ringing call")
			})

			steps := []struct{ method, event, state, previous string }{
				{"voice.answer", "ESTABLISHED", "TALKING", "RINGING"},
				{"voice.hold", "HELD", "HELD", "TALKING"},
				{"voice.resume", "ESTABLISHED", "TALKING", "HELD"},
				{"voice.hangUp", "RELEASED", "IDLE", "TALKING"},
			}
			for _, st := range steps {
				By(st.method + " → " + st.event)
				s.For(st.method+".1", func() { s.OK(c, st.method, id) })
				var it map[string]any
				s.For("events.interaction."+st.event+".1", func() {
					it = s.InteractionEvent(c, st.event, id)
					s.Holds("INT-EVENT-9", it["state"] == st.state)
				})
				s.For("interaction.type.Interaction.2", func() {
					Expect(it).To(HaveKeyWithValue("previousState", st.previous), "previousState: The previous state of the interaction.")
				})
				s.For(st.method+".1", func() {
					Expect(s.GetInteraction(c, id)).To(HaveKeyWithValue("state", it["state"]), "getByInteractionId after %s", st.event)
				})
			}
			Expect(s.GetInteraction(c, id)).NotTo(HaveKey("ronaCallState"), "ronaCallState is populated only when the agent does not answer")
			s.OnlyDocumentedEvents(c)
		}, framework.Needs(control.StimInboundCall))

	framework.ConformanceIt("hold, resume and hangUp in the wrong state are refused",
		framework.Reqs{"voice.hold.1", "voice.resume.1", "voice.hangUp.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id := s.Talking(c)
			s.For("voice.resume.1", func() {
				s.Holds("INT-EVENT-9", s.Refused(c, "voice.resume", id))
				s.ExpectNoEvent(c)
				Expect(s.GetInteraction(c, id)).To(HaveKeyWithValue("state", "TALKING"), "resume of a call that is not held changed it")
			})
			s.For("voice.hangUp.1", func() {
				s.OK(c, "voice.hangUp", id)
				s.InteractionEvent(c, "RELEASED", id)
			})
			s.For("voice.hold.1", func() { s.Holds("INT-EVENT-9", s.Refused(c, "voice.hold", id)) })
			s.For("voice.hangUp.1", func() { s.Holds("INT-EVENT-9", s.Refused(c, "voice.hangUp", id)) })
			s.ExpectNoEvent(c)
			Expect(s.GetInteraction(c, id)).To(HaveKeyWithValue("state", "IDLE"), "hold or hangUp of a released call changed it")
		})

	framework.ConformanceIt("dial calls the destination: DIALING, direction OUT, the userData attached; hung up and marked done it is gone",
		framework.Reqs{"voice.dial.1", "voice.dial.2", "events.interaction.DIALING.1", "events.interaction.ADDED.1",
			"voice.hangUp.1", "events.interaction.RELEASED.1", "interaction.markdone.1", "events.interaction.REMOVED.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			s.For("voice.dial.1", func() { s.OK(c, "voice.dial", "5001", map[string]any{"DialKey": "dial-value"}) })
			var it map[string]any
			s.For("events.interaction.DIALING.1", func() { it = s.InteractionEvent(c, "DIALING", "") })
			id := framework.InteractionID(it)
			s.For("events.interaction.ADDED.1", func() { s.InteractionEvent(c, "ADDED", id) })
			s.For("events.interaction.DIALING.1", func() { s.Holds("INT-EVENT-9", it["state"] == "DIALING" && it["direction"] == "OUT") })
			attached := map[string]any{"DialKey": "dial-value"}
			s.For("voice.dial.2", func() {
				s.ExpectUserData(it, attached, "DIALING (userData: The attached user data key/value object that is updated with each interaction event.)")
				s.ExpectUserData(s.GetInteraction(c, id), attached, "getByInteractionId")
			})
			before := s.GetInteraction(c, id)["state"]
			s.For("voice.hangUp.1", func() { s.OK(c, "voice.hangUp", id) })
			s.For("events.interaction.RELEASED.1", func() {
				released := s.InteractionEvent(c, "RELEASED", id)
				s.Holds("INT-EVENT-9", released["state"] == "IDLE")
				Expect(released).To(HaveKeyWithValue("previousState", before), "previousState: The previous state of the interaction.")
			})
			s.For("interaction.markdone.1", func() { s.OK(c, "interaction.markdone", id) })
			s.For("events.interaction.REMOVED.1", func() {
				s.InteractionEvent(c, "REMOVED", id)
				Expect(s.Listed(c, id)).To(BeFalse(), "REMOVED: The interaction has been removed from the list of interactions.")
			})
		})

	framework.ConformanceIt("dialEx calls the destination with the attached data and extensions",
		framework.Reqs{"voice.dialEx.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			s.OK(c, "voice.dialEx", "5002", map[string]any{"DialExKey": "x"}, map[string]any{"ext": "1"})
			it := s.InteractionEvent(c, "DIALING", "")
			s.ExpectUserData(it, map[string]any{"DialExKey": "x"}, "DIALING after dialEx (Calls the destination with the attached data)")
			Expect(s.Listed(c, framework.InteractionID(it))).To(BeTrue())
		})

	framework.ConformanceIt("a ringing call the agent does not answer is RELEASED with its ronaCallState",
		framework.Reqs{"events.interaction.RELEASED.2"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id := framework.InteractionID(s.Ringing(c, nil))
			s.Stimulate(control.StimRemoteRelease, map[string]any{"interactionId": id})
			it := s.InteractionEvent(c, "RELEASED", id)
			Expect(it["ronaCallState"]).To(BeElementOf("REDIRECTED", "NO_ANSWER"), "ronaCallState is populated on event RELEASED when an agent receives an inbound call and does not answer")
		}, framework.Needs(control.StimInboundCall, control.StimRemoteRelease))

	framework.ConformanceIt("a party joining a call gives PARTY_CHANGED with the new parties",
		framework.Reqs{"events.interaction.PARTY_CHANGED.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id := s.Talking(c)
			before, _ := s.GetInteraction(c, id)["parties"].([]any)
			s.Stimulate(control.StimPartyChange, map[string]any{"interactionId": id, "add": "5099"})
			it := s.InteractionEvent(c, "PARTY_CHANGED", id)
			Expect(it["parties"]).NotTo(Equal(any(before)), "PARTY_CHANGED: The list of party has been changed in the interaction.")
			Expect(s.GetInteraction(c, id)["parties"]).To(Equal(it["parties"]))
		}, framework.Needs(control.StimInboundCall, control.StimPartyChange))
})
