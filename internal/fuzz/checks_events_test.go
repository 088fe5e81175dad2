package fuzz

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestDecodeInteraction: a family reads an interaction event exactly when
// its own subset decodes, and then reads what decoding the subset alone
// gives.
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
		{"no data", ``, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, reads := decodeInteraction(json.RawMessage(tc.data))
			if reads != tc.reads {
				t.Fatalf("reads %03b, want %03b", reads, tc.reads)
			}
			check := func(r reading, subset any, fields func() any) {
				if reads&r == 0 {
					return
				}
				if err := json.Unmarshal([]byte(tc.data), subset); err != nil {
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
		})
	}
}
