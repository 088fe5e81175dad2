package fuzz

import (
	"encoding/json"
	"slices"
	"strings"
)

// interactionEvent is every member of an interaction event's data a check
// reads, decoded once per event (interactionsOf). Each family of checks
// reads its own subset (a reading) and skips an event whose data does not
// decode into that subset's types, as decoding the subset alone would.
type interactionEvent struct {
	EventType      string `json:"eventType"`
	Media          string `json:"media"`
	SelectedCaseID string `json:"selectedCaseId"`
	Interaction    struct {
		InteractionID  string         `json:"interactionId"`
		State          string         `json:"state"`
		PreviousState  *string        `json:"previousState"`
		Direction      string         `json:"direction"`
		IsConsultation *bool          `json:"isConsultation"`
		CallType       string         `json:"callType"`
		Capabilities   []string       `json:"capabilities"`
		UserData       map[string]any `json:"userData"`
		RecordingState string         `json:"recordingState"`
		RonaCallState  *string        `json:"ronaCallState"`
	} `json:"interaction"`
}

// reading is a set of the families of checks that read an interaction event.
type reading uint8

// The families: the lifecycle and preview checks (lifeEvents), the voice
// checks (interactionEvents) and lastVoiceState.
const (
	readLife reading = 1 << iota
	readVoice
	readState
	readAll = readLife | readVoice | readState
)

// The subsets each family reads; decoded alone only when the whole
// interactionEvent fails to decode (a member of the wrong type), to tell
// which families still read the event.
type (
	lifeSubset struct {
		EventType      string `json:"eventType"`
		Media          string `json:"media"`
		SelectedCaseID string `json:"selectedCaseId"`
		Interaction    struct {
			InteractionID  string         `json:"interactionId"`
			State          string         `json:"state"`
			PreviousState  *string        `json:"previousState"`
			Direction      string         `json:"direction"`
			IsConsultation *bool          `json:"isConsultation"`
			CallType       string         `json:"callType"`
			Capabilities   []string       `json:"capabilities"`
			UserData       map[string]any `json:"userData"`
		} `json:"interaction"`
	}
	voiceSubset struct {
		EventType   string `json:"eventType"`
		Media       string `json:"media"`
		Interaction struct {
			InteractionID  string         `json:"interactionId"`
			State          string         `json:"state"`
			Direction      string         `json:"direction"`
			RecordingState string         `json:"recordingState"`
			RonaCallState  *string        `json:"ronaCallState"`
			UserData       map[string]any `json:"userData"`
		} `json:"interaction"`
	}
	stateSubset struct {
		Media       string `json:"media"`
		Interaction struct {
			InteractionID string `json:"interactionId"`
			State         string `json:"state"`
		} `json:"interaction"`
	}
)

// lifeEntry is one interaction event with its data and the families that
// read it.
type lifeEntry struct {
	e     *entry
	d     interactionEvent
	reads reading
}

// decodeInteraction decodes an interaction event's data once for every
// family. The members each family reads hold what decoding its subset alone
// gives: encoding/json matches each key to the same field in both (no two
// fields' names fold to one another), and after a member of the wrong type
// it still decodes the others.
func decodeInteraction(data json.RawMessage) (d interactionEvent, reads reading) {
	if json.Unmarshal(data, &d) == nil {
		return d, readAll
	}
	if json.Unmarshal(data, &lifeSubset{}) == nil {
		reads |= readLife
	}
	if json.Unmarshal(data, &voiceSubset{}) == nil {
		reads |= readVoice
	}
	if json.Unmarshal(data, &stateSubset{}) == nil {
		reads |= readState
	}
	return d, reads
}

// interactionFromValue is decodeInteraction of a faithful event's data
// read from its generic value instead of its bytes, as encoding/json would
// decode them: a null leaves a field as it is (a pointer, slice or map
// nil), a value of another type fails the families that read the field.
// ok is false when a key names a field only in another letter case
// (encoding/json matches it too): the caller then decodes the bytes.
func interactionFromValue(e *entry) (d interactionEvent, reads reading, ok bool) {
	if !e.faithful() {
		return d, 0, false
	}
	data, has := e.value.(map[string]any)["data"]
	if !has {
		return d, 0, true // no bytes to decode
	}
	reads = readAll
	fail := func(r reading) { reads &^= r }
	switch obj := data.(type) {
	case nil:
		return d, reads, true
	case map[string]any:
		for k, v := range obj {
			switch k {
			case "eventType":
				setString(&d.EventType, v, readLife|readVoice, fail)
			case "media":
				setString(&d.Media, v, readAll, fail)
			case "selectedCaseId":
				setString(&d.SelectedCaseID, v, readLife, fail)
			case "interaction":
				if !d.setInteraction(v, fail) {
					return d, 0, false
				}
			default:
				if foldsTo(k, "eventType", "media", "selectedCaseId", "interaction") {
					return d, 0, false
				}
			}
		}
		return d, reads, true
	}
	return d, 0, true
}

