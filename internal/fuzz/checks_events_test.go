package fuzz

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"scapi-conformance/contract/wire"
)

// TestDecodeInteraction: a family reads an interaction event exactly when
// its own subset decodes, and then reads what decoding the subset alone
// gives, whether the data is decoded from its bytes or from the message's
// generic value.
func TestDecodeInteraction(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		reads      reading
	}{
		{"valid", `{"eventType":"HELD","media":"voice","interaction":{"interactionId":"1","state":"HELD","userData":{"k":"v"}}}`, readAll},
		{"recordingState a number", `{"eventType":"HELD","media":"voice","interaction":{"interactionId":"1","state":"HELD","recordingState":5}}`, readLife | readState},
		{"capabilities of numbers", `{"eventType":"PREVIEWING","interaction":{"interactionId":"1","capabilities":[1]}}`, readVoice | readState},
		{"selectedCaseId an object", `{"eventType":"CASE_SELECTED","selectedCaseId":{},"interaction":{"interactionId":"1"}}`, readVoice | readState},
		{"state a number", `{"eventType":"HELD","interaction":{"interactionId":"1","state":1}}`, 0},
		{"interaction a string", `{"eventType":"HELD","interaction":"1"}`, 0},
		{"keys in another case", `{"EVENTTYPE":"HELD","Interaction":{"InteractionId":"1","STATE":"HELD","recordingstate":5}}`, readLife | readState},
		{"null data", `null`, readAll},
		{"no data", ``, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, reads := decodeInteraction(json.RawMessage(tc.data))
			if reads != tc.reads {
				t.Fatalf("reads %03b, want %03b", reads, tc.reads)
			}
			sameAsSubsets(t, tc.data, d, reads)
			sameFromValue(t, tc.data, !strings.Contains(tc.name, "case"))
		})
	}
}

