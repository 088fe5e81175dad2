package conformance

import (
	"maps"
	"time"

	"scapi-conformance/contract/ratelimit"
)

// rateExample is the per-request configuration of the documented example
// (security.rateLimit.4): no global limit, voice.dial 4 and email.create 2.
var rateExample = map[string]int{"voice.dial": 4, "email.create": 2}

// rateRequirement names the sentence of Security configuration > Rate Limit
// the first step the strict reading does not predict breaks: an error reply
// where silence was due right after the last one, the quarantine
// (rateLimit.6); silence where the
// error reply was due, or another error message, the explicit error
// (rateLimit.7, or .10 for the default delay's message); a request run during
// its quarantine, ignored after it, or refused again a while into it, the
// delay (rateLimit.8 as configured,
// .9 for 0, .10 when the option is absent); a request held back although this
// minute has room while an earlier minute had requests of its type, the fixed
// minute (rateLimit.5); otherwise the count against the limit: the global
// one (rateLimit.1), a per-request one (rateLimit.3), or the documented
// example's (rateLimit.4). explicitDelay says whether the quarantine-delay
// option is set.
func rateRequirement(cfg ratelimit.Config, seen []rateSeen, explicitDelay bool) string {
	delay := "security.rateLimit.8"
	switch {
	case !explicitDelay:
		delay = "security.rateLimit.10"
	case cfg.QuarantineDelay <= 0:
		delay = "security.rateLimit.9"
	}
	// A request at a minute's first instant held back while the new minute
	// has room: the instant was counted in the minute before, whatever the
	// timeline showed first.
	boundary := ratelimit.NewModel(cfg)
	for i, r := range seen {
		want := boundary.Decide(r.request, r.at)
		if i > 0 && want.Action == ratelimit.Run && r.action != ratelimit.Run && r.at.Equal(r.at.Truncate(time.Minute)) {
			return "security.rateLimit.5"
		}
	}
	model := ratelimit.NewModel(cfg)
	quarantined := map[string]bool{}
	rejected := map[string]time.Time{} // the last error reply, per request
	minutes := map[string]map[time.Time]bool{}
	for _, r := range seen {
		want := model.Decide(r.request, r.at)
		minute := r.at.Truncate(time.Minute)
		earlier := false
		for m := range minutes[r.request] {
			earlier = earlier || m.Before(minute)
		}
		if minutes[r.request] == nil {
			minutes[r.request] = map[time.Time]bool{}
		}
		minutes[r.request][minute] = true
		switch {
		case want.Action == r.action && want.Action == ratelimit.Reject:
			quarantined[r.request], rejected[r.request] = true, r.at
			if msg, _ := r.reply.ErrorMessage(); msg != want.Message {
				if !explicitDelay {
					return "security.rateLimit.10"
				}
				return "security.rateLimit.7"
			}
		case want.Action == r.action:
		case want.Action == ratelimit.Ignore && r.action == ratelimit.Reject && quarantined[r.request] && r.at.Sub(rejected[r.request]) >= time.Second:
			// A new error a while after the last one: the quarantine ended
			// too early, and the count started again.
			return delay
		case want.Action == ratelimit.Ignore && r.action == ratelimit.Reject:
			return "security.rateLimit.6"
		case want.Action == ratelimit.Reject && r.action == ratelimit.Ignore:
			return "security.rateLimit.7"
		case want.Action == ratelimit.Ignore, quarantined[r.request]:
			return delay
		case want.Action == ratelimit.Run && earlier:
			return "security.rateLimit.5"
		default:
			_, own := cfg.Limit(r.request)
			switch {
			case own && cfg.Global == 0 && maps.Equal(cfg.PerRequest, rateExample):
				return "security.rateLimit.4"
			case own:
				return "security.rateLimit.3"
			}
			return "security.rateLimit.1"
		}
	}
	return "security.rateLimit.1"
}
