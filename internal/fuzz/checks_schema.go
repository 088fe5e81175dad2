package fuzz

import (
	"encoding/json"
	"errors"
	"strings"

	"scapi-conformance/contract/requirements"
	"scapi-conformance/contract/wire"
	"scapi-conformance/schemas"
)

func init() { registerCheck("schema", checkSchema) }

// checkSchema: every answer to a call, every acknowledgement and every event
// satisfies the schemas schemas.ForMessage names for it (the oracle the
// specs use): invalid in lenient mode is a FAIL, valid only there a
// NON-STRICT finding under the interpretations its lenient pass relies on
// (schemas.ReliesOn). An event must be a documented one (INT-EVENT-14).
func checkSchema(r *record) []Finding {
	var out []Finding
	var buf []byte // the memo keys, one at a time
	judge := func(req, resultReq string, e *entry, answers, what string) {
		checks, viols := schemas.ForMessage(e.msg, answers)
		if answers == "" && len(viols) > 0 {
			v := viols[0]
			out = append(out, finding(req, "schema", e.step, e.client, e, "%s: %s", what, v).keyed("undocumented", v.Pointer))
		}
		for _, c := range checks {
			doc := json.RawMessage(e.raw)
			if c.Pointer != "" {
				doc = e.msg.Fields[strings.TrimPrefix(c.Pointer, "/")]
			}
			key := memoKey(c.Schema, e, doc, c.Pointer == "", &buf)
			creq := req
			if c.Pointer == "/data" {
				creq = resultReq
			}
			ids, err := reliesOn(c.Schema, key, doc)
			switch {
			case err != nil:
				out = append(out, finding(creq, "schema", e.step, e.client, e, "%s does not validate against %s: %v", what, c.Schema, err).
					keyed(c.Schema, violationKey(err)))
				return
			case ids != nil:
				out = append(out, finding(creq, "schema", e.step, e.client, e, "%s validates against %s only in lenient mode", what, c.Schema).
					keyed(c.Schema, strings.Join(ids, ",")).nonStrict(ids...))
			}
		}
	}
	for _, c := range r.calls {
		if c.reply == nil || c.reply.msg == nil || (c.method == nil && c.subscribe == nil) {
			continue // an unknown request only has to fail (checkUnknownFails)
		}
		switch {
		case c.subscribe != nil:
			judge(reqSubscribeAck, "", c.reply, wire.EventSubscribe, "the answer to "+c.describe())
		case c.reply.msg.Kind() == wire.KindReply:
			judge(reqReplyShape, methodRequirement(c.method.Request()), c.reply, c.request, "the answer to "+c.describe())
		}
	}
	for _, e := range r.timeline {
		if isEvent(e) {
			ev, typ := e.eventName()
			judge(eventRequirement(ev, typ), "", e, "", "event "+ev+" "+typ)
		}
	}
	return out
}

// violationKey names a validation error by its pointers with array indexes
// dropped ("/data/interaction/parties/3/name" → "/data/interaction/parties/*/name").
func violationKey(err error) string {
	var ve *schemas.ValidationError
	if !errors.As(err, &ve) {
		return err.Error()
	}
	var keys []string
	for _, v := range ve.Violations {
		parts := strings.Split(v.Pointer, "/")
		for i, p := range parts {
			if p != "" && strings.Trim(p, "0123456789") == "" {
				parts[i] = "*"
			}
		}
		keys = append(keys, strings.Join(parts, "/"))
	}
	return strings.Join(keys, ",")
}

// eventRequirement is the requirement that documents an event
// ("events.system.REALTIME_CONNECTION.1"), or the event envelope's when none
// is registered.
func eventRequirement(event, eventType string) string {
	if id := "events." + event + "." + eventType + ".1"; eventType != "" {
		if _, ok := requirements.Lookup(id); ok {
			return id
		}
	}
	return reqEvent
}

// methodRequirement is the first requirement of a method ("agent.getState.1"),
// which states its result, or the reply envelope's when it has none.
func methodRequirement(method string) string {
	if _, ok := requirements.Lookup(method + ".1"); ok {
		return method + ".1"
	}
	return reqReplyShape
}
