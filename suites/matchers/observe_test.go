package matchers

import (
	"testing"

	"scapi-conformance/contract/wire"
)

func TestIsEvent(t *testing.T) {
	typed := decode(t, `{"event":"agent","data":{"eventType":"STATE_CHANGED"}}`)
	frame := decode(t, `{"event":"system","data":{"frameState":"LEADING"}}`)
	reply := decode(t, `{"referenceId":"0","data":{"eventType":"STATE_CHANGED"}}`)
	for _, c := range []struct {
		name             string
		m                *wire.Message
		event, eventType string
		want             bool
	}{
		{"typed", typed, "agent", "STATE_CHANGED", true},
		{"without eventType", frame, "system", "", true},
		{"other type", typed, "agent", "OTHER", false},
		{"empty type wanted", typed, "agent", "", false},
		{"typed wanted", frame, "system", "REALTIME_CONNECTION", false},
		{"other name", typed, "media", "STATE_CHANGED", false},
		{"a reply", reply, "agent", "STATE_CHANGED", false},
		{"nil", nil, "agent", "STATE_CHANGED", false},
	} {
		if got := IsEvent(c.m, c.event, c.eventType); got != c.want {
			t.Errorf("%s: IsEvent = %v, want %v", c.name, got, c.want)
		}
	}
}
