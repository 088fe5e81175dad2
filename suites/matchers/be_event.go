package matchers

import (
	"fmt"

	"github.com/onsi/gomega/types"

	"scapi-conformance/contract/wire"
)

// BeEvent matches an event message named event whose data.eventType is
// eventType ("" for an event whose data has no eventType, such as a frameState
// system event). A match is told to the
// observer (ObserveEvents), for the coverage gate.
func BeEvent(event, eventType string) types.GomegaMatcher {
	return &eventMatcher{event: event, eventType: eventType}
}

type eventMatcher struct {
	event, eventType string
	m                *wire.Message
}

func (e *eventMatcher) Match(actual any) (bool, error) {
	m, err := asMessage("BeEvent", actual)
	if err != nil {
		return false, err
	}
	e.m = m
	if !IsEvent(m, e.event, e.eventType) {
		return false, nil
	}
	observed(e.event, e.eventType)
	return true, nil
}

func (e *eventMatcher) FailureMessage(any) string {
	return fmt.Sprintf("expected the event %s, got %s", e.describe(), quote(e.m))
}

func (e *eventMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("expected anything but the event %s, got %s", e.describe(), quote(e.m))
}

func (e *eventMatcher) describe() string {
	if e.eventType == "" {
		return fmt.Sprintf("%q without eventType", e.event)
	}
	return fmt.Sprintf("%q with eventType %q", e.event, e.eventType)
}
