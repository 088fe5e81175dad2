package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
)

var _ = Describe("Interaction namespace > markdone", func() {
	framework.ConformanceIt("markdone on a released call removes it from the interactions",
		framework.Reqs{"interaction.markdone.1", "events.interaction.REMOVED.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id := s.Released(c)
			s.For("interaction.markdone.1", func() { s.OK(c, "interaction.markdone", id) })
			s.For("events.interaction.REMOVED.1", func() {
				s.InteractionEvent(c, "REMOVED", id)
				Expect(s.Listed(c, id)).To(BeFalse(), "REMOVED: The interaction has been removed from the list of interactions.")
			})
		})

	framework.ConformanceIt("blockMarkdone holds markdone back and tells markdone subscribers; unblockMarkdone lets it through",
		framework.Reqs{"interaction.blockMarkdone.1", "interaction.blockMarkdone.2", "interaction.unblockMarkdone.1"}, func(s *framework.Session) {
			c := s.Agent("interaction", "markdone")
			id := s.Released(c)
			s.OK(c, "interaction.blockMarkdone", id, "Fill in the disposition first")
			s.CallMethod(c, "interaction.markdone", id)
			s.For("interaction.blockMarkdone.1", func() { s.Holds("INT-EVENT-6", s.Listed(c, id)) })
			s.For("interaction.blockMarkdone.2", func() { nsMarkdoneEvent(s, c) })
			s.OK(c, "interaction.unblockMarkdone", id)
			s.OK(c, "interaction.markdone", id)
			s.For("interaction.unblockMarkdone.1", func() {
				s.InteractionEvent(c, "REMOVED", id)
				Expect(s.Listed(c, id)).To(BeFalse(), "markdone after unblockMarkdone left the interaction listed")
			})
		})
})

// nsMarkdoneEvent waits for the "markdone" event, whose content neither
// document describes (INT-EVENT-6: any data, with or without an eventType),
// and judges it by the schemas schemas.ForMessage names for it.
func nsMarkdoneEvent(s *framework.Session, c driver.Client) {
	GinkgoHelper()
	for {
		m := s.NextMessage(c)
		if name, _ := m.String("event"); name != "markdone" {
			continue
		}
		s.ValidMessage(m, "")
		framework.RecordEventAsserted("markdone", "")
		return
	}
}
