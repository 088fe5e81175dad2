package conformance

import (
	"encoding/json"
	"testing"
	"time"

	"scapi-conformance/contract/ratelimit"
	"scapi-conformance/contract/wire"
)

func TestRateRequirement(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	errorReply := func(request string, delay time.Duration) *wire.Message {
		b, _ := json.Marshal(map[string]any{"request": request, "errorMessage": ratelimit.Message(request, delay)})
		m, err := wire.Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	step := func(request string, at time.Duration, action ratelimit.Action, delay time.Duration) rateSeen {
		r := rateSeen{request: request, at: t0.Add(at), action: action}
		if action == ratelimit.Reject {
			r.reply = errorReply(request, delay)
		}
		return r
	}
	const get = "agent.getState"
	run, reject, ignore := ratelimit.Run, ratelimit.Reject, ratelimit.Ignore
	global := ratelimit.Config{Global: 1, QuarantineDelay: 30 * time.Second}
	per := ratelimit.Config{PerRequest: map[string]int{get: 1}, QuarantineDelay: 30 * time.Second}
	example := ratelimit.Config{PerRequest: map[string]int{"voice.dial": 4, "email.create": 2}, QuarantineDelay: 30 * time.Second}
	forever := ratelimit.Config{PerRequest: map[string]int{get: 1}}
	for _, tc := range []struct {
		name     string
		cfg      ratelimit.Config
		explicit bool
		seen     []rateSeen
		want     string
	}{
		{"over the global limit, run", global, true, []rateSeen{step(get, 0, run, 0), step(get, time.Second, run, 0)}, "security.rateLimit.1"},
		{"over a per-request limit, run", per, true, []rateSeen{step(get, 0, run, 0), step(get, time.Second, run, 0)}, "security.rateLimit.3"},
		{"over the example's limit, run", example, true, []rateSeen{step("email.create", 0, run, 0), step("email.create", 1, run, 0), step("email.create", 2, run, 0)}, "security.rateLimit.4"},
		{"error where silence was due", per, true, []rateSeen{step(get, 0, run, 0), step(get, 1, reject, 30*time.Second), step(get, 2, reject, 30*time.Second)}, "security.rateLimit.6"},
		{"silence where the error was due", per, true, []rateSeen{step(get, 0, run, 0), step(get, 1, ignore, 0)}, "security.rateLimit.7"},
		{"a new error a while into the quarantine", per, true, []rateSeen{step(get, 0, run, 0), step(get, 1, reject, 30*time.Second), step(get, 20*time.Second, reject, 30*time.Second)}, "security.rateLimit.8"},
		{"quarantine too short", per, true, []rateSeen{step(get, 0, run, 0), step(get, 1, reject, 30*time.Second), step(get, 2*time.Second, run, 0)}, "security.rateLimit.8"},
		{"quarantine of 0 ends", forever, true, []rateSeen{step(get, 0, run, 0), step(get, 1, reject, 0), step(get, 3*time.Minute, run, 0)}, "security.rateLimit.9"},
		{"default quarantine too short", per, false, []rateSeen{step(get, 0, run, 0), step(get, 1, reject, 30*time.Second), step(get, 2*time.Second, run, 0)}, "security.rateLimit.10"},
		{"the minute's first instant counted in the minute before", per, true,
			[]rateSeen{step(get, 0, run, 0), step(get, 10*time.Second, run, 0), step(get, time.Minute, reject, 30*time.Second)}, "security.rateLimit.5"},
		{"an earlier minute counted", ratelimit.Config{PerRequest: map[string]int{get: 2}, QuarantineDelay: 30 * time.Second}, true,
			[]rateSeen{step(get, 50*time.Second, run, 0), step(get, 55*time.Second, run, 0), step(get, 65*time.Second, ignore, 0)}, "security.rateLimit.5"},
	} {
		if got := rateRequirement(tc.cfg, tc.seen, tc.explicit); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
