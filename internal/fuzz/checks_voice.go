package fuzz

import (
	"slices"

	"scapi-conformance/contract/control"
)

func init() {
	registerCheck("rona", checkRona)
	registerCheck("recording-event", checkRecordingEvent)
	registerCheck("attached-data-event", checkAttachedDataEvent)
}

// checkRona: "a ringing inbound call released by the other side before
// being answered gives RELEASED with ronaCallState REDIRECTED or NO_ANSWER"
// (INT-EVENT-15). It judges a call released by the step right after the one
// that made it ring, so that nothing answered it in between (events reach
// the watching client on their own connection, later than the steps).
func checkRona(r *record) []Finding {
	for i, st := range r.stimuli {
		id, _ := st.args["interactionId"].(string)
		if i == 0 || st.name != control.StimRemoteRelease || !settled(r, "interaction", st.seq, st.seq) {
			continue
		}
		ring := r.stimuli[i-1]
		if ring.name != control.StimInboundCall || ring.step != st.step-1 || ring.result["interactionId"] != id {
			continue
		}
		var out []Finding
		interactionEvents(r, id, ring.seq, func(e *entry, d *interactionEvent) bool {
			if d.EventType != "RELEASED" {
				return false
			}
			if rona := d.Interaction.RonaCallState; rona == nil || !slices.Contains([]string{"REDIRECTED", "NO_ANSWER"}, *rona) {
				out = append(out, finding("events.interaction.RELEASED.2", "rona", e.step, e.client, e,
					"the inbound call %q, released by the other side while RINGING, gives RELEASED without ronaCallState REDIRECTED or NO_ANSWER", id))
			}
			return true
		})
		if out != nil {
			return out
		}
	}
	return nil
}

// checkRecordingEvent: starting the recording of a call whose recording
// state was STOPPED changes it, and "CALL_RECORDING_STATE_CHANGED — The call
// recording state changed" reaches interaction subscribers.
func checkRecordingEvent(r *record) []Finding {
	for _, c := range r.calls {
		if c.request != "voice.startCallRecording" || !c.runs() || !c.succeeded() || !settled(r, "interaction", c.sent.seq, c.reply.seq) {
			continue
		}
		id, _ := c.params[0].(string)
		if before := lastEvent(r, id, c.sent.seq); before == nil || before.Interaction.RecordingState != "STOPPED" {
			continue
		}
		seen := false
		interactionEvents(r, id, c.sent.seq, func(_ *entry, d *interactionEvent) bool {
			seen = d.EventType == "CALL_RECORDING_STATE_CHANGED"
			return seen
		})
		if !seen {
			return []Finding{finding("events.interaction.CALL_RECORDING_STATE_CHANGED.1", "recording-event", c.reply.step, c.client, c.reply,
				"startCallRecording of %q, whose recording was STOPPED, succeeded and no CALL_RECORDING_STATE_CHANGED follows", id)}
		}
	}
	return nil
}

// checkAttachedDataEvent: "a successful setUserData … makes interaction
// subscribers receive ATTACHED_DATA_CHANGED whose interaction.userData
// already reflects the change" (INT-EVENT-13), for the keys both
// write-allowed and read-allowed, on a live call. It judges the last write
// of the session on the interaction: some ATTACHED_DATA_CHANGED after it
// carries its values (an event of an earlier write may arrive after it on
// the watching client's connection).
func checkAttachedDataEvent(r *record) []Finding {
	if r.policy.read == nil || r.policy.write == nil {
		return nil
	}
	for i, c := range r.calls {
		if c.request != setUserData || !c.runs() || !c.succeeded() || !settled(r, "interaction", c.sent.seq, c.reply.seq) {
			continue
		}
		id, _ := c.params[0].(string)
		if writtenAgain(r.calls[i+1:], id) {
			continue
		}
		kv, _ := c.params[1].(map[string]any)
		if before := lastEvent(r, id, c.sent.seq); before == nil || before.Media != "voice" || before.Interaction.State == "IDLE" {
			continue
		}
		want := map[string]string{}
		for k, v := range kv {
			if s, ok := v.(string); ok && r.policy.write.Allows(k) && r.policy.read.Allows(k) {
				want[k] = s
			}
		}
		if len(want) == 0 {
			continue
		}
		found := false
		interactionEvents(r, id, c.sent.seq, func(_ *entry, d *interactionEvent) bool {
			found = d.EventType == "ATTACHED_DATA_CHANGED" && carriesAll(d.Interaction.UserData, want)
			return found
		})
		if !found {
			return []Finding{finding("events.interaction.ATTACHED_DATA_CHANGED.1", "attached-data-event", c.reply.step, c.client, c.reply,
				"setUserData(%q, %v) succeeded; no ATTACHED_DATA_CHANGED that follows carries the new values", id, want)}
		}
	}
	return nil
}

// writtenAgain reports whether one of calls writes or deletes user data of id.
func writtenAgain(calls []*call, id string) bool {
	for _, c := range calls {
		if (c.request == setUserData || c.request == "interaction.deleteUserData") && len(c.params) > 0 && c.params[0] == id {
			return true
		}
	}
	return false
}

func carriesAll(ud map[string]any, want map[string]string) bool {
	for k, v := range want {
		if ud[k] != v {
			return false
		}
	}
	return true
}
