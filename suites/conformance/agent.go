package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/suites/framework"
)

var _ = Describe("Agent namespace", func() {
	framework.ConformanceIt("get answers the agent's attributes as agent.Agent", framework.Reqs{"agent.get.1", "agent.type.Agent.1"}, func(s *framework.Session) {
		c := s.Agent()
		agent, _ := s.OK(c, "agent.get").(map[string]any)
		Expect(agent).To(HaveKey("username"), "username: The agent's username. This is a global unique ID.")
		if want, ok := s.Data("agent"); ok {
			// The profile gives the fields it knows; the others are not required.
			fields, _ := framework.Decode([]byte(framework.JSONText(want))).(map[string]any)
			Expect(fields).NotTo(BeNil(), "the profile's agent is not an object: %v", want)
			for k, v := range fields {
				Expect(agent).To(HaveKeyWithValue(k, v), "the profile's agent has %s: %v", k, v)
			}
		}
	})

	framework.ConformanceIt("getStateList answers media.State objects, each with an operationName", framework.Reqs{"agent.getStateList.1", "media.type.State.1"}, func(s *framework.Session) {
		c := s.Agent()
		seen := map[any]bool{}
		for _, st := range s.AgentStates(c) {
			// Each item is a media.State (media.type.State.1).
			s.For("media.type.State.1", func() {
				Expect(st).To(HaveKeyWithValue("operationName", Not(BeEmpty())), "operationName: The operation name to use with agent.setState and media.setState.")
			})
			Expect(seen[st["operationName"]]).To(BeFalse(), "operationName %v is listed twice", st["operationName"])
			seen[st["operationName"]] = true
		}
	})

	framework.ConformanceIt("getState answers one of the listed states", framework.Reqs{"agent.getState.1"}, func(s *framework.Session) {
		c := s.Agent()
		st, _ := s.OK(c, "agent.getState").(map[string]any)
		var types []any
		for _, l := range s.AgentStates(c) {
			types = append(types, l["type"])
		}
		Expect(types).To(ContainElement(st["type"]), "the current state's type is not among the states list")
	})

	framework.ConformanceIt("setState applies each settable state: getState and STATE_CHANGED reflect it",
		framework.Reqs{"agent.setState.1", "agent.setState.3"}, func(s *framework.Session) {
			c := s.Agent("agent")
			current, _ := s.OK(c, "agent.getState").(map[string]any)
			for _, st := range s.SettableStates(c) {
				if st["type"] == current["type"] {
					continue // no change to observe
				}
				current = st
				By("setState(" + st["operationName"].(string) + ")")
				s.For("agent.setState.1", func() { s.OK(c, "agent.setState", st["operationName"]) })
				s.For("agent.setState.3", func() {
					ev := s.Event(c, "agent", "STATE_CHANGED")
					s.Holds("INT-EVENT-1", ev["mediaState"] == st["type"])
				})
				now, _ := s.OK(c, "agent.getState").(map[string]any)
				s.For("agent.setState.1", func() {
					Expect(now["type"]).To(Equal(st["type"]), "getState after setState(%v)", st["operationName"])
				})
			}
		})

	framework.ConformanceIt("setState with an operationName absent from the list is refused and changes nothing",
		framework.Reqs{"agent.setState.2"}, func(s *framework.Session) {
			c := s.Agent()
			before := s.OK(c, "agent.getState")
			refused := s.Refused(c, "agent.setState", "NoSuchOperation-1f3a")
			after := s.OK(c, "agent.getState")
			Expect(after).To(Equal(before), "the agent state changed after an unknown operationName")
			s.Holds("INT-NS-1", refused)
		})

	framework.ConformanceIt("a state change from the UI reaches subscribers with its reason and reason code",
		framework.Reqs{"events.agent.STATE_CHANGED.1", "events.subscribe.1"}, func(s *framework.Session) {
			c := s.Agent("agent", "interaction")
			s.Stimulate(control.StimAgentState, map[string]any{"state": "NOT_READY_ACTION_CODE", "reason": "Break", "reasonCode": "1511"})
			var ev map[string]any
			s.For("events.subscribe.1", func() { ev = s.Event(c, "agent", "STATE_CHANGED") })
			s.For("events.agent.STATE_CHANGED.1", func() {
				Expect(ev).To(HaveKeyWithValue("mediaState", "NOT_READY_ACTION_CODE"))
				Expect(ev).To(HaveKeyWithValue("reason", "Break"))
				Expect(ev).To(HaveKeyWithValue("reasonCode", "1511"))
			})
		}, framework.Needs(control.StimAgentState))
})

var _ = Describe("Agent namespace > states limited to an event", func() {
	framework.ConformanceIt("a state limited to an event cannot be applied by code, even by its own operationName",
		framework.Reqs{"agent.setState.4"}, func(s *framework.Session) {
			c := s.Agent("agent")
			s.Stimulate(control.StimAgentState, map[string]any{"state": "OUT_OF_SERVICE"})
			// The event only shows that the stimulus took effect: as in the
			// spec above, its absence and its content are other requirements'.
			var ev map[string]any
			s.ForKit("events.subscribe.1", func() { ev = s.Event(c, "agent", "STATE_CHANGED") })
			s.ForKit("events.agent.STATE_CHANGED.1", func() { Expect(ev).To(HaveKeyWithValue("mediaState", "OUT_OF_SERVICE")) })
			eventOnly, _ := s.OK(c, "agent.getState").(map[string]any)
			Expect(eventOnly).To(HaveKeyWithValue("type", "OUT_OF_SERVICE"), "getState while the agent is out of service")
			op, _ := eventOnly["operationName"].(string)
			Expect(op).NotTo(BeEmpty(), "operationName: The operation name to use with agent.setState and media.setState.")
			settable := s.SettableStates(c)[0]
			s.OK(c, "agent.setState", settable["operationName"])
			refused := s.Refused(c, "agent.setState", op)
			now, _ := s.OK(c, "agent.getState").(map[string]any)
			Expect(now["type"]).To(Equal(settable["type"]), "setState(%q) applied OUT_OF_SERVICE, which can't be applied by code", op)
			s.Holds("INT-NS-13", refused)
		}, framework.Needs(control.StimAgentState))
})
