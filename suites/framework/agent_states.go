package framework

import (
	"github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/driver"
)

// EventOnlyStates are the media.State types the 000 guide marks "* States
// that are limited to an event and can't be applied by code".
var EventOnlyStates = map[string]bool{"PARTIAL_READY": true, "OUT_OF_SERVICE": true, "LOGOUT_DND_ON": true, "UNKNOWN": true}

// AgentStates returns the agent states list, checked against media.State[].
func (s *Session) AgentStates(c driver.Client) []map[string]any {
	ginkgo.GinkgoHelper()
	list, _ := s.OK(c, "agent.getStateList").([]any)
	Expect(list).NotTo(BeEmpty(), "getStateList: Gets the list of possible agent states; the list is empty")
	out := make([]map[string]any, 0, len(list))
	for _, v := range list {
		st, ok := v.(map[string]any)
		Expect(ok).To(BeTrue())
		out = append(out, st)
	}
	return out
}

// SettableStates returns the states of the list that code may apply, at least
// two of distinct types so that a change is observable; a target offering
// fewer skips the spec.
func (s *Session) SettableStates(c driver.Client) []map[string]any {
	ginkgo.GinkgoHelper()
	var out []map[string]any
	types := map[any]bool{}
	for _, st := range s.AgentStates(c) {
		t, _ := st["type"].(string)
		if !EventOnlyStates[t] && st["operationName"] != nil {
			out = append(out, st)
			types[st["type"]] = true
		}
	}
	if len(types) < 2 {
		ginkgo.Skip("the agent states list offers fewer than two states of distinct types that code may apply")
	}
	return out
}

// OtherState returns the operationName of a settable agent state whose type
// differs from the current one, as seen by c.
func (s *Session) OtherState(c driver.Client) string {
	ginkgo.GinkgoHelper()
	current, _ := s.OK(c, "agent.getState").(map[string]any)
	for _, st := range s.SettableStates(c) {
		if op, ok := st["operationName"].(string); ok && st["type"] != current["type"] {
			return op
		}
	}
	ginkgo.Fail("no settable agent state differs from the current one")
	return ""
}

// ChangeState changes the agent's state through c and returns the
// operationName applied.
func (s *Session) ChangeState(c driver.Client) string {
	ginkgo.GinkgoHelper()
	op := s.OtherState(c)
	s.OK(c, "agent.setState", op)
	return op
}
