package fuzz

import "strings"

const (
	getByInteractionID = "interaction.getByInteractionId"
	voiceHold          = "voice.hold"
	voiceResume        = "voice.resume"
)

func init() {
	registerCheck("interaction-exists", checkInteractionExists)
	registerCheck("held-resumes", checkHeldResumes)
	registerCheck("unsubscribe-stops", checkUnsubscribeStops)
	registerCheck("interaction-null", checkInteractionNull)
	registerCheck("event-subscribed", checkEventSubscribed)
}

// interactionIDOf returns the interactionId an interaction event is about.
func interactionIDOf(e *entry) string {
	id := ""
	e.walk(func(key string, val any) {
		if s, ok := val.(string); ok && key == "interactionId" && id == "" {
			id = s
		}
	})
	return id
}

// checkInteractionExists: an interaction the target reported in an
// interaction event exists until an interaction event says REMOVED, so
// getByInteractionId finds it. The check needs a subscription to interaction
// events that was active from before the report to the end of the session.
func checkInteractionExists(r *record) []Finding {
	reported := map[string]int{} // id → seq of its first report
	removed := map[string]bool{}
	for _, e := range r.timeline {
		if !isEvent(e) {
			continue
		}
		ev, typ := e.eventName()
		if ev != "interaction" {
			continue
		}
		id := interactionIDOf(e)
		if id == "" {
			continue
		}
		if _, ok := reported[id]; !ok && watched(r, e.seq) {
			reported[id] = e.seq
		}
		if typ == "REMOVED" {
			removed[id] = true
		}
	}
	var out []Finding
	for _, c := range r.calls {
		if c.request != getByInteractionID || !c.runs() || c.reply == nil || c.sent == nil {
			continue
		}
		id, _ := c.params[0].(string)
		at, ok := reported[id]
		if !ok || at > c.sent.seq || removed[id] {
			continue
		}
		if c.failed() || string(c.reply.msg.Data()) == "null" {
			out = append(out, finding(reqInteractionGet, "interaction-exists", c.reply.step, c.client, c.reply,
				"interaction %q, reported by an interaction event and never REMOVED, is not found by %s", id, c.request))
		}
	}
	return out
}

// watched reports whether some subscription to interaction events was active
// at seq and stayed active to the end of the session.
func watched(r *record, seq int) bool {
	for _, s := range r.subs {
		if s.ack.seq < seq && s.endSeq == 0 && covers(s, "interaction") {
			return true
		}
	}
	return false
}

func covers(s *subscription, event string) bool {
	for _, n := range s.events {
		if coversEvent(n, event) {
			return true
		}
	}
	return false
}

// checkHeldResumes: a call held by voice.hold can be resumed by the very next
// step's voice.resume.
func checkHeldResumes(r *record) []Finding {
	var out []Finding
	for i, c := range r.calls {
		if c.request != voiceResume || i == 0 || !c.runs() || c.reply == nil {
			continue
		}
		h := r.calls[i-1]
		if h.request != voiceHold || h.step != c.step-1 || !h.succeeded() || !h.wellFormed {
			continue
		}
		if held, _ := h.params[0].(string); held != c.params[0] {
			continue
		}
		if c.failed() {
			out = append(out, finding(reqResume, "held-resumes", c.reply.step, c.client, c.reply,
				"voice.resume of %v fails right after voice.hold of it succeeded", c.params[0]))
		}
	}
	return out
}

// checkUnsubscribeStops: once a reply to a request sent after an unsubscribe
// arrives on the same connection, no event of that subscription follows
// unless another active subscription of the client covers it.
func checkUnsubscribeStops(r *record) []Finding {
	var out []Finding
	for _, s := range r.subs {
		if s.endSeq == 0 {
			continue
		}
		barrier := r.barrier(s)
		if barrier == 0 {
			continue
		}
		for _, e := range r.timeline {
			if !isEvent(e) || e.client != s.client || e.seq <= barrier {
				continue
			}
			ev, _ := e.eventName()
			if covers(s, ev) && !coveredElsewhere(r, s, ev, e.seq) {
				out = append(out, finding(reqUnsubscribe, "unsubscribe-stops", e.step, e.client, e,
					"event %s delivered after unsubscribe of %q took effect", ev, s.id))
				return out
			}
		}
	}
	return out
}

