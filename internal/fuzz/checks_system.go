package fuzz

import (
	"bytes"
	"strings"

	"scapi-conformance/contract"
)

const (
	getJwtToken = "auth.getJwtToken"
	popupToast  = "system.popupToast"
	closeToast  = "system.closeToast"
	broadcast   = "messenger.broadcastMessage"
)

func init() {
	registerCheck("jwt-reused", checkJwtReused)
	registerCheck("toast-closed", checkToastClosed)
	registerCheck("broadcast-others", checkBroadcastOthers)
}

// consecutive calls f for each call that directly follows, one step later,
// a successful call of the same client; both must run as documented.
func consecutive(r *record, f func(prev, c *call) []Finding) []Finding {
	for i, c := range r.calls {
		if i == 0 || !c.runs() || !c.succeeded() {
			continue
		}
		prev := r.calls[i-1]
		if prev.step != c.step-1 || prev.client != c.client || !prev.runs() || !prev.succeeded() {
			continue
		}
		if out := f(prev, c); out != nil {
			return out
		}
	}
	return nil
}

// checkJwtReused: "If the token is already generated and still valid, it is
// returned": two getJwtToken calls in a row, without the clock moving
// between them, answer the same token.
func checkJwtReused(r *record) []Finding {
	return consecutive(r, func(prev, c *call) []Finding {
		if prev.request != getJwtToken || c.request != getJwtToken || bytes.Equal(prev.reply.msg.Data(), c.reply.msg.Data()) {
			return nil
		}
		return []Finding{finding("auth.getJwtToken.2", "jwt-reused", c.reply.step, c.client, c.reply,
			"getJwtToken answers another token right after the previous call, with no time passed")}
	})
}

// checkToastClosed: closeToast "returns true if the toast has been updated;
// false if the toast identifier has not been found": closing the same toast
// again right after a successful close answers false.
func checkToastClosed(r *record) []Finding {
	return consecutive(r, func(prev, c *call) []Finding {
		if prev.request != closeToast || c.request != closeToast || string(prev.reply.msg.Data()) != "true" ||
			prev.params[0] != c.params[0] || string(c.reply.msg.Data()) == "false" {
			return nil
		}
		return []Finding{finding("system.closeToast.1", "toast-closed", c.reply.step, c.client, c.reply,
			"closing toast %v again right after it was closed answers %s, not false", c.params[0], c.reply.msg.Data())}
	})
}

// channelOf is the channel a broadcast names.
func channelOf(c *call) string {
	ch, _ := c.params[0].(string)
	return ch
}

// checkBroadcastOthers: broadcastMessage sends "to other web applications
// … subscribed to the specified channel": the sender never receives its own
// message (the message carries a value unique in the session).
func checkBroadcastOthers(r *record) []Finding {
	for _, c := range r.calls {
		if c.request != broadcast || !c.runs() || !c.succeeded() {
			continue
		}
		msg, _ := c.params[1].(map[string]any)
		tok, _ := msg["fz"].(string)
		if !strings.HasPrefix(tok, tokenPrefix) {
			continue
		}
		want := contract.MessengerEventPrefix + channelOf(c)
		for _, e := range r.timeline {
			if !isEvent(e) || e.seq <= c.sent.seq || !carries(e, tok) {
				continue
			}
			if e.client == c.client {
				return []Finding{finding("messenger.broadcastMessage.5", "broadcast-others", e.step, e.client, e,
					"the client that broadcast %q on channel %v receives its own message", tok, c.params[0]).keyed("own")}
			}
			if ev, _ := e.eventName(); ev != want {
				return []Finding{finding("messenger.broadcastMessage.1", "broadcast-others", e.step, e.client, e,
					"the message broadcast on channel %v reaches a client as event %s", c.params[0], ev).keyed("channel")}
			}
		}
	}
	return nil
}