// TestInteractionFromValue: reading a faithful message's generic value gives
// what decoding its data's bytes gives, for every member of the wrong type,
// null, in another letter case or repeated.
func TestInteractionFromValue(t *testing.T) {
	values := []string{`null`, `"s"`, `""`, `1`, `true`, `{}`, `{"a":"b","c":[1,{"d":null}]}`, `[]`, `["a",null]`, `["a",1]`}
	dataKeys := []string{"eventType", "media", "selectedCaseId", "interaction"}
	itKeys := []string{"interactionId", "state", "previousState", "direction", "isConsultation", "callType",
		"capabilities", "userData", "recordingState", "ronaCallState"}
	base := map[string]string{"eventType": `"HELD"`, "media": `"voice"`, "selectedCaseId": `"c"`}
	itBase := map[string]string{"interactionId": `"1"`, "state": `"HELD"`, "previousState": `"TALKING"`, "direction": `"IN"`,
		"isConsultation": `false`, "callType": `"INBOUND"`, "capabilities": `["CALL"]`, "userData": `{"k":"v"}`,
		"recordingState": `"STOPPED"`, "ronaCallState": `"REDIRECTED"`}
	object := func(m map[string]string, order []string, override map[string]string) string {
		var parts []string
		for _, k := range order {
			v := m[k]
			if o, ok := override[k]; ok {
				v = o
			}
			if v != "" {
				parts = append(parts, fmt.Sprintf("%q:%s", k, v))
			}
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	data := func(dataOverride, itOverride map[string]string) string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		m["interaction"] = object(itBase, itKeys, itOverride)
		return object(m, dataKeys, dataOverride)
	}
	docs := map[string]bool{} // data → read from the value (else from the bytes)
	for _, v := range values {
		for _, k := range dataKeys {
			docs[data(map[string]string{k: v}, nil)] = true
		}
		for _, k := range itKeys {
			docs[data(nil, map[string]string{k: v})] = true
		}
		docs[v] = true
	}
	for _, k := range append(dataKeys, itKeys...) {
		docs[strings.Replace(data(nil, nil), `"`+k+`"`, `"`+strings.ToUpper(k)+`"`, 1)] = false
		docs[strings.Replace(data(nil, nil), `"`+k+`":`, `"`+k+`":null,"`+k+`":`, 1)] = false
		docs[strings.Replace(data(nil, nil), `"`+k+`":`, `"`+k+`":{"x":1},"`+k+`":`, 1)] = false
	}
	docs[data(nil, map[string]string{"userData": `{"a":"1","a":"2"}`})] = false
	docs[data(nil, map[string]string{"userData": `{"a":"x\"y:z\\"}`})] = true
	docs[`{"Other":1,"interaction":{"Other":{}}} `] = true
	for doc, fromValue := range docs {
		t.Run(doc, func(t *testing.T) {
			sameFromValue(t, doc, fromValue)
		})
	}
}

// sameFromValue: interactionFromValue of a message carrying data answers
// when fromValue is true (no key repeated or in another letter case), and
// then gives decodeInteraction's readings and members.
func sameFromValue(t *testing.T, data string, fromValue bool) {
	t.Helper()
	raw := `{"event":"interaction"}`
	if data != "" {
		raw = `{"event":"interaction","data":` + data + `}`
	}
	m, err := wire.Decode([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	e := &entry{in: true, msg: m, raw: m.Raw}
	e.value, _ = m.Value()
	d, reads, ok := interactionFromValue(e)
	want, wantReads := decodeInteraction(m.Data())
	if ok != fromValue {
		t.Fatalf("%s: read from the generic value: %t, want %t", data, ok, fromValue)
	}
	if !ok {
		return
	}
	if reads != wantReads {
		t.Fatalf("%s: reads %03b from the value, %03b from the bytes", data, reads, wantReads)
	}
	sameAsSubsets(t, data, d, reads)
	if reads == readAll && !reflect.DeepEqual(d, want) {
		t.Errorf("%s: %+v from the value, %+v from the bytes", data, d, want)
	}
}

// sameAsSubsets: each family in reads sees in d what decoding its subset of
// data alone gives.
func sameAsSubsets(t *testing.T, data string, d interactionEvent, reads reading) {
	t.Helper()
	check := func(r reading, subset any, fields func() any) {
		if reads&r == 0 {
			return
		}
		if err := json.Unmarshal([]byte(data), subset); err != nil {
			t.Fatalf("reading %03b: %v", r, err)
		}
		if got := fields(); !reflect.DeepEqual(got, reflect.ValueOf(subset).Elem().Interface()) {
			t.Errorf("reading %03b: %+v, decoding the subset alone gives %+v", r, got, subset)
		}
	}
	it := d.Interaction
	check(readLife, &lifeSubset{}, func() any {
		var s lifeSubset
		s.EventType, s.Media, s.SelectedCaseID = d.EventType, d.Media, d.SelectedCaseID
		s.Interaction.InteractionID, s.Interaction.State, s.Interaction.PreviousState = it.InteractionID, it.State, it.PreviousState
		s.Interaction.Direction, s.Interaction.IsConsultation, s.Interaction.CallType = it.Direction, it.IsConsultation, it.CallType
		s.Interaction.Capabilities, s.Interaction.UserData = it.Capabilities, it.UserData
		return s
	})
	check(readVoice, &voiceSubset{}, func() any {
		var s voiceSubset
		s.EventType, s.Media = d.EventType, d.Media
		s.Interaction.InteractionID, s.Interaction.State, s.Interaction.Direction = it.InteractionID, it.State, it.Direction
		s.Interaction.RecordingState, s.Interaction.RonaCallState, s.Interaction.UserData = it.RecordingState, it.RonaCallState, it.UserData
		return s
	})
	check(readState, &stateSubset{}, func() any {
		var s stateSubset
		s.Media, s.Interaction.InteractionID, s.Interaction.State = d.Media, it.InteractionID, it.State
		return s
	})
}

// TestLifeEvents: the lifecycle checks read the interaction events whose
// lifecycle subset decodes, the voice checks theirs; both lists keep
// arrival order, and neither is written over by the other.
func TestLifeEvents(t *testing.T) {
	r := &record{}
	for i, data := range []string{
		`{"eventType":"ADDED","interaction":{"interactionId":"1","state":"RINGING"}}`,
		`{"eventType":"PREVIEWING","interaction":{"interactionId":"2","capabilities":[1]}}`,
		`{"eventType":"HELD","interaction":{"interactionId":"3","state":"HELD","recordingState":5}}`,
		`{"eventType":"RELEASED","interaction":{"interactionId":"4","state":"IDLE"}}`,
	} {
		e := messageEntry(t, `{"event":"interaction","data":`+data+`}`)
		e.seq = i + 1
		r.timeline = append(r.timeline, e)
	}
	ids := func(events []lifeEntry) (out []string) {
		for _, ev := range events {
			out = append(out, ev.d.Interaction.InteractionID)
		}
		return out
	}
	if got := ids(lifeEvents(r)); !reflect.DeepEqual(got, []string{"1", "3", "4"}) {
		t.Errorf("lifeEvents: %v, want [1 3 4]", got)
	}
	if got := ids(interactionsOf(r)); !reflect.DeepEqual(got, []string{"1", "2", "3", "4"}) {
		t.Errorf("interactionsOf: %v, want [1 2 3 4]", got)
	}
	var voice []string
	for _, id := range []string{"1", "2", "3", "4"} {
		interactionEvents(r, id, 0, func(_ *entry, d *interactionEvent) bool {
			voice = append(voice, d.Interaction.InteractionID)
			return false
		})
	}
	if !reflect.DeepEqual(voice, []string{"1", "2", "4"}) {
		t.Errorf("interactionEvents: %v, want [1 2 4]", voice)
	}
}
