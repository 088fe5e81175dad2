package fuzz

import "slices"

const (
	getStateList = "agent.getStateList"
	setState     = "agent.setState"
)

func init() {
	registerCheck("setstate-listed", checkSetStateListed)
	registerCheck("mute-kept", checkMuteKept)
}

// checkSetStateListed: agent.setState takes "an operationName from the agent
// states list"; one absent from the list getStateList answered is refused
// (INT-NS-1).
func checkSetStateListed(r *record) []Finding {
	var listed []string
	seen := false
	for _, c := range r.calls {
		switch {
		case c.request == getStateList && c.succeeded():
			states, ok := stateNames.decode(c.reply.msg.Data())
			if !ok {
				continue // the schema check's
			}
			seen, listed = true, nil
			for _, st := range states {
				listed = append(listed, st.OperationName)
			}
		case c.request == setState && seen && c.runs() && c.succeeded():
			if op, _ := c.params[0].(string); !slices.Contains(listed, op) {
				return []Finding{finding(reqSetState, "setstate-listed", c.reply.step, c.client, c.reply,
					"agent.setState(%q) succeeds although %q is not an operationName of the states list %v", op, op, listed)}
			}
		}
	}
	return nil
}

// checkMuteKept: right after muteMicrophone (muteSpeaker) succeeds, the
// mute state isMicrophoneMute (isSpeakerMute) reads is true; after unmute,
// false (INT-CAT-17: the query answers a boolean, true when muted).
func checkMuteKept(r *record) []Finding {
	for i, c := range r.calls {
		if i == 0 || !c.runs() || !c.succeeded() {
			continue
		}
		prev := r.calls[i-1]
		for _, t := range toggles {
			if c.request != t[2] || prev.step != c.step-1 || !prev.succeeded() || !prev.runs() {
				continue
			}
			want := ""
			switch prev.request {
			case t[0]:
				want = "true"
			case t[1]:
				want = "false"
			default:
				continue
			}
			if got := string(c.reply.msg.Data()); got != want {
				m := prev.method
				return []Finding{finding(m.Request()+".1", "mute-kept", c.reply.step, c.client, c.reply,
					"%s answers %s right after %s succeeded", c.request, got, prev.request)}
			}
		}
	}
	return nil
}
