package conformance

import (
	. "github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/control"
	"scapi-conformance/suites/framework"
)

var _ = Describe("Email namespace", func() {
	framework.ConformanceIt("create adds a new email interaction carrying the userData",
		framework.Reqs{"email.create.1", "email.create.2", "events.interaction.CREATED.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			s.OK(c, "email.create", "customer@example.com", map[string]any{"EmailKey": "e"})
			id := framework.InteractionID(s.InteractionEvent(c, "ADDED", ""))
			created := s.InteractionEvent(c, "CREATED", id)
			it := s.GetInteraction(c, id)
			s.ExpectHiddenUserData(it, map[string]any{"EmailKey": "e"}, "getByInteractionId of the created email")
			s.Holds("INT-EVENT-2", created["state"] == "CREATED" && s.Listed(c, id) && s.ShowsUserData(it, map[string]any{"EmailKey": "e"}))
		})

	framework.ConformanceIt("an inbound email is an invitation the agent accepts",
		framework.Reqs{"interaction.accept.1", "events.interaction.INVITED.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id := framework.InteractionID(nsInvited(s, c, control.StimInboundEmail))
			s.OK(c, "interaction.accept", id)
			it := s.InteractionEvent(c, "ACCEPTED", id)
			s.Holds("INT-EVENT-8", it["state"] == "ACCEPTED")
		}, framework.Needs(control.StimInboundEmail))
})
