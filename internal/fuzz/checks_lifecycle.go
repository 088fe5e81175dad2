package fuzz

import (
	"encoding/json"
	"slices"
	"strings"
)

func init() {
	registerCheck("held-event", checkHeldEvent)
	registerCheck("previous-state", checkPreviousState)
	registerCheck("markdone-removed", checkMarkdoneRemoved)
	registerCheck("new-interaction", checkNewInteraction)
	registerCheck("case-selected", checkCaseSelected)
	registerCheck("delete-userdata", checkDeleteUserData)
}

// judged reports whether a call ran as documented and succeeded while a
// subscription to interaction events watched from before it to the end.
func judged(r *record, c *call, request string) bool {
	return c.request == request && c.runs() && c.succeeded() && settled(r, "interaction", c.sent.seq, c.reply.seq)
}

// followedBy reports whether an interaction event about id of the eventType
// arrives after seq.
func followedBy(r *record, id string, seq int, eventType string) bool {
	seen := false
	interactionEvents(r, id, seq, func(_ *entry, d *interactionEvent) bool {
		seen = d.EventType == eventType
		return seen
	})
	return seen
}

// checkHeldEvent: "HELD — The call has been held": a successful voice.hold
// is followed by a HELD event about the call.
func checkHeldEvent(r *record) []Finding {
	for _, c := range r.calls {
		if !judged(r, c, voiceHold) {
			continue
		}
		id, _ := c.params[0].(string)
		if before := lastEvent(r, id, c.sent.seq); before == nil || before.Interaction.State == "HELD" {
			continue // not a call the session saw, or held already
		}
		if !followedBy(r, id, c.sent.seq, "HELD") {
			return []Finding{finding("events.interaction.HELD.1", "held-event", c.reply.step, c.client, c.reply,
				"voice.hold of %q succeeded and no HELD event about it follows", id).keyed(voiceHold)}
		}
	}
	return nil
}

// checkPreviousState: "previousState — The previous state of the
// interaction": when two interaction events in a row about one interaction,
// on one connection, give it different states, the second names the first's
// state as previousState.
func checkPreviousState(r *record) []Finding {
	type key struct {
		client int
		id     string
	}
	last := map[key]string{}
	for _, ev := range lifeEvents(r) {
		it := ev.d.Interaction
		if it.InteractionID == "" || it.State == "" {
			continue
		}
		k := key{ev.e.client, it.InteractionID}
		was, seen := last[k]
		last[k] = it.State
		if !seen || was == it.State {
			continue
		}
		switch {
		case it.PreviousState == nil:
			return []Finding{finding("interaction.type.Interaction.2", "previous-state", ev.e.step, ev.e.client, ev.e,
				"%s event: interaction %q goes from %s to %s and carries no previousState", ev.d.EventType, it.InteractionID, was, it.State).keyed("absent")}
		case *it.PreviousState != was:
			return []Finding{finding("interaction.type.Interaction.2", "previous-state", ev.e.step, ev.e.client, ev.e,
				"%s event: interaction %q goes from %s to %s and gives previousState %s", ev.d.EventType, it.InteractionID, was, it.State, *it.PreviousState).keyed(was, it.State)}
		}
	}
	return nil
}

