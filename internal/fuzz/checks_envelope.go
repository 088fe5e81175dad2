package fuzz

import (
	"errors"
	"strings"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

func init() {
	registerCheck("reply-due", checkReplyDue)
	registerCheck("reply-envelope", checkReplyEnvelope)
	registerCheck("event-envelope", checkEventEnvelope)
	registerCheck("message-json", checkMessageJSON)
	registerCheck("subscribe-ack", checkSubscribeAck)
}

// checkReplyDue: a request the target must answer gets a reply, success or
// error, with the very referenceId string sent; silence is what the vendor
// client turns into "Request timeout".
func checkReplyDue(r *record) []Finding {
	var out []Finding
	for _, c := range r.calls {
		if c.reply != nil {
			continue
		}
		if c.badRef != nil && !(c.expect.replyDue || c.expect.strictDue) && c.method != nil {
			continue // a call that may go unanswered (a rate limit, a namespace wildcard): the near miss may answer a raw message
		}
		if c.badRef != nil {
			out = append(out, finding(reqReplyRef, "reply-due", c.badRef.step, c.client, c.badRef,
				"the answer to %s echoes referenceId %s, not the string that was sent", c.describe(), c.badRef.msg.Fields["referenceId"]))
			continue
		}
		if c.subscribe != nil || !(c.expect.replyDue || c.expect.strictDue) {
			continue
		}
		why := "no reply within the timeout"
		if c.closed {
			why = "the target closed the connection before replying"
		}
		req, what := reqReplyShape, "which the allow-list allows"
		switch {
		case c.method == nil:
			req, what = reqUnknown, "an unknown request, which gets an error reply (INT-SPEC-5)"
		case !c.expect.allowed:
			req, what = r.refusal(c), "which the allow-list refuses with an error reply (INT-SPEC-1)"
		}
		f := finding(req, "reply-due", c.step, c.client, nil,
			"%s to %q (referenceId %q) from %s, %s", why, c.request, c.refID, c.origin, what).keyed(c.request)
		if !c.expect.replyDue {
			f = f.nonStrict(intRefusal)
		}
		out = append(out, f)
	}
	return out
}

// checkReplyEnvelope: a reply or acknowledgement has a userAgent with "WWE"
// and protocolVersion 2; a reply is classified as a reply by the vendor
// client, echoes the request name, and carries data or a non-empty
// errorMessage, never both (INT-SPEC-3).
func checkReplyEnvelope(r *record) []Finding {
	var out []Finding
	for _, c := range r.calls {
		if c.reply == nil || c.reply.msg == nil {
			continue
		}
		m, e := c.reply.msg, c.reply
		bad := func(req, format string, args ...any) {
			out = append(out, finding(req, "reply-envelope", e.step, c.client, e, format, args...))
		}
		if ua, _ := m.String("userAgent"); !strings.Contains(ua, "WWE") {
			bad(reqReplyUserAgent, "the answer to %s carries userAgent %s, without WWE", c.describe(), m.Fields["userAgent"])
		}
		if v, ok := m.Int("protocolVersion"); !ok || v != wire.ProtocolVersion {
			bad(reqReplyVersion, "the answer to %s carries protocolVersion %s, not 2", c.describe(), m.Fields["protocolVersion"])
		}
		if ref, ok := m.ReferenceID(); !ok || ref != c.refID {
			bad(reqReplyRef, "the answer to %s carries referenceId %s, not the string sent", c.describe(), m.Fields["referenceId"])
		}
		if c.subscribe != nil || c.method == nil {
			continue // checkSubscribeAck; an unknown request only has to fail
		}
		if k := m.Kind(); k != wire.KindReply {
			bad(reqReplyShape, "the answer to %s is classified %s by the vendor client, not reply", c.describe(), k)
			continue
		}
		if got, ok := m.String("request"); !ok || got != c.request {
			bad(reqReplyShape, "the reply to %s carries request %s", c.describe(), m.Fields["request"])
		}
		msg, isErr := m.ErrorMessage()
		switch {
		case isErr && m.Has("data"):
			bad(reqReplyShape, "the reply to %s carries both data and errorMessage", c.describe())
		case isErr && msg == "":
			bad(reqReplyShape, "the error reply to %s has errorMessage %s, not a non-empty string", c.describe(), m.Fields["errorMessage"])
		}
	}
	return out
}

// isString reports whether the message's key holds a string.
func isString(m *wire.Message, key string) bool {
	_, ok := m.String(key)
	return ok
}

// describe names a call in a finding.
func (c *call) describe() string {
	if c.subscribe != nil {
		return "subscribe " + strings.Join(c.subscribe, ",") + " (referenceId " + c.refID + ")"
	}
	return c.request + " (referenceId " + c.refID + ")"
}

// checkEventEnvelope: an event carries userAgent "WWE Server" … with WWE, and
// protocolVersion 2.
func checkEventEnvelope(r *record) []Finding {
	for _, e := range r.timeline {
		if !isEvent(e) {
			continue
		}
		ua, _ := e.msg.String("userAgent")
		v, ok := e.msg.Int("protocolVersion")
		if !strings.Contains(ua, "WWE") || !ok || v != wire.ProtocolVersion {
			ev, typ := e.eventName()
			return []Finding{finding(reqEvent, "event-envelope", e.step, e.client, e,
				"event %s %s carries userAgent %s and protocolVersion %s", ev, typ, e.msg.Fields["userAgent"], e.msg.Fields["protocolVersion"])}
		}
	}
	return nil
}

// checkMessageJSON: every message from the target is one JSON object.
func checkMessageJSON(r *record) []Finding {
	for _, e := range r.timeline {
		if e.in && e.err != nil && errors.Is(e.err, driver.ErrMalformed) {
			return []Finding{finding(reqReplyShape, "message-json", e.step, e.client, nil, "%v", e.err)}
		}
	}
	return nil
}

// checkSubscribeAck: a listed origin's subscribe is acknowledged with a
// top-level subscriptionId and no event key; an unlisted origin gets no
// acknowledgement (INT-ORIGIN-6).
func checkSubscribeAck(r *record) []Finding {
	var out []Finding
	for _, c := range r.calls {
		if c.subscribe == nil || r.policy.allow == nil {
			continue
		}
		listed := r.policy.allow.Listed(c.origin)
		switch {
		case listed && c.reply == nil && c.badRef == nil && !c.closed:
			out = append(out, finding(reqSubscribeAck, "subscribe-ack", c.step, c.client, nil,
				"no acknowledgement of %s from listed origin %s", c.describe(), c.origin))
		case c.reply != nil && c.reply.msg != nil && c.reply.msg.Has("errorMessage") && !isString(c.reply.msg, "errorMessage"):
			// An error reply to a subscribe is judged as the specs'
			// HaveRepliedWithError does: a reply whose errorMessage is a string.
			out = append(out, finding(reqReplyShape, "subscribe-ack", c.reply.step, c.client, c.reply,
				"the error reply to %s has errorMessage %s, not a string", c.describe(), c.reply.msg.Fields["errorMessage"]).keyed("errorMessage"))
		case listed && c.reply != nil && c.reply.msg != nil && c.reply.msg.Kind() != wire.KindAck && !c.reply.msg.Has("errorMessage"):
			out = append(out, finding(reqSubscribeAck, "subscribe-ack", c.reply.step, c.client, c.reply,
				"the answer to %s is classified %s by the vendor client, not subscribe-ack", c.describe(), c.reply.msg.Kind()))
		case !listed && c.reply != nil && c.reply.msg != nil && c.reply.msg.Kind() == wire.KindAck:
			out = append(out, finding(reqOriginFilter, "subscribe-ack", c.reply.step, c.client, c.reply,
				"%s from %s, which no entry of the allow-list matches, was acknowledged (INT-ORIGIN-6)", c.describe(), c.origin))
		}
	}
	return out
}
