package contract

import "testing"

func TestEventsUniqueAndComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Events() {
		key := e.Event + "/" + e.EventType
		if seen[key] {
			t.Errorf("duplicate event %s", key)
		}
		seen[key] = true
		if e.Schema == "" || e.Section == "" || len(e.Documents) == 0 {
			t.Errorf("%s: incomplete %+v", key, e)
		}
	}
	for _, must := range []string{"agent/STATE_CHANGED", "interaction/RINGING", "interaction/CASE_ID_CHANGED",
		"interaction/RECORDS_RETRIEVED", "interaction/CASE_SELECTED", "system/CUSTOM_TOAST_BUTTON_CLICK",
		"system/REALTIME_CONNECTION", "system/", "outbound/CampaignStarted", "markdone/", "messenger/"} {
		if !seen[must] {
			t.Errorf("event %s missing", must)
		}
	}
}

func TestEventSchemaName(t *testing.T) {
	cases := []struct{ event, eventType, want string }{
		{"agent", "STATE_CHANGED", "event.agent.STATE_CHANGED"},
		{"interaction", "RINGING", "event.interaction.RINGING"},
		{"system", "", "event.system.frameState"},
		{"messenger:my-channel", "", "event.messenger"},
		{"markdone", "", "event.markdone"},
		{"outbound", "CampaignLoaded", "event.outbound.CampaignLoaded"},
	}
	for _, c := range cases {
		if got := EventSchemaName(c.event, c.eventType); got != c.want {
			t.Errorf("EventSchemaName(%q, %q) = %q, want %q", c.event, c.eventType, got, c.want)
		}
	}
}

func TestLookupEvent(t *testing.T) {
	if e, ok := LookupEvent("messenger:my-channel", ""); !ok || e.Event != "messenger" {
		t.Errorf("LookupEvent(messenger:my-channel) = %+v, %v", e, ok)
	}
	if _, ok := LookupEvent("interaction", "NOT_AN_EVENT"); ok {
		t.Error("LookupEvent found an undocumented eventType")
	}
}
