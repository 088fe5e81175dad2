package conformance

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
)

// nsFrameHelpers asks the four frame-state helpers and checks each answers a
// boolean; the map is keyed by method name.
func nsFrameHelpers(s *framework.Session, c driver.Client) map[string]bool {
	GinkgoHelper()
	out := map[string]bool{}
	for _, name := range []string{"system.isFrameLeading", "system.isFrameFollowing", "system.isFrameNegotiating",
		"system.isFrameLeadingOrNegotiating", "system.isLastActiveFrame"} {
		v, ok := s.OK(c, name).(bool)
		Expect(ok).To(BeTrue(), "%s answers a boolean", name)
		out[name] = v
	}
	return out
}

// nsHelpersAgree reports whether the helpers agree with a frameState (""
// when none was announced: exactly one of the three states holds).
func nsHelpersAgree(h map[string]bool, frameState string) bool {
	lead, follow, neg := h["system.isFrameLeading"], h["system.isFrameFollowing"], h["system.isFrameNegotiating"]
	if h["system.isFrameLeadingOrNegotiating"] != (lead || neg) {
		return false
	}
	switch frameState {
	case "LEADING":
		return lead && !follow && !neg
	case "FOLLOWING":
		return follow && !lead && !neg
	case "NEGOTIATING":
		return neg && !lead && !follow
	}
	n := 0
	for _, b := range []bool{lead, follow, neg} {
		if b {
			n++
		}
	}
	return n == 1
}

// nsFrameDisagreement names the helper whose answer contradicts the
// announced frameState (or the union isFrameLeadingOrNegotiating): the
// requirement of that helper is what a disagreement breaks; "" when none
// can be singled out.
func nsFrameDisagreement(h map[string]bool, frameState string) string {
	lead, neg := h["system.isFrameLeading"], h["system.isFrameNegotiating"]
	if h["system.isFrameLeadingOrNegotiating"] != (lead || neg) {
		return "system.isFrameLeadingOrNegotiating"
	}
	for _, name := range []string{"system.isFrameLeading", "system.isFrameFollowing", "system.isFrameNegotiating"} {
		if frameState != "" && h[name] != (name == "system.isFrame"+frameState[:1]+strings.ToLower(frameState[1:])) {
			return name
		}
	}
	return ""
}

// nsFrameHolds judges the helpers against frameState (INT-EVENT-17), a
// disagreement attributed to the helper that answers wrong.
func nsFrameHolds(s *framework.Session, c driver.Client, frameState string) {
	GinkgoHelper()
	h := nsFrameHelpers(s, c)
	if name := nsFrameDisagreement(h, frameState); name != "" {
		s.ForKit(name+".1", func() { s.Holds("INT-EVENT-17", nsHelpersAgree(h, frameState)) })
	}
	s.Holds("INT-EVENT-17", nsHelpersAgree(h, frameState))
}

var _ = Describe("System namespace > multiple browser tabs", func() {
	framework.ConformanceIt("the frame helpers answer booleans naming exactly one frame state",
		framework.Reqs{"system.isFrameLeading.1", "system.isFrameFollowing.1", "system.isFrameNegotiating.1",
			"system.isFrameLeadingOrNegotiating.1", "system.isLastActiveFrame.1", "events.system.frameState.3"},
		func(s *framework.Session) {
			h := nsFrameHelpers(s, s.Agent())
			if name := nsFrameDisagreement(h, ""); name != "" {
				s.For(name+".1", func() {
					Expect(nsHelpersAgree(h, "")).To(BeTrue(), "a tab is leading, following or negotiating, and isFrameLeadingOrNegotiating is their union: %v", h)
				})
			}
			Expect(nsHelpersAgree(h, "")).To(BeTrue(), "a tab is leading, following or negotiating, and isFrameLeadingOrNegotiating is their union: %v", h)
		})

	for _, outcome := range []string{"LEADING", "FOLLOWING"} {
		framework.ConformanceIt("an election won as "+outcome+" is announced by frameState events the helpers then agree with",
			framework.Reqs{"events.system.frameState.1", "events.system.frameState.2", "events.system.frameState.3"},
			func(s *framework.Session) {
				c := s.Agent("system")
				s.Stimulate(control.StimElection, map[string]any{"states": []any{"NEGOTIATING", outcome}})
				for _, want := range []string{"NEGOTIATING", outcome} {
					ev := s.Event(c, "system", "")
					Expect(ev).To(HaveKeyWithValue("frameState", want), "The state is exposed through the data.frameState property on system events")
				}
				nsFrameHolds(s, c, outcome)
			}, framework.Needs(control.StimElection))
	}

	framework.ConformanceIt("while an election is in progress the tab is negotiating, neither leading nor following",
		framework.Reqs{"events.system.frameState.4", "system.isFrameNegotiating.1", "system.isFrameLeadingOrNegotiating.1"},
		func(s *framework.Session) {
			c := s.Agent("system")
			s.Stimulate(control.StimElection, map[string]any{"states": []any{"NEGOTIATING"}})
			s.For("events.system.frameState.4", func() {
				Expect(s.Event(c, "system", "")).To(HaveKeyWithValue("frameState", "NEGOTIATING"))
			})
			nsFrameHolds(s, c, "NEGOTIATING")
		}, framework.Needs(control.StimElection))

	framework.ConformanceIt("isLastActiveFrame follows whether the tab was the last active one",
		framework.Reqs{"system.isLastActiveFrame.1"}, func(s *framework.Session) {
			c := s.Agent()
			for _, last := range []bool{false, true} {
				s.Stimulate(control.StimElection, map[string]any{"states": []any{"LEADING"}, "lastActive": last})
				Expect(s.OK(c, "system.isLastActiveFrame")).To(Equal(last), "true if this is the last active browser tab")
			}
		}, framework.Needs(control.StimElection))
})
