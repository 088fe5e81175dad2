package framework

import (
	"fmt"

	"github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/schemas"
	"scapi-conformance/suites/matchers"
)

// Events checked against their documented schemas, the interaction an event
// concerns, and the stimuli that put the target in a documented state, each
// observed through the documented events rather than through what the control
// endpoint says it did.

// Event waits for the event, checks it against its documented schema and
// returns its data as an object.
func (s *Session) Event(c driver.Client, event, eventType string) map[string]any {
	ginkgo.GinkgoHelper()
	return s.EventData(s.ExpectEvent(c, event, eventType), event, eventType)
}

// EventData validates an event message received and returns its data.
func (s *Session) EventData(m *wire.Message, event, eventType string) map[string]any {
	ginkgo.GinkgoHelper()
	Expect(m).To(matchers.BeEvent(event, eventType))
	s.ValidMessage(m, "")
	data, ok := Decode(m.Data()).(map[string]any)
	Expect(ok).To(BeTrue(), "the event's data is not an object: %s", matchers.Describe(m))
	return data
}

// InteractionOf returns data.interaction of an interaction event, which every
// interaction event documented with one must carry.
func InteractionOf(data map[string]any) map[string]any {
	ginkgo.GinkgoHelper()
	it, ok := data["interaction"].(map[string]any)
	Expect(ok).To(BeTrue(), "the %v event carries no interaction object: %v", data["eventType"], data)
	return it
}

// InteractionEvent waits for an interaction event and returns its
// interaction, checking it is the one with the given id ("" = any).
func (s *Session) InteractionEvent(c driver.Client, eventType, id string) map[string]any {
	ginkgo.GinkgoHelper()
	it := InteractionOf(s.Event(c, "interaction", eventType))
	if id != "" {
		Expect(it["interactionId"]).To(Equal(id), "%s concerns another interaction", eventType)
	}
	return it
}

// InteractionID returns the interactionId of an interaction object.
func InteractionID(it map[string]any) string {
	ginkgo.GinkgoHelper()
	id, ok := it["interactionId"].(string)
	Expect(ok).To(BeTrue(), "the interaction has no string interactionId: %v", it)
	Expect(id).NotTo(BeEmpty())
	return id
}

// GetInteraction returns the interaction by id through getByInteractionId.
func (s *Session) GetInteraction(c driver.Client, id string) map[string]any {
	ginkgo.GinkgoHelper()
	it, ok := s.OK(c, "interaction.getByInteractionId", id).(map[string]any)
	Expect(ok).To(BeTrue(), "getByInteractionId(%q) answered no interaction", id)
	Expect(it["interactionId"]).To(Equal(id))
	return it
}

// Listed reports whether getInteractions lists the interaction id.
func (s *Session) Listed(c driver.Client, id string) bool {
	ginkgo.GinkgoHelper()
	list, _ := s.OK(c, "interaction.getInteractions").([]any)
	for _, v := range list {
		if it, ok := v.(map[string]any); ok && it["interactionId"] == id {
			return true
		}
	}
	return false
}

// eventMeaning quotes the 001 description of the eventTypes the call helpers
// check, for failure messages.
var eventMeaning = map[string]string{
	"RINGING":     "The inbound call starts ringing.",
	"ESTABLISHED": "The call has been established.",
	"RELEASED":    "The call has been released.",
}

// Ringing makes a voice call ring (stimulus inbound-call, with args) and
// returns the interaction of its RINGING event; c must be subscribed to
// "interaction".
func (s *Session) Ringing(c driver.Client, args map[string]any) map[string]any {
	ginkgo.GinkgoHelper()
	s.Stimulate(control.StimInboundCall, args)
	it := s.InteractionEvent(c, "RINGING", "")
	Expect(it["state"]).To(Equal("RINGING"), "RINGING: %s", eventMeaning["RINGING"])
	return it
}

