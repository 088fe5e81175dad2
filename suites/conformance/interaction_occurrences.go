package conformance

import (
	"sort"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/requirements"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
)

// nsStateEvents are the occurrence eventTypes that are also interaction states
// described alike (INT-EVENT-18).
var nsStateEvents = map[string]bool{"REVOKED": true, "PULLED": true, "INVITED_CONFERENCE": true, "LEFT_CONFERENCE": true,
	"JOIN_PENDING": true, "JOIN_FAILED": true, "ERROR": true, "CANCELLED": true, "SENT": true}

// nsOccurrenceSubject opens the interaction an occurrence concerns: an
// outbound email for SENT and CANCELLED, an invited chat otherwise.
func nsOccurrenceSubject(s *framework.Session, c driver.Client, eventType string) map[string]any {
	GinkgoHelper()
	if eventType == "SENT" || eventType == "CANCELLED" {
		s.OK(c, "email.create", "customer@example.com", map[string]any{})
		return s.InteractionEvent(c, "ADDED", "")
	}
	return nsInvited(s, c, control.StimInboundChat)
}

// The interaction events that only outside occurrences produce (a customer
// typing, a workbin outcome, an email sent from the UI…): each reaches the
// subscribers with its interaction, valid against its schema, in the state
// the event names when it is also a state (INT-EVENT-18).
var _ = Describe("Interaction events of outside occurrences", func() {
	types := make([]string, 0, len(requirements.OccurrenceEvents))
	for t := range requirements.OccurrenceEvents {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, eventType := range types {
		var needs []any
		if eventType != "SENT" && eventType != "CANCELLED" {
			needs = append(needs, framework.Needs(control.StimInboundChat))
		}
		framework.ConformanceIt(eventType+": "+requirements.OccurrenceEvents[eventType], framework.Reqs{"events.interaction." + eventType + ".1"},
			func(s *framework.Session) {
				if !s.Has(control.StimInteractionEvent) {
					Skip("the target cannot produce the stimulus \"" + control.StimInteractionEvent + "\"")
				}
				c := s.Agent("interaction")
				subject := nsOccurrenceSubject(s, c, eventType)
				id := framework.InteractionID(subject)
				before := s.GetInteraction(c, id)["state"]
				s.Stimulate(control.StimInteractionEvent, map[string]any{"interactionId": id, "eventType": eventType})
				it := s.InteractionEvent(c, eventType, id)
				want := before
				if nsStateEvents[eventType] {
					want = eventType
				}
				s.Holds("INT-EVENT-18", it["state"] == want)
				Expect(s.GetInteraction(c, id)["state"]).To(Equal(it["state"]), "getByInteractionId after %s", eventType)
			}, needs...)
	}
})
