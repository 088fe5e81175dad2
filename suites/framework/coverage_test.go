package framework

import (
	"slices"
	"testing"

	"scapi-conformance/contract"
	"scapi-conformance/contract/requirements"
)

// fullRecord is what a run covering everything would record.
func fullRecord() Record {
	var r Record
	for _, m := range contract.Catalog() {
		r.Sent = append(r.Sent, m.Request())
	}
	for _, e := range contract.Events() {
		r.Asserted = append(r.Asserted, EventKey{e.Event, e.EventType})
	}
	for _, q := range requirements.All() {
		r.Cited = append(r.Cited, q.ID)
	}
	return r
}

func TestUncoveredNothingWhenAllCovered(t *testing.T) {
	if gaps := Uncovered(fullRecord(), nil); len(gaps) != 0 {
		t.Errorf("a full record leaves gaps: %v", gaps)
	}
}

func TestUncoveredListsEachGap(t *testing.T) {
	r := fullRecord()
	drop := func(list []string, item string) []string {
		return slices.DeleteFunc(list, func(s string) bool { return s == item })
	}
	r.Sent = drop(r.Sent, "agent.get")
	r.Sent = drop(r.Sent, "voice.muteMicrophone") // its wire name counts as well:
	r.Sent = append(r.Sent, "sipEndpoint.muteMicrophone")
	r.Sent = drop(r.Sent, "unsubscribe")
	r.Asserted = slices.DeleteFunc(r.Asserted, func(k EventKey) bool {
		return k == EventKey{"interaction", "RINGING"} || k == EventKey{"system", ""}
	})
	r.Cited = drop(r.Cited, "security.origin.7")
	got := Uncovered(r, []string{"Suite a plain It"})
	want := []Gap{
		{GapMethod, "agent.get"}, {GapMethod, "unsubscribe"},
		{GapEvent, "interaction/RINGING"}, {GapEvent, "system (no eventType)"},
		{GapRequirement, "security.origin.7"},
		{GapSpec, "Suite a plain It"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("gaps\n got %v\nwant %v", got, want)
	}
}

func TestRecordNormalisesMessengerChannels(t *testing.T) {
	RecordEventAsserted("messenger:my-channel", "")
	if !slices.Contains(Recorded().Asserted, EventKey{Event: "messenger"}) {
		t.Errorf("a messenger:<channel> event was not recorded as the messenger event: %v", Recorded().Asserted)
	}
}