// Talking returns the id of a voice call the agent talks on, once
// ESTABLISHED: an inbound call it answers when the target can ring one, else
// a call it dials (Dialled).
func (s *Session) Talking(c driver.Client) string {
	ginkgo.GinkgoHelper()
	if !s.has(control.StimInboundCall) {
		return s.Dialled(c)
	}
	id := InteractionID(s.Ringing(c, nil))
	s.OK(c, "voice.answer", id)
	it := s.InteractionEvent(c, "ESTABLISHED", id)
	Expect(it["state"]).To(Equal("TALKING"), "ESTABLISHED: %s", eventMeaning["ESTABLISHED"])
	return id
}

// DialDestination is the number a spec dials for a call the agent talks on
// when the target cannot ring an inbound one: a destination that answers (the
// reference Workspace's answers at once; a lab's must).
const DialDestination = "5001"

// Dialled dials DialDestination and returns the id of the call once it is
// ESTABLISHED (c must be subscribed to "interaction"). A call that is not
// answered within the timeout skips the spec with the reason: it needs a call
// the agent talks on, which the lab did not provide (voice.dial itself is
// judged by its own spec).
func (s *Session) Dialled(c driver.Client) string {
	ginkgo.GinkgoHelper()
	s.OK(c, "voice.dial", DialDestination, map[string]any{})
	id := InteractionID(s.InteractionEvent(c, "DIALING", ""))
	for {
		m, err := s.awaitEvent(c, "interaction", "ESTABLISHED")
		if err != nil {
			ginkgo.Skip(fmt.Sprintf("this spec needs a call the agent talks on: the target cannot ring an inbound call and the call dialled to %s was not ESTABLISHED (%s)",
				DialDestination, s.waitError(err, "no ESTABLISHED event")))
		}
		it := InteractionOf(s.EventData(m, "interaction", "ESTABLISHED"))
		if it["interactionId"] == id {
			Expect(it["state"]).To(Equal("TALKING"), "ESTABLISHED: %s", eventMeaning["ESTABLISHED"])
			return id
		}
	}
}

// Released returns the id of an answered call the agent hung up (IDLE).
func (s *Session) Released(c driver.Client) string {
	ginkgo.GinkgoHelper()
	id := s.Talking(c)
	s.OK(c, "voice.hangUp", id)
	it := s.InteractionEvent(c, "RELEASED", id)
	Expect(it["state"]).To(Equal("IDLE"), "RELEASED: %s", eventMeaning["RELEASED"])
	return id
}

// NoSuchID is an interaction id no target hands out.
const NoSuchID = "no-such-interaction-5e0d"

// UnknownInteraction calls a method on an interaction that does not exist
// (rest are its other parameters): it must fail, never answer as if it had
// acted (INT-NS-7).
func (s *Session) UnknownInteraction(c driver.Client, name string, rest ...any) {
	ginkgo.GinkgoHelper()
	m := s.CallMethod(c, name, append([]any{NoSuchID}, rest...)...)
	_, refused := m.ErrorMessage()
	if !refused {
		Expect(Decode(m.Data())).To(BeNil(), "%s on an unknown interaction answered as if it had acted: %s", name, matchers.Describe(m))
	}
	s.Holds("INT-NS-7", refused)
}

// OnlyDocumentedEvents drains what is left on c and checks that every event
// is a documented one, each valid against its schema (INT-EVENT-14).
func (s *Session) OnlyDocumentedEvents(c driver.Client) {
	ginkgo.GinkgoHelper()
	for _, m := range s.Drain(c) {
		if m.Kind() != wire.KindEvent {
			continue
		}
		event, _ := m.String("event")
		eventType, _ := matchers.EventType(m)
		schema, ok := schemas.EventSchema(event, eventType)
		s.Holds("INT-EVENT-14", ok)
		if ok {
			s.Valid(m, schema)
		}
	}
}

// HasUserData reports whether an interaction's userData holds key = value.
func HasUserData(it map[string]any, key string, value any) bool {
	ud, _ := it["userData"].(map[string]any)
	v, ok := ud[key]
	return ok && v == value
}

// HasUserDataKey reports whether an interaction's userData holds the key.
func HasUserDataKey(it map[string]any, key string) bool {
	ud, _ := it["userData"].(map[string]any)
	_, ok := ud[key]
	return ok
}
