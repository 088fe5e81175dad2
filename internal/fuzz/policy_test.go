package fuzz

import (
	"slices"
	"testing"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/ratelimit"
)

// pstep is one call of a policy timeline: sent at t0 + at in a session of
// its own, and what the target did with it (told to the windows once the
// call is decided, as a finished session does).
type pstep struct {
	at      time.Duration
	origin  string // "" = the appListed origin
	request string // "" = a raw message
	seen    seenAs
	// want: the rate outcome (none: no outcome, the window unknown or the
	// call not counted), whether a reply is due (under every reading or
	// the strict one) and whether the call must run.
	want             ratelimit.Action
	none             bool
	replyDue, strict bool
	runs             bool
}

const (
	appListed  = "https://app.example.com"
	appRefused = "https://app.example.com.evil.example"
	getS       = "agent.getState"
)

// t0 is half a minute past a minute of the target's clock.
var policyT0 = time.Date(2026, 12, 6, 12, 0, 30, 0, time.UTC)

func limitOptions(limit, delay string) control.Options {
	return control.Options{options.AcceptedOrigins: appListed + " (*, auth.getJwtToken)",
		options.RateLimit: limit, options.QuarantineDelay: delay}
}

// run, rej, ign and unknown are the expectations of a call of a type whose
// window is known (run, rejected, ignored) or not.
func run(at time.Duration, seen seenAs) pstep {
	return pstep{at: at, request: getS, seen: seen, want: ratelimit.Run, replyDue: true, runs: true}
}
func rej(at time.Duration) pstep {
	return pstep{at: at, request: getS, seen: seenAs(ratelimit.Reject), want: ratelimit.Reject, replyDue: true}
}
func ign(at time.Duration) pstep {
	return pstep{at: at, request: getS, seen: seenAs(ratelimit.Ignore), want: ratelimit.Ignore}
}
func unknown(at time.Duration, seen seenAs) pstep {
	return pstep{at: at, request: getS, seen: seen, none: true}
}

