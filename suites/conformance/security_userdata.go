package conformance

import (
	"maps"
	"reflect"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/userdata"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
)

// Security configuration > Attached Data Access: the write filter on
// setUserData and deleteUserData, the read filter on every interaction a
// client receives, in replies and in events. Expected key sets come from the
// oracle (contract/userdata).
var _ = Describe("Security configuration > Attached Data Access", func() {
	// talking opens a client subscribed to interaction events and returns it
	// with the id of an established call whose userData holds seed, written
	// while every key may be written and read (the documented defaults).
	talking := func(s *framework.Session, seed map[string]any) (driver.Client, string) {
		GinkgoHelper()
		c := s.Agent("interaction")
		id := s.Talking(c)
		s.OK(c, "interaction.setUserData", id, seed)
		s.InteractionEvent(c, "ATTACHED_DATA_CHANGED", id)
		for k, v := range seed {
			Expect(framework.HasUserData(s.GetInteraction(c, id), k, v)).To(BeTrue(), "with the default options (every key writable and readable), %s was not written", k)
		}
		return c, id
	}
	keys := func(value string) userdata.Keys {
		GinkgoHelper()
		k, err := userdata.Parse(value)
		Expect(err).NotTo(HaveOccurred(), "the spec's key list %q", value)
		return k
	}

	framework.ConformanceIt("write-allowed: setUserData writes the allowed keys and leaves the others untouched",
		framework.Reqs{"security.userData.1", "security.userData.5"}, func(s *framework.Session) {
			c, id := talking(s, map[string]any{"Key2": "original"})
			const write, read = "Key1,Key3", "Key1,Key2,Key3"
			s.SetOptions(control.Options{options.UserDataWriteAllowed: write, options.UserDataReadAllowed: read})
			asked := map[string]any{"Key1": "one", "Key2": "two", "Key3": "three"}
			refused := framework.IsRefusal(s.CallMethod(c, "interaction.setUserData", id, asked))
			s.Deviation("INT-UDATA-2", !refused)
			got := s.GetInteraction(c, id)
			for k, v := range asked {
				switch {
				case !keys(write).Allows(k):
					Expect(framework.HasUserData(got, k, "original")).To(BeTrue(), "%s is not write-allowed (%q) but setUserData changed it: %v", k, write, got["userData"])
				case !refused:
					Expect(framework.HasUserData(got, k, v)).To(BeTrue(), "%s is write-allowed (%q) but setUserData did not write it: %v", k, write, got["userData"])
				default:
					Expect(framework.HasUserDataKey(got, k)).To(BeFalse(), "setUserData was refused but wrote %s: %v", k, got["userData"])
				}
			}
		}, framework.Needs(framework.CapOptions, control.StimInboundCall))

	framework.ConformanceIt("write-allowed: deleteUserData removes an allowed key and never another one",
		framework.Reqs{"security.userData.1", "security.userData.2"}, func(s *framework.Session) {
			c, id := talking(s, map[string]any{"Key1": "a", "Key2": "b"})
			s.SetOptions(control.Options{options.UserDataWriteAllowed: "Key1"})
			refused := framework.IsRefusal(s.CallMethod(c, "interaction.deleteUserData", id, "Key2"))
			s.Deviation("INT-UDATA-2", !refused)
			// deleteUserData under the write filter is the sentence of
			// deleteUserData itself.
			s.For("security.userData.2", func() {
				Expect(framework.HasUserData(s.GetInteraction(c, id), "Key2", "b")).To(BeTrue(), "Key2 is not write-allowed (\"Key1\") but deleteUserData removed it")
				s.OK(c, "interaction.deleteUserData", id, "Key1")
				Expect(framework.HasUserDataKey(s.GetInteraction(c, id), "Key1")).To(BeFalse(), "Key1 is write-allowed but deleteUserData did not remove it")
			})
		}, framework.Needs(framework.CapOptions, control.StimInboundCall))

	framework.ConformanceIt("read-allowed: getByInteractionId and getInteractions show only the readable keys",
		framework.Reqs{"security.userData.3", "security.userData.4", "security.userData.5"}, func(s *framework.Session) {
			c, id := talking(s, map[string]any{"Key1": "1", "Key2": "2", "Key3": "3"})
			full := s.GetInteraction(c, id)["userData"].(map[string]any)
			const read = "Key1,Key3"
			s.SetOptions(control.Options{options.UserDataReadAllowed: read})
			want := keys(read).Filter(full)
			Expect(want).NotTo(HaveKey("Key2"))
			byID := s.GetInteraction(c, id)["userData"]
			list, _ := s.OK(c, "interaction.getInteractions").([]any)
			var listed any
			found := false
			for _, v := range list {
				if it, ok := v.(map[string]any); ok && it["interactionId"] == id {
					found, listed = true, it["userData"]
				}
			}
			Expect(found).To(BeTrue(), "getInteractions does not list the established call %s", id)
			// Unfiltered everywhere: the read filter is ignored (userData.3);
			// filtered in one function only: not every function applies it
			// (userData.4).
			id3 := "security.userData.4"
			if !reflect.DeepEqual(byID, want) && !reflect.DeepEqual(listed, want) {
				id3 = "security.userData.3"
			}
			s.For(id3, func() {
				Expect(byID).To(Equal(want), "getByInteractionId with read-allowed %q", read)
				Expect(listed).To(Equal(want), "getInteractions with read-allowed %q", read)
			})
		}, framework.Needs(framework.CapOptions, control.StimInboundCall))

	framework.ConformanceIt("read-allowed: interaction events carry only the readable keys",
		framework.Reqs{"security.userData.4"}, func(s *framework.Session) {
			c, id := talking(s, map[string]any{"Key1": "a", "Key2": "b"})
			full := maps.Clone(s.GetInteraction(c, id)["userData"].(map[string]any))
			s.SetOptions(control.Options{options.UserDataReadAllowed: "Key1"})
			readable := keys("Key1")
			s.OK(c, "interaction.setUserData", id, map[string]any{"Key1": "a2"})
			full["Key1"] = "a2"
			it := s.InteractionEvent(c, "ATTACHED_DATA_CHANGED", id)
			Expect(it["userData"]).To(Equal(readable.Filter(full)), "ATTACHED_DATA_CHANGED with read-allowed \"Key1\"")
			s.OK(c, "voice.hangUp", id)
			it = s.InteractionEvent(c, "RELEASED", id)
			Expect(it["userData"]).To(Equal(readable.Filter(full)), "RELEASED with read-allowed \"Key1\"")
		}, framework.Needs(framework.CapOptions, control.StimInboundCall))
})
