package fuzz

import (
	"scapi-conformance/contract/requirements"
	"scapi-conformance/contract/wire"
	"scapi-conformance/schemas"
)

func init() { registerCheck("schema", checkSchema) }

// checkSchema: every answer to a call, every acknowledgement and every event
// validates against its schema (lenient unless the runner is strict), and a
// success reply's data against the method's documented result.
func checkSchema(r *record) []Finding {
	mode := schemas.Lenient
	if r.strict {
		mode = schemas.Strict
	}
	var out []Finding
	bad := func(req string, e *entry, name string, doc any, what string) bool {
		if !schemas.Has(name) {
			return false
		}
		if err := schemas.Validate(mode, name, doc); err != nil {
			out = append(out, finding(req, "schema", e.step, e.client, e, "%s does not validate against %s: %v", what, name, err))
			return true
		}
		return false
	}
	for _, c := range r.calls {
		if c.reply == nil || c.reply.msg == nil {
			continue
		}
		m := c.reply.msg
		switch {
		case c.subscribe != nil && m.Kind() == wire.KindAck:
			bad(reqSubscribeAck, c.reply, "envelope.SubscribeAck", c.reply.value, "the subscribe acknowledgement")
		case m.Has("errorMessage"):
			bad(reqReplyShape, c.reply, "envelope.ErrorReply", c.reply.value, "the error reply to "+c.request)
		case m.Kind() == wire.KindReply:
			if !bad(reqReplyShape, c.reply, "envelope.Reply", c.reply.value, "the reply to "+c.request) &&
				c.method != nil && c.method.Result != "" {
				bad(methodRequirement(c.method.Request()), c.reply, c.method.Result, []byte(m.Data()), "the data of the reply to "+c.request)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	for _, e := range r.timeline {
		if !isEvent(e) {
			continue
		}
		ev, typ := eventName(e.msg)
		name, ok := schemas.EventSchema(ev, typ)
		if !ok {
			name = "envelope.Event"
		}
		if bad(reqEvent, e, name, e.value, "event "+ev+" "+typ) {
			return out
		}
	}
	return out
}

// methodRequirement is the first requirement of a method ("agent.getState.1"),
// which states its result, or the reply envelope's when it has none.
func methodRequirement(method string) string {
	if _, ok := requirements.Lookup(method + ".1"); ok {
		return method + ".1"
	}
	return reqReplyShape
}
