package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/suites/framework"
	"scapi-conformance/suites/matchers"
)

var _ = Describe("Interaction namespace > user data", func() {
	framework.ConformanceIt("setUserData sets and overwrites keys: getByInteractionId and ATTACHED_DATA_CHANGED reflect it",
		framework.Reqs{"interaction.setUserData.1", "interaction.setUserData.2", "interaction.setUserData.4",
			"events.interaction.ATTACHED_DATA_CHANGED.1", "events.interaction.ATTACHED_DATA_CHANGED.2"},
		func(s *framework.Session) {
			keys := s.UserDataKeys("MyKEY1", "MyKEY2")
			k1, k2 := keys[0], keys[1]
			c := s.Agent("interaction")
			id := s.Talking(c)
			s.For("interaction.setUserData.1", func() {
				s.OK(c, "interaction.setUserData", id, map[string]any{k1: "MyValue1", k2: "MyValue2"})
			})
			s.For("events.interaction.ATTACHED_DATA_CHANGED.1", func() {
				ev := s.Event(c, "interaction", "ATTACHED_DATA_CHANGED")
				it := framework.InteractionOf(ev)
				Expect(framework.InteractionID(it)).To(Equal(id))
				s.Holds("INT-EVENT-13", framework.HasUserData(it, k1, "MyValue1") && framework.HasUserData(it, k2, "MyValue2"))
				Expect(ev).To(HaveKeyWithValue("media", "voice"), `the documented example carries "media": "voice"`)
			})

			s.For("interaction.setUserData.2", func() { s.OK(c, "interaction.setUserData", id, map[string]any{k1: "Overwritten"}) })
			s.For("events.interaction.ATTACHED_DATA_CHANGED.2", func() {
				it := s.InteractionEvent(c, "ATTACHED_DATA_CHANGED", id)
				s.Holds("INT-EVENT-13", framework.HasUserData(it, k1, "Overwritten"))
			})
			got := s.GetInteraction(c, id)
			s.For("interaction.setUserData.2", func() {
				Expect(framework.HasUserData(got, k1, "Overwritten")).To(BeTrue(), "This request overwrites any existing keys on the user data: %v", got["userData"])
				Expect(framework.HasUserData(got, k2, "MyValue2")).To(BeTrue(), "a key not given to setUserData was lost: %v", got["userData"])
			})
		})

	framework.ConformanceIt("deleteUserData removes the key and only it",
		framework.Reqs{"interaction.deleteUserData.1", "events.interaction.ATTACHED_DATA_CHANGED.2"}, func(s *framework.Session) {
			keys := s.UserDataKeys("Gone", "Kept")
			gone, kept := keys[0], keys[1]
			c := s.Agent("interaction")
			id := s.Talking(c)
			s.OK(c, "interaction.setUserData", id, map[string]any{gone: "1", kept: "2"})
			s.InteractionEvent(c, "ATTACHED_DATA_CHANGED", id)
			s.For("interaction.deleteUserData.1", func() { s.OK(c, "interaction.deleteUserData", id, gone) })
			s.For("events.interaction.ATTACHED_DATA_CHANGED.2", func() {
				it := s.InteractionEvent(c, "ATTACHED_DATA_CHANGED", id)
				s.Holds("INT-EVENT-13", !framework.HasUserDataKey(it, gone))
			})
			got := s.GetInteraction(c, id)
			s.For("interaction.deleteUserData.1", func() {
				Expect(framework.HasUserDataKey(got, gone)).To(BeFalse(), "deleteUserData: The key to delete from the attached data: %v", got["userData"])
				Expect(framework.HasUserData(got, kept, "2")).To(BeTrue(), "deleteUserData removed another key: %v", got["userData"])
			})
		})

	framework.ConformanceIt("setUserData on a released (IDLE) voice interaction is refused",
		framework.Reqs{"interaction.setUserData.3"}, func(s *framework.Session) {
			late := s.UserDataKeys("Late")[0]
			c := s.Agent("interaction")
			id := s.Released(c)
			refused := s.Refused(c, "interaction.setUserData", id, map[string]any{late: "x"})
			Expect(framework.HasUserDataKey(s.GetInteraction(c, id), late)).To(BeFalse(), "setUserData changed an IDLE voice interaction")
			s.Holds("INT-NS-6", refused)
		})

	framework.ConformanceIt("getByInteractionId answers null for an interaction that does not exist",
		framework.Reqs{"interaction.getByInteractionId.2"}, func(s *framework.Session) {
			c := s.Agent()
			m := s.CallMethod(c, "interaction.getByInteractionId", framework.NoSuchID)
			Expect(m.Has("data")).To(BeTrue(), "Returns interaction.Interaction or null: the reply carries no data: %s", matchers.Describe(m))
			Expect(framework.Decode(m.Data())).To(BeNil(), "or null if the interaction doesn't exist")
		})

	framework.ConformanceIt("getInteractions and getByInteractionId answer the same interaction.Interaction",
		framework.Reqs{"interaction.getInteractions.1", "interaction.getByInteractionId.1", "interaction.type.Interaction.3"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id := s.Talking(c)
			list, _ := s.OK(c, "interaction.getInteractions").([]any)
			var listed any
			for _, v := range list {
				if v.(map[string]any)["interactionId"] == id {
					listed = v
				}
			}
			Expect(listed).NotTo(BeNil(), "getInteractions: Gets all the interactions; the answered call is missing")
			got := s.GetInteraction(c, id)
			Expect(got).To(Equal(listed), "the same interaction differs between getInteractions and getByInteractionId")
			if uuid, ok := got["interactionUUID"]; ok {
				Expect(uuid).To(Equal(got["callUuid"]), "interactionUUID: the callUuid for a voice interaction")
			}
		})

	framework.ConformanceIt("interaction methods on an interaction that does not exist fail",
		framework.Reqs{"interaction.unknownId.1"}, func(s *framework.Session) {
			c := s.Agent()
			for _, call := range []struct {
				name string
				rest []any
			}{
				{"interaction.setUserData", []any{map[string]any{"k": "v"}}},
				{"interaction.deleteUserData", []any{"k"}},
				{"interaction.markdone", nil},
				{"interaction.blockMarkdone", []any{"warning"}},
				{"interaction.unblockMarkdone", nil},
				{"interaction.accept", nil},
				{"interaction.reject", nil},
				{"interaction.consult", []any{"5003", map[string]any{}, map[string]any{}}},
				{"interaction.singleStepTransfer", []any{"5003", map[string]any{}, map[string]any{}}},
				{"interaction.singleStepConference", []any{"5003", map[string]any{}, map[string]any{}}},
				{"interaction.completeTransfer", nil},
				{"interaction.completeConference", nil},
			} {
				By(call.name)
				s.UnknownInteraction(c, call.name, call.rest...)
			}
		})
})
