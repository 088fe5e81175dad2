package matchers

import (
	"slices"
	"testing"

	"github.com/onsi/gomega/types"
)

func TestBeEvent(t *testing.T) {
	var seen []string
	ObserveEvents(func(event, eventType string) { seen = append(seen, event+"/"+eventType) })
	defer ObserveEvents(func(string, string) {})
	runMatcherCases(t, func() types.GomegaMatcher { return BeEvent("agent", "STATE_CHANGED") }, []matcherCase{
		{"matching", `{"event":"agent","data":{"eventType":"STATE_CHANGED"}}`, true,
			`expected anything but the event "agent" with eventType "STATE_CHANGED", got {"event":"agent","data":{"eventType":"STATE_CHANGED"}}`},
		{"other type", `{"event":"agent","data":{"eventType":"OTHER"}}`, false,
			`expected the event "agent" with eventType "STATE_CHANGED", got {"event":"agent","data":{"eventType":"OTHER"}}`},
		{"other event", `{"event":"media","data":{"eventType":"STATE_CHANGED"}}`, false,
			`expected the event "agent" with eventType "STATE_CHANGED", got {"event":"media","data":{"eventType":"STATE_CHANGED"}}`},
		{"a reply", `{"referenceId":"0","data":{"eventType":"STATE_CHANGED"}}`, false,
			`expected the event "agent" with eventType "STATE_CHANGED", got {"referenceId":"0","data":{"eventType":"STATE_CHANGED"}}`},
	})
	runMatcherCases(t, func() types.GomegaMatcher { return BeEvent("system", "") }, []matcherCase{
		{"frame state", `{"event":"system","data":{"frameState":"LEADING"}}`, true,
			`expected anything but the event "system" without eventType, got {"event":"system","data":{"frameState":"LEADING"}}`},
		{"typed system event", `{"event":"system","data":{"eventType":"REALTIME_CONNECTION"}}`, false,
			`expected the event "system" without eventType, got {"event":"system","data":{"eventType":"REALTIME_CONNECTION"}}`},
	})
	if !slices.Contains(seen, "system/") || slices.Contains(seen, "media/STATE_CHANGED") {
		t.Errorf("the observer was told %v: want every match (system/ among them) and no mismatch", seen)
	}
}
