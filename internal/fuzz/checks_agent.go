package fuzz

import "encoding/json"

const getState = "agent.getState"

func init() {
	registerCheck("state-changed", checkStateChanged)
	registerCheck("idle-userdata", checkIdleUserData)
}

// checkStateChanged: "a successful agent.setState makes subscribers of agent
// receive STATE_CHANGED" (INT-EVENT-1), when the state set differs from the
// one getState answered just before.
func checkStateChanged(r *record) []Finding {
	for i, c := range r.calls {
		if c.request != setState || i == 0 || !c.runs() || !c.succeeded() || !settled(r, "agent", c.sent.seq, c.reply.seq) {
			continue
		}
		prev := r.calls[i-1]
		if prev.request != getState || prev.step != c.step-1 || !prev.succeeded() {
			continue
		}
		var was struct {
			OperationName string `json:"operationName"`
		}
		if json.Unmarshal(prev.reply.msg.Data(), &was) != nil || was.OperationName == c.params[0] {
			continue
		}
		changed := false
		for _, e := range r.timeline {
			if isEvent(e) && e.seq > c.sent.seq {
				ev, typ := e.eventName()
				changed = changed || ev == "agent" && typ == "STATE_CHANGED"
			}
		}
		if !changed {
			return []Finding{finding("agent.setState.3", "state-changed", c.reply.step, c.client, c.reply,
				"agent.setState(%v) from %q succeeded, and no subscriber of agent receives STATE_CHANGED", c.params[0], was.OperationName)}
		}
	}
	return nil
}

// settled reports whether a subscription to the event name was active from
// before seq `from` to the end of the session, and its connection answered a
// call sent after `handled` (when the target had handled what is judged):
// the events that what is judged caused have then reached it, whatever the
// connection the cause came from.
func settled(r *record, event string, from, handled int) bool {
	for _, s := range r.subs {
		if s.ack.seq <= from && s.endSeq == 0 && covers(s, event) && barrierAfter(r, s.client, handled) != 0 {
			return true
		}
	}
	return false
}

// checkIdleUserData: setUserData acts "on the live interaction (for voice,
// this means the interaction is not in the IDLE state)": on a voice
// interaction whose last event said IDLE, it is refused (strict) or at
// least changes nothing (lenient, INT-NS-6).
func checkIdleUserData(r *record) []Finding {
	for _, c := range r.calls {
		if c.request != setUserData || !c.runs() || !c.succeeded() {
			continue
		}
		id, _ := c.params[0].(string)
		if lastVoiceState(r, id, c.sent.seq) != "IDLE" {
			continue
		}
		kv, _ := c.params[1].(map[string]any)
		changed := ""
		for _, k := range sortedKeys(kv) {
			if tok, ok := kv[k].(string); ok && firstWith(r, c.sent.seq, tok) != nil {
				changed = tok
			}
		}
		if r.strict || changed != "" {
			return []Finding{finding("interaction.setUserData.3", "idle-userdata", c.reply.step, c.client, c.reply,
				"setUserData on voice interaction %q, IDLE, succeeds (the value %q then shows up: %t)", id, changed, changed != "")}
		}
	}
	return nil
}
