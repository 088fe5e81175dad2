package fuzz

import (
	"errors"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

func init() {
	registerCheck("reply-due", checkReplyDue)
	registerCheck("reply-echo", checkReplyEcho)
	registerCheck("message-json", checkMessageJSON)
	registerCheck("subscribe-ack", checkSubscribeAck)
}

// checkReplyDue: a request the target must process gets a reply, success or
// error; silence is what the vendor client turns into "Request timeout".
func checkReplyDue(r *record) []Finding {
	var out []Finding
	for _, c := range r.calls {
		if c.subscribe != nil || !c.expect.replyDue || c.reply != nil {
			continue
		}
		why := "no reply within the timeout"
		if c.closed {
			why = "the target closed the connection before replying"
		}
		out = append(out, finding(reqReplyDue, "reply-due", c.step, c.client, nil,
			"%s to %s (referenceId %q) from %s, which the allow-list allows (%s)", why, c.request, c.refID, c.origin, c.expect.allowEntry))
	}
	return out
}

// checkReplyEcho: a reply echoes the request name and is classified as a
// reply by the vendor client (no event key, a string referenceId).
func checkReplyEcho(r *record) []Finding {
	var out []Finding
	for _, c := range r.calls {
		if c.subscribe != nil || c.reply == nil || c.reply.msg == nil {
			continue
		}
		m := c.reply.msg
		if k := m.Kind(); k != wire.KindReply {
			out = append(out, finding(reqReplyEcho, "reply-echo", c.reply.step, c.client, c.reply,
				"the answer to %s (referenceId %q) is classified %s by the vendor client, not reply", c.request, c.refID, k))
			continue
		}
		if got, ok := m.String("request"); !ok || got != c.request {
			out = append(out, finding(reqReplyEcho, "reply-echo", c.reply.step, c.client, c.reply,
				"the reply to %s (referenceId %q) carries request %s", c.request, c.refID, string(m.Fields["request"])))
		}
	}
	return out
}

// checkMessageJSON: every message from the target is one JSON object.
func checkMessageJSON(r *record) []Finding {
	var out []Finding
	for _, e := range r.timeline {
		if e.in && e.err != nil && errors.Is(e.err, driver.ErrMalformed) {
			out = append(out, finding(reqMessageJSON, "message-json", e.step, e.client, nil, "%v", e.err))
		}
	}
	return out
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
		case listed && c.reply == nil:
			out = append(out, finding(reqSubscribeAck, "subscribe-ack", c.step, c.client, nil,
				"no acknowledgement of subscribe %v (referenceId %q) from listed origin %s", c.subscribe, c.refID, c.origin))
		case listed && c.reply.msg != nil && c.reply.msg.Kind() != wire.KindAck && !c.reply.msg.Has("errorMessage"):
			out = append(out, finding(reqSubscribeAck, "subscribe-ack", c.reply.step, c.client, c.reply,
				"the answer to subscribe %v (referenceId %q) is classified %s by the vendor client, not subscribe-ack", c.subscribe, c.refID, c.reply.msg.Kind()))
		case !listed && c.reply != nil && c.reply.msg != nil && c.reply.msg.Kind() == wire.KindAck:
			out = append(out, finding(reqOriginListed, "subscribe-ack", c.reply.step, c.client, c.reply,
				"subscribe %v from %s, which no entry of the allow-list matches, was acknowledged", c.subscribe, c.origin))
		}
	}
	return out
}
