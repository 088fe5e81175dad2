package fuzz

import (
	"strings"

	"scapi-conformance/contract/ratelimit"
)

func init() { registerCheck("rate-limit", checkRateLimit) }

// observed classifies what the target did with a rate-limited call: ran it,
// answered the rate-limit error, or ignored it.
func observed(c *call) ratelimit.Action {
	switch {
	case c.reply == nil:
		return ratelimit.Ignore
	case c.failed():
		msg, _ := c.reply.msg.ErrorMessage()
		if strings.HasPrefix(msg, ratelimit.MessagePrefix(c.request)) {
			return ratelimit.Reject
		}
	}
	return ratelimit.Run
}

// consistent reports whether what the target did matches one reading's
// outcome: the documented message exactly under the strict reading, its
// delay-independent prefix under the lenient one (INT-RATE-5).
func consistent(c *call, o ratelimit.Outcome, strict bool) bool {
	got := observed(c)
	if got != o.Action {
		// Silence instead of running is the reply-due check's business when
		// the call was certain; otherwise it is no evidence.
		return got == ratelimit.Ignore && o.Action == ratelimit.Run && !c.expect.replyDue
	}
	if got == ratelimit.Reject && strict {
		msg, _ := c.reply.msg.ErrorMessage()
		return msg == o.Message
	}
	return true
}

// checkRateLimit: the target's runs, errors and silences follow the
// documented fixed one-minute windows and quarantine under at least one
// recorded reading; the finding names the call where the last reading failed.
func checkRateLimit(r *record) []Finding {
	n := len(r.policy.rateConfigs)
	if n == 0 {
		return nil
	}
	alive := make([]bool, n)
	for i := range alive {
		alive[i] = true
	}
	left := n
	for _, c := range r.calls {
		if c.rates == nil || c.badRef != nil {
			continue // an answer the client cannot match is the reply-due check's
		}
		for v := range c.rates {
			if alive[v] && !consistent(c, c.rates[v], r.strict) {
				alive[v] = false
				left--
			}
		}
		if left == 0 {
			want, got := c.rates[0], observed(c)
			f := finding(rateRequirement(r, want.Action, got), "rate-limit", c.step, c.client, c.reply,
				"%s (referenceId %q): the target did %s where the documented windows and quarantine say %s (strict reading; no recorded reading matches the session)",
				c.request, c.refID, got, want.Action)
			if ids := r.policy.unmodelled; len(ids) > 0 {
				f = f.nonStrict(ids...) // the lenient readings were not modelled (windows)
			}
			return []Finding{f}
		}
	}
	return nil
}

// rateRequirement names the sentence a rate-limit mismatch breaks, from what
// the strict reading wanted and what the target did.
func rateRequirement(r *record, want, got ratelimit.Action) string {
	switch {
	case want == got: // the same action with another message
		return reqRateMessage
	case want == ratelimit.Run:
		return reqRateWindow
	case want == ratelimit.Reject && got == ratelimit.Run:
		return reqRateCount
	case want == ratelimit.Reject:
		return reqRateMessage
	case got == ratelimit.Reject:
		return reqQuarantine
	case r.policy.rateConfigs[0].QuarantineDelay <= 0:
		return reqForever
	}
	return reqQuarantineLen
}