// coveredElsewhere reports whether another subscription of the client may
// still deliver the event at seq: acknowledged before it, and not ended, or
// ended by an unsubscribe not known to have taken effect by then.
func coveredElsewhere(r *record, ended *subscription, event string, seq int) bool {
	for _, s := range r.subs {
		if s == ended || s.client != ended.client || s.ack.seq >= seq || !covers(s, event) {
			continue
		}
		if b := r.barrier(s); s.endSeq == 0 || b == 0 || b > seq {
			return true
		}
	}
	return false
}

// barrier is the seq of the first reply, on the client of an ended
// subscription, to a request sent after the unsubscribe: from there on the
// unsubscribe has taken effect (a connection keeps its order). 0 when there
// is none.
func (r *record) barrier(s *subscription) int {
	for _, c := range r.calls {
		if c.client == s.client && c.sent != nil && c.sent.seq > s.endSeq && c.reply != nil {
			return c.reply.seq
		}
	}
	return 0
}

// checkInteractionNull: getByInteractionId of an id the target never
// reported answers null.
func checkInteractionNull(r *record) []Finding {
	for _, c := range r.calls {
		if c.request != getByInteractionID || !c.runs() || c.reply == nil {
			continue
		}
		id, _ := c.params[0].(string)
		if !strings.HasPrefix(id, unknownPrefix) {
			continue
		}
		if c.failed() && !servedAny(r, c.origin) {
			continue // every request of the origin fails: the allow-list check's
		}
		if c.failed() || (c.succeeded() && string(c.reply.msg.Data()) != "null") {
			return []Finding{finding(reqInteractionNil, "interaction-null", c.reply.step, c.client, c.reply,
				"getByInteractionId of %q, an id the target never reported, does not answer null", id).keyed(getByInteractionID)}
		}
	}
	return nil
}

// servedAny reports whether some request of the origin succeeded.
func servedAny(r *record, origin string) bool {
	for _, c := range r.calls {
		if c.origin == origin && c.succeeded() {
			return true
		}
	}
	return false
}

// checkEventSubscribed: a client receives events only of the names it
// subscribed to (INT-SPEC-4): every event is covered by a subscribe of the
// client sent before it, not ended by an unsubscribe that took effect.
func checkEventSubscribed(r *record) []Finding {
	for _, e := range r.timeline {
		if !isEvent(e) {
			continue
		}
		ev, typ := e.eventName()
		if !r.subscribedAt(e.client, ev, e.seq) {
			return []Finding{finding(reqSubscribed, "event-subscribed", e.step, e.client, e,
				"event %s %s reaches a client that did not subscribe to %s", ev, typ, ev)}
		}
	}
	return nil
}

// subscribedAt reports whether a subscribe of the client covering event was
// sent before seq and not ended by then.
func (r *record) subscribedAt(client int, event string, seq int) bool {
	for _, c := range r.calls {
		if c.client != client || c.subscribe == nil || c.sent == nil || c.sent.seq > seq {
			continue
		}
		covered := false
		for _, n := range c.subscribe {
			covered = covered || coversEvent(n, event)
		}
		if !covered {
			continue
		}
		if s := r.subscriptionOf(c); s != nil && s.endSeq != 0 {
			if b := r.barrier(s); b != 0 && b < seq {
				continue
			}
		}
		return true
	}
	return false
}

func (r *record) subscriptionOf(c *call) *subscription {
	for _, s := range r.subs {
		if s.ack == c.reply {
			return s
		}
	}
	return nil
}
