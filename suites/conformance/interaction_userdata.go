package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/suites/framework"
)

var _ = Describe("Interaction namespace > user data", func() {
	framework.ConformanceIt("setUserData sets and overwrites keys: getByInteractionId and ATTACHED_DATA_CHANGED reflect it",
		framework.Reqs{"interaction.setUserData.1", "interaction.setUserData.2", "interaction.setUserData.4",
			"events.interaction.ATTACHED_DATA_CHANGED.1", "events.interaction.ATTACHED_DATA_CHANGED.2"},
		func(s *framework.Session) {
			c := nsAgent(s, "interaction")
			id := nsTalking(s, c)
			nsOK(s, c, "interaction.setUserData", id, map[string]any{"MyKEY1": "MyValue1", "MyKEY2": "MyValue2"})
			ev := nsEvent(s, c, "interaction", "ATTACHED_DATA_CHANGED")
			it := nsInteraction(ev)
			Expect(nsID(it)).To(Equal(id))
			nsHolds(s, "INT-EVENT-13", nsHasUserData(it, "MyKEY1", "MyValue1") && nsHasUserData(it, "MyKEY2", "MyValue2"))
			Expect(ev).To(HaveKeyWithValue("media", "voice"), `the documented example carries "media": "voice"`)

			nsOK(s, c, "interaction.setUserData", id, map[string]any{"MyKEY1": "Overwritten"})
			it = nsInteractionEvent(s, c, "ATTACHED_DATA_CHANGED", id)
			nsHolds(s, "INT-EVENT-13", nsHasUserData(it, "MyKEY1", "Overwritten"))
			got := nsGet(s, c, id)
			Expect(nsHasUserData(got, "MyKEY1", "Overwritten")).To(BeTrue(), "This request overwrites any existing keys on the user data: %v", got["userData"])
			Expect(nsHasUserData(got, "MyKEY2", "MyValue2")).To(BeTrue(), "a key not given to setUserData was lost: %v", got["userData"])
		}, framework.Needs(control.StimInboundCall))

	framework.ConformanceIt("deleteUserData removes the key and only it",
		framework.Reqs{"interaction.deleteUserData.1", "events.interaction.ATTACHED_DATA_CHANGED.2"}, func(s *framework.Session) {
			c := nsAgent(s, "interaction")
			id := nsTalking(s, c)
			nsOK(s, c, "interaction.setUserData", id, map[string]any{"Gone": "1", "Kept": "2"})
			nsInteractionEvent(s, c, "ATTACHED_DATA_CHANGED", id)
			nsOK(s, c, "interaction.deleteUserData", id, "Gone")
			it := nsInteractionEvent(s, c, "ATTACHED_DATA_CHANGED", id)
			nsHolds(s, "INT-EVENT-13", !nsHasKey(it, "Gone"))
			got := nsGet(s, c, id)
			Expect(nsHasKey(got, "Gone")).To(BeFalse(), "deleteUserData: The key to delete from the attached data: %v", got["userData"])
			Expect(nsHasUserData(got, "Kept", "2")).To(BeTrue(), "deleteUserData removed another key: %v", got["userData"])
		}, framework.Needs(control.StimInboundCall))

	framework.ConformanceIt("setUserData on a released (IDLE) voice interaction is refused",
		framework.Reqs{"interaction.setUserData.3"}, func(s *framework.Session) {
			c := nsAgent(s, "interaction")
			id := nsReleased(s, c)
			refused := nsRefused(s, c, "interaction.setUserData", id, map[string]any{"Late": "x"})
			Expect(nsHasKey(nsGet(s, c, id), "Late")).To(BeFalse(), "setUserData changed an IDLE voice interaction")
			nsHolds(s, "INT-NS-6", refused)
		}, framework.Needs(control.StimInboundCall))

	framework.ConformanceIt("getByInteractionId answers null for an interaction that does not exist",
		framework.Reqs{"interaction.getByInteractionId.2"}, func(s *framework.Session) {
			c := nsAgent(s)
			m := nsCall(s, c, "interaction.getByInteractionId", nsNoSuchID)
			Expect(m.Has("data")).To(BeTrue(), "Returns interaction.Interaction or null: the reply carries no data: %s", framework.Describe(m))
			Expect(nsDecode(m.Data())).To(BeNil(), "or null if the interaction doesn't exist")
		})

	framework.ConformanceIt("getInteractions and getByInteractionId answer the same interaction.Interaction",
		framework.Reqs{"interaction.getInteractions.1", "interaction.getByInteractionId.1", "interaction.type.Interaction.3"}, func(s *framework.Session) {
			c := nsAgent(s, "interaction")
			id := nsTalking(s, c)
			list, _ := nsOK(s, c, "interaction.getInteractions").([]any)
			var listed any
			for _, v := range list {
				if v.(map[string]any)["interactionId"] == id {
					listed = v
				}
			}
			Expect(listed).NotTo(BeNil(), "getInteractions: Gets all the interactions; the answered call is missing")
			got := nsGet(s, c, id)
			Expect(got).To(Equal(listed), "the same interaction differs between getInteractions and getByInteractionId")
			if uuid, ok := got["interactionUUID"]; ok {
				Expect(uuid).To(Equal(got["callUuid"]), "interactionUUID: the callUuid for a voice interaction")
			}
		}, framework.Needs(control.StimInboundCall))

	framework.ConformanceIt("interaction methods on an interaction that does not exist fail",
		framework.Reqs{"interaction.unknownId.1"}, func(s *framework.Session) {
			c := nsAgent(s)
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
				nsUnknownID(s, c, call.name, call.rest...)
			}
		})
})

// nsHasUserData reports whether an interaction's userData holds key = value.
func nsHasUserData(it map[string]any, key string, value any) bool {
	ud, _ := it["userData"].(map[string]any)
	v, ok := ud[key]
	return ok && v == value
}

// nsHasKey reports whether an interaction's userData holds the key.
func nsHasKey(it map[string]any, key string) bool {
	ud, _ := it["userData"].(map[string]any)
	_, ok := ud[key]
	return ok
}
