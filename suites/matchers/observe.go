package matchers

import (
	"encoding/json"
	"fmt"
	"sync/atomic"

	"scapi-conformance/contract/wire"
)

// eventObserver is told of every event a BeEvent matched; see ObserveEvents.
var eventObserver atomic.Pointer[func(event, eventType string)]

// ObserveEvents installs the function told of every event type a BeEvent
// matched (the spec framework records them for its coverage gate).
func ObserveEvents(observe func(event, eventType string)) { eventObserver.Store(&observe) }

func observed(event, eventType string) {
	if f := eventObserver.Load(); f != nil {
		(*f)(event, eventType)
	}
}

// EventType returns data.eventType of an event message; ok is false when the
// data has no eventType string (a frameState event, a messenger message).
func EventType(m *wire.Message) (eventType string, ok bool) {
	var data map[string]json.RawMessage
	if json.Unmarshal(m.Data(), &data) != nil {
		return "", false
	}
	raw, present := data["eventType"]
	if !present || json.Unmarshal(raw, &eventType) != nil {
		return "", false
	}
	return eventType, true
}

// IsEvent reports whether m is the event named event with the eventType; an
// empty eventType means an event whose data has no eventType at all.
func IsEvent(m *wire.Message, event, eventType string) bool {
	if m == nil || m.Kind() != wire.KindEvent {
		return false
	}
	if name, _ := m.String("event"); name != event {
		return false
	}
	got, has := EventType(m)
	if eventType == "" {
		return !has
	}
	return has && got == eventType
}

// maxDescribed bounds how much of a message a failure message quotes.
const maxDescribed = 400

// Describe quotes a message for a failure message, shortened when long.
func Describe(m *wire.Message) string {
	if m == nil {
		return "<no message>"
	}
	raw := string(m.Raw)
	if len(raw) > maxDescribed {
		raw = fmt.Sprintf("%s… (%d bytes)", raw[:maxDescribed], len(raw))
	}
	return raw
}