// checkMarkdoneRemoved: "REMOVED — The interaction has been removed from the
// list of interactions": a successful markdone is followed by REMOVED; after
// a successful blockMarkdone ("Block the mark done operation on the selected
// interaction") and no unblock, markdone removes nothing.
func checkMarkdoneRemoved(r *record) []Finding {
	blocked := map[string]bool{}
	for _, c := range r.calls {
		id := ""
		if len(c.params) > 0 {
			id, _ = c.params[0].(string)
		}
		switch {
		case c.request == blockMarkdone && c.runs() && c.succeeded():
			blocked[id] = true
		case c.request == "interaction.unblockMarkdone" && c.reply != nil:
			delete(blocked, id) // an unblock that may have acted: no judgement
		case c.request == markdone && blocked[id] && c.runs() && c.reply != nil && settled(r, "interaction", c.sent.seq, c.reply.seq):
			if followedBy(r, id, c.sent.seq, "REMOVED") {
				return []Finding{finding("interaction.blockMarkdone.1", "markdone-removed", c.reply.step, c.client, c.reply,
					"markdone removes interaction %q although blockMarkdone of it succeeded", id).keyed(blockMarkdone)}
			}
		case judged(r, c, markdone) && !blocked[id] && listed(r, id, c.sent.seq):
			if !followedBy(r, id, c.sent.seq, "REMOVED") {
				return []Finding{finding("events.interaction.REMOVED.1", "markdone-removed", c.reply.step, c.client, c.reply,
					"markdone of %q succeeded and no REMOVED event about it follows", id).keyed(markdone)}
			}
		}
	}
	return nil
}

// listed reports whether an interaction event reported the interaction
// before seq and no REMOVED about it came before seq.
func listed(r *record, id string, seq int) bool {
	reported := false
	for _, ev := range lifeEvents(r) {
		if ev.e.seq >= seq || ev.d.Interaction.InteractionID != id {
			continue
		}
		reported = true
		if ev.d.EventType == "REMOVED" {
			return false
		}
	}
	return reported
}

// newInteraction returns the first interaction event, after seq, about an
// interaction no message before seq named and no stimulus made, whose user
// data carries one of the tokens (values unique in the session that the
// call attached: they tell its interaction from others made meanwhile).
func newInteraction(r *record, seq int, tokens []any) (*entry, *interactionEvent) {
	known := map[string]bool{}
	for _, st := range r.stimuli {
		if id, ok := st.result["interactionId"].(string); ok {
			known[id] = true
		}
	}
	for _, e := range r.timeline {
		if e.seq > seq {
			break
		}
		e.walk(func(key string, val any) {
			if s, ok := val.(string); ok && key == "interactionId" {
				known[s] = true
			}
		})
	}
	for _, ev := range lifeEvents(r) {
		it := ev.d.Interaction
		if ev.e.seq <= seq || it.InteractionID == "" || known[it.InteractionID] {
			continue
		}
		for _, v := range it.UserData {
			if slices.Contains(tokens, v) {
				d := ev.d
				return ev.e, &d
			}
		}
	}
	return nil, nil
}

// tokensOf lists the generator's unique values among the call's parameters.
func tokensOf(c *call) []any {
	var out []any
	for _, p := range c.params {
		walk(p, func(_ string, v any) {
			if s, ok := v.(string); ok && strings.HasPrefix(s, tokenPrefix) {
				out = append(out, s)
			}
		})
	}
	return out
}

// checkNewInteraction: the interaction a call creates is the one documented:
// dial's is an outbound call ("DIALING — The outbound call starts ringing"),
// dialEx's carries the attached data it was given ("Calls the destination
// with the attached data"; the keys read-allowed lets through), consult's
// is a consultation ("Make a consultation interaction").
func checkNewInteraction(r *record) []Finding {
	for _, c := range r.calls {
		if !(judged(r, c, voiceDial) || judged(r, c, voiceDialEx) || judged(r, c, consult)) {
			continue
		}
		e, d := newInteraction(r, c.sent.seq, tokensOf(c))
		if e == nil {
			continue
		}
		it := d.Interaction
		switch c.request {
		case voiceDial, voiceDialEx:
			if it.Direction != "" && it.Direction != "OUT" {
				return []Finding{finding("events.interaction.DIALING.1", "new-interaction", e.step, e.client, e,
					"the call %s placed (%q) has direction %s, not OUT", c.request, it.InteractionID, it.Direction).keyed(c.request, "direction")}
			}
			if c.request != voiceDialEx || len(c.params) < 2 || r.policy.read == nil {
				continue
			}
			ud, _ := c.params[1].(map[string]any)
			for _, k := range sortedKeys(ud) {
				if !r.policy.read.Allows(k) {
					continue
				}
				if got := userDataOf(r, it.InteractionID, k); got != ud[k] {
					return []Finding{finding("voice.dialEx.1", "new-interaction", e.step, e.client, e,
						"dialEx attached %s=%v; the call %q it placed carries %s=%v", k, ud[k], it.InteractionID, k, got).keyed(c.request, "userData")}
				}
			}
		case consult:
			if it.IsConsultation != nil && !*it.IsConsultation {
				return []Finding{finding("interaction.consult.1", "new-interaction", e.step, e.client, e,
					"the interaction consult created (%q) has isConsultation false", it.InteractionID).keyed(consult)}
			}
		}
	}
	return nil
}

