package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// A near miss is an answer meant for a pending call that the vendor client
// drops (DESIGN.md > Wire protocol, "What the vendor client silently
// drops"): every client of such a Workspace waits in vain, so the call fails
// at once with the diagnosis (driver.ErrBrokenEnvelope) instead of waiting
// out its timeout.

// nearMiss returns, for a received message, the referenceId of the pending
// call it was meant for and why the vendor client would drop it; ok is false
// when the message is no near miss (it is routed as usual).
func nearMiss(msg *wire.Message) (id, why string, ok bool) {
	raw, has := msg.Fields["referenceId"]
	if !has {
		return "", "", false
	}
	id, isString := msg.ReferenceID()
	if msg.Kind() == wire.KindEvent {
		if !answerLike(msg) {
			return "", "", false // an event that happens to carry a referenceId: the vendor client's event, noted
		}
		ev := strings.TrimSpace(string(msg.Fields["event"]))
		return id, fmt.Sprintf("the answer carries an \"event\" key (%s) next to referenceId %s: the vendor client takes it for an event, "+
			"so the call never completes (an acknowledgement is a reply with no event key, envelope.subscribe.1)", ev, raw), true
	}
	if !isString {
		return "", fmt.Sprintf("the reply echoes referenceId as %s, a JSON %s, not the string sent: the vendor client compares with === "+
			"and drops it (envelope.reply.3)", raw, jsonType(raw)), true
	}
	if ua, present := msg.Fields["userAgent"]; present && !wwe(ua) {
		return id, fmt.Sprintf("the reply's userAgent %s does not contain \"WWE\": the vendor client drops it (envelope.reply.1)", ua), true
	}
	return "", "", false
}

// wwe reports whether a raw userAgent is a string containing "WWE",
// without decoding it in the usual case.
func wwe(raw json.RawMessage) bool {
	if len(raw) > 0 && raw[0] == '"' && bytes.Contains(raw, []byte("WWE")) {
		return true
	}
	var s string
	return json.Unmarshal(raw, &s) == nil && strings.Contains(s, "WWE")
}

// answerLike reports whether a message with an "event" key is shaped as an
// answer (a subscriptionId, a request name or an errorMessage, or the
// subscribe event itself echoed) rather than an event.
func answerLike(msg *wire.Message) bool {
	ev, _ := msg.String("event")
	return msg.Has("subscriptionId") || msg.Has("request") || msg.Has("errorMessage") ||
		ev == wire.EventSubscribe || ev == wire.EventUnsubscribe
}

// nonString finds the referenceId among ids (those of the pending calls, or
// those awaited) that a referenceId received as a JSON value other than a
// string (raw) names: the same text (7 for "7", true for "true") first,
// else the same number (1000 for "1e3", 7 for "007").
func nonString[V any](raw json.RawMessage, ids map[string]V) (string, bool) {
	text := strings.TrimSpace(string(raw))
	if _, ok := ids[text]; ok {
		return text, true
	}
	var n float64
	if text == "null" || json.Unmarshal(raw, &n) != nil {
		return "", false // null unmarshals into a number without an error, and names no number
	}
	for id := range ids {
		if f, err := strconv.ParseFloat(strings.TrimSpace(id), 64); err == nil && f == n {
			return id, true
		}
	}
	return "", false
}

// jsonType names the JSON type of a raw value.
func jsonType(raw json.RawMessage) string {
	t := strings.TrimSpace(string(raw))
	switch {
	case t == "null":
		return "null"
	case t == "true" || t == "false":
		return "boolean"
	case strings.HasPrefix(t, "{"):
		return "object"
	case strings.HasPrefix(t, "["):
		return "array"
	case strings.HasPrefix(t, `"`):
		return "string"
	}
	return "number"
}

// maxSubscribes bounds the referenceIds of subscribe envelopes a client
// remembers; past it, those no call awaits are forgotten.
const maxSubscribes = 64

// noteSubscribe remembers the referenceId of a subscribe envelope going out
// (b), so that an acknowledgement echoing another referenceId is known to be
// meant for it (see misAcked); x.mu is held.
func (x *Exchange) noteSubscribe(b []byte) {
	if !bytes.Contains(b, []byte(wire.EventSubscribe)) {
		return
	}
	var env struct {
		Event       string `json:"event"`
		ReferenceID any    `json:"referenceId"`
	}
	if json.Unmarshal(b, &env) != nil || env.Event != wire.EventSubscribe {
		return
	}
	id, ok := env.ReferenceID.(string)
	if !ok {
		return
	}
	x.subscribes[id] = true
	if len(x.subscribes) > maxSubscribes {
		for s := range x.subscribes {
			if _, awaited := x.pending[s]; !awaited {
				delete(x.subscribes, s)
			}
		}
	}
}

// misAcked returns the referenceId of the one subscribe awaiting its
// acknowledgement when an acknowledgement (msg, a subscriptionId) echoes a
// referenceId neither a call waits for nor a subscribe sent earlier (a late
// acknowledgement of one given up): it can answer nothing else; ok is false
// when no subscribe, or more than one, is awaited; x.mu is held.
func (x *Exchange) misAcked(msg *wire.Message) (id string, ok bool) {
	if !msg.Has("subscriptionId") {
		return "", false
	}
	if ref, isString := msg.ReferenceID(); isString && (len(x.pending[ref]) > 0 || x.subscribes[ref]) {
		return "", false
	}
	for s := range x.subscribes {
		if _, awaited := x.pending[s]; awaited {
			if ok {
				return "", false
			}
			id, ok = s, true
		}
	}
	return id, ok
}

// refuse fails the first call waiting for the referenceId the near miss msg
// was meant for, with the diagnosis; false when msg is no near miss or no
// call is waiting for it (the message is then routed as usual).
func (x *Exchange) refuse(msg *wire.Message, b []byte) bool {
	id, why, ok := nearMiss(msg)
	x.mu.Lock()
	if ok && id == "" {
		id, _ = nonString(msg.Fields["referenceId"], x.pending)
	}
	if len(x.pending[id]) == 0 {
		sub, found := x.misAcked(msg)
		ok = found
		if found {
			id = sub
			echoed := "no referenceId"
			if raw, has := msg.Fields["referenceId"]; has {
				echoed = "referenceId " + string(raw)
			}
			why = fmt.Sprintf("the acknowledgement (subscriptionId %s) carries %s, not the string %q the subscribe sent: "+
				"the vendor client matches it to no subscription (envelope.reply.3)", msg.Fields["subscriptionId"], echoed, sub)
		}
	}
	var w *Expectation
	if ok {
		w = x.pop(id)
	}
	defer x.mu.Unlock()
	if w == nil {
		return false
	}
	// Sent under the lock, as claim does.
	w.settle(result{err: fmt.Errorf("%w: %s: %s", driver.ErrBrokenEnvelope, why, quote(b)), answer: msg, after: x.arrived, rank: x.answers})
	x.answers++
	return true
}