// setInteraction is interactionFromValue of the interaction member.
func (d *interactionEvent) setInteraction(v any, fail func(reading)) bool {
	it := &d.Interaction
	switch obj := v.(type) {
	case nil:
		return true
	case map[string]any:
		for k, v := range obj {
			switch k {
			case "interactionId":
				setString(&it.InteractionID, v, readAll, fail)
			case "state":
				setString(&it.State, v, readAll, fail)
			case "previousState":
				setStringPtr(&it.PreviousState, v, readLife, fail)
			case "direction":
				setString(&it.Direction, v, readLife|readVoice, fail)
			case "isConsultation":
				switch b := v.(type) {
				case nil:
				case bool:
					it.IsConsultation = &b
				default:
					fail(readLife)
				}
			case "callType":
				setString(&it.CallType, v, readLife, fail)
			case "capabilities":
				setStrings(&it.Capabilities, v, readLife, fail)
			case "userData":
				switch m := v.(type) {
				case nil:
				case map[string]any:
					it.UserData = m
				default:
					fail(readLife | readVoice)
				}
			case "recordingState":
				setString(&it.RecordingState, v, readVoice, fail)
			case "ronaCallState":
				setStringPtr(&it.RonaCallState, v, readVoice, fail)
			default:
				if foldsTo(k, "interactionId", "state", "previousState", "direction", "isConsultation", "callType",
					"capabilities", "userData", "recordingState", "ronaCallState") {
					return false
				}
			}
		}
		return true
	}
	fail(readAll)
	return true
}

// setString sets a string field from a generic value, as encoding/json does.
func setString(f *string, v any, readers reading, fail func(reading)) {
	switch s := v.(type) {
	case nil:
	case string:
		*f = s
	default:
		fail(readers)
	}
}

// setStringPtr sets a *string field from a generic value, as encoding/json does.
func setStringPtr(f **string, v any, readers reading, fail func(reading)) {
	switch s := v.(type) {
	case nil:
		*f = nil
	case string:
		*f = &s
	default:
		fail(readers)
	}
}

// setStrings sets a []string field from a generic value, as encoding/json
// does (a null element is "").
func setStrings(f *[]string, v any, readers reading, fail func(reading)) {
	switch l := v.(type) {
	case nil:
		*f = nil
	case []any:
		out := make([]string, len(l))
		for i, x := range l {
			switch s := x.(type) {
			case nil:
			case string:
				out[i] = s
			default:
				fail(readers)
			}
		}
		*f = out
	default:
		fail(readers)
	}
}

// foldsTo reports whether key is one of names in another letter case
// (encoding/json's case-insensitive match of a key no field has exactly).
func foldsTo(key string, names ...string) bool {
	for _, n := range names {
		if strings.EqualFold(key, n) {
			return true
		}
	}
	return false
}

// interactionsOf returns every interaction event of the session with its
// data, in arrival order (decoded once per record: the checks only read it).
func interactionsOf(r *record) []lifeEntry {
	if r.lifeDecoded {
		return r.interactions
	}
	r.lifeDecoded = true
	for _, e := range r.timeline {
		if !isEvent(e) {
			continue
		}
		if ev, _ := e.eventName(); ev != "interaction" {
			continue
		}
		d, reads, ok := interactionFromValue(e)
		if !ok {
			d, reads = decodeInteraction(e.msg.Data())
		}
		if reads == 0 {
			continue
		}
		r.interactions = append(r.interactions, lifeEntry{e, d, reads})
	}
	r.life = r.interactions // most often every event has the lifecycle reading
	for i, ev := range r.interactions {
		if ev.reads&readLife == 0 {
			r.life = slices.Clip(r.interactions[:i])
			for _, ev := range r.interactions[i+1:] {
				if ev.reads&readLife != 0 {
					r.life = append(r.life, ev)
				}
			}
			break
		}
	}
	return r.interactions
}

// lifeEvents returns the interaction events the lifecycle and preview
// checks read, in arrival order.
func lifeEvents(r *record) []lifeEntry {
	interactionsOf(r)
	return r.life
}

// interactionEvents calls f for every interaction event about id after seq,
// in order, until f returns true.
func interactionEvents(r *record, id string, seq int, f func(e *entry, d *interactionEvent) bool) {
	events := interactionsOf(r)
	for i := range events {
		ev := &events[i]
		if ev.reads&readVoice == 0 || ev.e.seq <= seq || ev.d.Interaction.InteractionID != id {
			continue
		}
		if f(ev.e, &ev.d) {
			return
		}
	}
}

// lastEvent is the last interaction event about id received before seq.
func lastEvent(r *record, id string, seq int) *interactionEvent {
	var last *interactionEvent
	interactionEvents(r, id, 0, func(e *entry, d *interactionEvent) bool {
		if e.seq >= seq {
			return true
		}
		last = d
		return false
	})
	return last
}

// lastVoiceState is the state the last interaction event about a voice
// interaction, received before seq, gave it ("" when none did).
func lastVoiceState(r *record, id string, seq int) string {
	state := ""
	for _, ev := range interactionsOf(r) {
		if ev.e.seq >= seq {
			continue
		}
		if ev.reads&readState != 0 && ev.d.Media == "voice" && ev.d.Interaction.InteractionID == id && ev.d.Interaction.State != "" {
			state = ev.d.Interaction.State
		}
	}
	return state
}