// userDataOf is the value of a user-data key of an interaction, as the first
// interaction event about it that carries user data gives it (nil when
// absent): later writes may change it.
func userDataOf(r *record, id, key string) any {
	for _, ev := range lifeEvents(r) {
		if ev.d.Interaction.InteractionID == id && ev.d.Interaction.UserData != nil {
			return ev.d.Interaction.UserData[key]
		}
	}
	return nil
}

// checkCaseSelected: selectCaseByCaseId gives "CASE_SELECTED" whose
// selectedCaseId is the case selected.
func checkCaseSelected(r *record) []Finding {
	for _, c := range r.calls {
		if !judged(r, c, selectCase) {
			continue
		}
		want, _ := c.params[0].(string)
		var other *entry
		got := ""
		for _, ev := range lifeEvents(r) {
			if ev.e.seq <= c.sent.seq || ev.d.EventType != "CASE_SELECTED" {
				continue
			}
			if ev.d.SelectedCaseID == want {
				other = nil
				break
			}
			if other == nil {
				other, got = ev.e, ev.d.SelectedCaseID
			}
		}
		if other != nil {
			return []Finding{finding("events.interaction.CASE_SELECTED.1", "case-selected", other.step, other.client, other,
				"selectCaseByCaseId(%q) gives CASE_SELECTED with selectedCaseId %q, and none with the case selected", want, got).keyed(selectCase)}
		}
	}
	return nil
}

// checkDeleteUserData: "The ... user-data.write-allowed configuration
// option might restrict the allowed key/value pairs" of deleteUserData: a
// key it does not list stays. A key the interaction carried before the
// delete (and read-allowed shows) is still there in the next
// getByInteractionId.
func checkDeleteUserData(r *record) []Finding {
	if r.policy.write == nil || r.policy.read == nil {
		return nil
	}
	for i, c := range r.calls {
		if c.request != deleteUserData || !c.runs() || c.reply == nil {
			continue
		}
		id, _ := c.params[0].(string)
		k, _ := c.params[1].(string)
		if r.policy.write.Allows(k) || !r.policy.read.Allows(k) || userDataBefore(r, id, k, c.sent.seq) == nil {
			continue
		}
		for _, g := range r.calls[i+1:] {
			if g.request != getByInteractionID || !g.succeeded() || g.params[0] != id {
				continue
			}
			var it struct {
				UserData map[string]any `json:"userData"`
			}
			if json.Unmarshal(g.reply.msg.Data(), &it) != nil || it.UserData == nil {
				break
			}
			if _, ok := it.UserData[k]; !ok {
				return []Finding{finding("security.userData.2", "delete-userdata", g.reply.step, g.client, g.reply,
					"deleteUserData(%q, %q) removed the key although write-allowed is %q", id, k, r.policy.write.String()).keyed(k)}
			}
			break
		}
	}
	return nil
}

// userDataBefore is the value of a user-data key of an interaction in the
// last message about it before seq that carries user data.
func userDataBefore(r *record, id, key string, seq int) any {
	var v any
	for _, e := range r.timeline {
		if !e.in || e.seq >= seq {
			continue
		}
		e.walk(func(_ string, val any) {
			obj, ok := val.(map[string]any)
			if !ok || obj["interactionId"] != id {
				return
			}
			if ud, ok := obj["userData"].(map[string]any); ok {
				v = ud[key]
			}
		})
	}
	return v
}
