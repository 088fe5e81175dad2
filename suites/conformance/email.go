package conformance

import (
	. "github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/control"
	"scapi-conformance/suites/framework"
)

var _ = Describe("Email namespace", func() {
	framework.ConformanceIt("create adds a new email interaction carrying the userData",
		framework.Reqs{"email.create.1", "email.create.2", "events.interaction.CREATED.1"}, func(s *framework.Session) {
			c := nsAgent(s, "interaction")
			nsOK(s, c, "email.create", "customer@example.com", map[string]any{"EmailKey": "e"})
			id := nsID(nsInteractionEvent(s, c, "ADDED", ""))
			created := nsInteractionEvent(s, c, "CREATED", id)
			nsHolds(s, "INT-EVENT-2", created["state"] == "CREATED" && nsListed(s, c, id) &&
				nsHasUserData(nsGet(s, c, id), "EmailKey", "e"))
		})

	framework.ConformanceIt("an inbound email is an invitation the agent accepts",
		framework.Reqs{"interaction.accept.1", "events.interaction.INVITED.1"}, func(s *framework.Session) {
			c := nsAgent(s, "interaction")
			id := nsID(nsInvited(s, c, control.StimInboundEmail))
			nsOK(s, c, "interaction.accept", id)
			it := nsInteractionEvent(s, c, "ACCEPTED", id)
			nsHolds(s, "INT-EVENT-8", it["state"] == "ACCEPTED")
		}, framework.Needs(control.StimInboundEmail))
})
