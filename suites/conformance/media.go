package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
	"scapi-conformance/suites/matchers"
)

// nsMediaList returns the media list, checked against media.Media[].
func nsMediaList(s *framework.Session, c driver.Client) []map[string]any {
	GinkgoHelper()
	list, _ := s.OK(c, "media.getMediaList").([]any)
	Expect(list).NotTo(BeEmpty(), "getMediaList: Get the list of media with attributes; the list is empty")
	out := make([]map[string]any, 0, len(list))
	for _, v := range list {
		out = append(out, v.(map[string]any))
	}
	return out
}

var _ = Describe("Media namespace", func() {
	framework.ConformanceIt("getMediaList answers media.Media objects with distinct names", framework.Reqs{"media.getMediaList.1", "media.type.Media.1"}, func(s *framework.Session) {
		c := s.Agent()
		names := map[any]bool{}
		for _, m := range nsMediaList(s, c) {
			Expect(names[m["name"]]).To(BeFalse(), "media %v is listed twice", m["name"])
			names[m["name"]] = true
		}
	})

	framework.ConformanceIt("getMediaByName answers the media the list describes", framework.Reqs{"media.getMediaByName.1"}, func(s *framework.Session) {
		c := s.Agent()
		for _, m := range nsMediaList(s, c) {
			got := s.OK(c, "media.getMediaByName", m["name"])
			Expect(got).To(Equal(any(m)), "getMediaByName(%v) differs from the getMediaList entry", m["name"])
		}
	})

	framework.ConformanceIt("getMediaByName of an unknown media fails", framework.Reqs{"media.getMediaByName.2"}, func(s *framework.Session) {
		c := s.Agent()
		m := s.CallMethod(c, "media.getMediaByName", "no-such-media-7c1e")
		_, refused := m.ErrorMessage()
		if !refused {
			Expect(framework.Decode(m.Data())).To(BeNil(), "an unknown media name answered a media: %s", matchers.Describe(m))
		}
		s.Holds("INT-NS-7", refused)
	})

	framework.ConformanceIt("setState changes the media's state as getMediaByName then reports", framework.Reqs{"media.setState.1"}, func(s *framework.Session) {
		c := s.Agent()
		name := nsMediaList(s, c)[0]["name"]
		for _, st := range s.SettableStates(c) {
			By("setState(" + name.(string) + ", " + st["operationName"].(string) + ")")
			s.OK(c, "media.setState", name, st["operationName"])
			m, _ := s.OK(c, "media.getMediaByName", name).(map[string]any)
			state, _ := m["state"].(map[string]any)
			Expect(state["type"]).To(Equal(st["type"]), "state: The media state object.")
		}
	})

	framework.ConformanceIt("setState of a media name the agent does not have changes no media",
		framework.Reqs{"media.setState.1"}, func(s *framework.Session) {
			c := s.Agent()
			before := nsMediaList(s, c)
			// A settable state unlike the first media's, so that setting it on
			// that media (or any other) would show.
			current, _ := before[0]["state"].(map[string]any)
			var op any
			for _, st := range s.SettableStates(c) {
				if st["type"] != current["type"] {
					op = st["operationName"]
					break
				}
			}
			m := s.CallMethod(c, "media.setState", "no-such-media-7c1e", op)
			_, refused := m.ErrorMessage()
			Expect(nsMediaList(s, c)).To(Equal(before), "setState(name, …) sets the state of the media named; no-such-media-7c1e names none, yet the media list changed")
			s.Holds("INT-NS-7", refused)
		})

	framework.ConformanceIt("setState with an operationName absent from the list is refused and changes nothing", framework.Reqs{"media.setState.2"}, func(s *framework.Session) {
		c := s.Agent()
		name := nsMediaList(s, c)[0]["name"]
		before := s.OK(c, "media.getMediaByName", name)
		refused := s.Refused(c, "media.setState", name, "NoSuchOperation-1f3a")
		Expect(s.OK(c, "media.getMediaByName", name)).To(Equal(before), "the media changed after an unknown operationName")
		s.Holds("INT-NS-1", refused)
	})
})