// TestPolicyDecide: what the oracles expect of a call on a rate-limited
// target, reset before each session (the windows start with the session) or
// not (configured once: the windows start unknown, and a type's become known
// at a minute boundary only when nothing before it can last into it).
func TestPolicyDecide(t *testing.T) {
	const s = time.Second
	runs := func(from time.Duration, n int) []pstep {
		var out []pstep
		for i := range n {
			out = append(out, run(from+time.Duration(i)*s, seenRun))
		}
		return out
	}
	cases := []struct {
		name     string
		reset    bool
		noClock  bool
		lenient  bool
		limit    string
		delay    string
		timeline []pstep
	}{
		{name: "reset: the session's windows are known from its start", reset: true,
			timeline: append(runs(0, 5), rej(5*s), ign(6*s))},
		{name: "not reset, no clock: every counted call stays unknown", noClock: true,
			timeline: []pstep{unknown(0, seenRun), unknown(90*s, seenRun), unknown(10*time.Minute, seenAs(ratelimit.Reject))}},
		{name: "not reset: unknown until the next minute, then the strict windows",
			timeline: append(append([]pstep{unknown(0, seenRun), unknown(20*s, seenRun)}, runs(30*s, 5)...), rej(35*s), ign(36*s), ign(44*s), rej(45*s))},
		{name: "not reset: a rejection within the delay before the minute keeps it unknown",
			timeline: []pstep{unknown(0, seenRun), unknown(25*s, seenAs(ratelimit.Reject)), unknown(30*s, seenAs(ratelimit.Ignore)),
				unknown(45*s, seenRun), run(90*s, seenRun)}},
		{name: "not reset: a call that may have been counted or not makes the window unknown until a later minute",
			timeline: []pstep{unknown(0, seenRun), run(30*s, seenUnsure), unknown(31*s, seenRun), run(90*s, seenRun)}},
		{name: "not reset: a call never sent is not counted",
			timeline: append(append([]pstep{unknown(0, seenRun), run(30*s, seenLost)}, runs(31*s, 5)...), rej(36*s))},
		{name: "not reset: a raw message may be any counted request",
			timeline: []pstep{unknown(0, seenRun), run(30*s, seenRun), {at: 31 * s, none: true}, unknown(32*s, seenRun), unknown(85*s, seenRun), run(90*s, seenRun)}},
		{name: "not reset: a catalog name sent for the wire name may be counted under it",
			timeline: []pstep{unknown(0, seenRun), run(30*s, seenRun), {at: 31 * s, request: "voice.muteMicrophone", none: true}, run(32*s, seenRun),
				{at: 33 * s, request: "sipEndpoint.muteMicrophone", none: true, seen: seenRun}, {at: 90 * s, request: "sipEndpoint.muteMicrophone", want: ratelimit.Run, replyDue: true, runs: true}}},
		{name: "not reset: a appRefused request is not counted and is answered", timeline: []pstep{
			{at: 0, origin: appRefused, request: getS, none: true, strict: true}, {at: 30 * s, origin: appRefused, request: getS, none: true, strict: true}}},
		{name: "not reset, lenient: only the strict reading is modelled, so no reply is due", lenient: true,
			timeline: []pstep{unknown(0, seenRun), {at: 30 * s, request: getS, want: ratelimit.Run, runs: true}}},
		{name: "not reset, delay 0: a quarantine from before may last forever; a call that ran ends the doubt", delay: "0",
			timeline: []pstep{unknown(0, seenAs(ratelimit.Ignore)), unknown(90*s, seenRun), unknown(100*s, seenRun), run(150*s, seenRun)}},
		{name: "not reset, limit 0: nothing is counted",
			limit: "0", timeline: []pstep{{at: 0, request: getS, none: true, replyDue: true, runs: true}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			limit, delay := tc.limit, tc.delay
			if limit == "" {
				limit = "5"
			}
			if delay == "" {
				delay = "10"
			}
			opts := limitOptions(limit, delay)
			var w *windows
			var reset *policy
			for i, st := range tc.timeline {
				now := policyT0.Add(st.at)
				var p *policy
				switch {
				case tc.reset && reset == nil:
					reset = newPolicy(opts, &now, !tc.lenient)
					fallthrough
				case tc.reset:
					p, reset.now = reset, now
				case tc.noClock:
					p = notReset(opts, &w, nil, !tc.lenient)
				default:
					p = notReset(opts, &w, &now, !tc.lenient)
				}
				if st.request == "" {
					p.raw()
					continue
				}
				origin := st.origin
				if origin == "" {
					origin = appListed
				}
				_, _, _, e, outs := p.expect(origin, st.request, nil)
				if s := p.sent[p.expected]; s != nil {
					p.windows.observe(s, st.seen)
				}
				switch {
				case st.none && outs != nil:
					t.Errorf("step %d (%s at +%v): outcomes %v, want none", i, st.request, st.at, outs)
				case !st.none && (len(outs) != 1 || outs[0].Action != st.want):
					t.Errorf("step %d (%s at +%v): outcomes %v, want %v", i, st.request, st.at, outs, st.want)
				}
				if e.replyDue != st.replyDue || e.strictDue != st.strict || e.runs != st.runs {
					t.Errorf("step %d (%s at +%v): replyDue %t, strictDue %t, runs %t; want %t, %t, %t",
						i, st.request, st.at, e.replyDue, e.strictDue, e.runs, st.replyDue, st.strict, st.runs)
				}
			}
		})
	}
}

// TestPolicyUnmodelled: on a target not reset, a lenient run marks the
// rate-limit findings with the interpretations whose lenient readings the
// windows do not model; a strict run and a reset target mark none.
func TestPolicyUnmodelled(t *testing.T) {
	opts := limitOptions("5", "10")
	now := policyT0
	var w *windows
	if got := notReset(opts, &w, &now, false).unmodelled; !slices.Equal(got, []string{"INT-RATE-1", "INT-RATE-3", "INT-RATE-4"}) {
		t.Errorf("lenient, not reset: %v", got)
	}
	if got := notReset(opts, &w, &now, true).unmodelled; got != nil {
		t.Errorf("strict, not reset: %v", got)
	}
	if got := newPolicy(opts, &now, false).unmodelled; got != nil {
		t.Errorf("lenient, reset: %v", got)
	}
}
