package conformance

import (
	"fmt"
	"time"

	. "github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/ratelimit"
	"scapi-conformance/suites/framework"
)

// Security configuration > Rate Limit: fixed one-minute windows per request
// type, the documented error reply, silence during the quarantine, its end,
// 0 = forever, per-request overrides. Every timeline is judged by the oracle
// (contract/ratelimit); the virtual clock lets the minutes pass, and a target
// without one makes these specs wait in real time (they are Slow).
var _ = Describe("Security configuration > Rate Limit", func() {
	perRequest := func(request string) string { return options.RateLimitPrefix + request }
	dial := rateCall("voice.dial", "5001", map[string]any{})
	email := rateCall("email.create", "customer@example.com", map[string]any{})

	framework.ConformanceIt("the global limit counts each request type per minute; the first request over it gets the documented error, later ones silence",
		framework.Reqs{"security.rateLimit.1", "security.rateLimit.6", "security.rateLimit.7"},
		func(s *framework.Session) {
			steps := append(rateTimes(3, rateCall("agent.get")), rateTimes(3, rateCall("agent.getState"))...)
			steps = append(steps, rateTimes(2, rateCall("agent.get"))...)
			steps = append(steps, rateTimes(2, rateCall("agent.getState"))...)
			steps = append(steps, rateCall("agent.getStateList"))
			rateRun(s, s.Client(s.Origins()[0]), steps...)
		}, framework.WithOptions(control.Options{options.RateLimit: "3", options.QuarantineDelay: "60"}), framework.Slow)

	framework.ConformanceIt("a quarantine ignores the request type for the configured delay, then counting starts again",
		framework.Reqs{"security.rateLimit.6", "security.rateLimit.8"}, func(s *framework.Session) {
			get := rateCall("agent.getState")
			steps := append(rateTimes(3, get), ratePause(20*time.Second), get, rateCall("agent.get"), ratePause(26*time.Second))
			steps = append(steps, rateTimes(3, get)...)
			rateRun(s, s.Client(s.Origins()[0]), steps...)
		}, framework.WithOptions(control.Options{perRequest("agent.getState"): "2", options.QuarantineDelay: "45"}), framework.Slow)

	framework.ConformanceIt("a quarantine delay of 0 ignores the request type forever",
		framework.Reqs{"security.rateLimit.9"}, func(s *framework.Session) {
			get := rateCall("agent.getState")
			rateRun(s, s.Client(s.Origins()[0]),
				get, get, ratePause(3*time.Minute), get, rateCall("agent.get"))
		}, framework.WithOptions(control.Options{perRequest("agent.getState"): "1", options.QuarantineDelay: "0"}), framework.Slow)

	framework.ConformanceIt("without the quarantine-delay option a quarantine lasts 30 seconds",
		framework.Reqs{"security.rateLimit.10", "security.rateLimit.7"}, func(s *framework.Session) {
			get := rateCall("agent.getState")
			rateRun(s, s.Client(s.Origins()[0]),
				get, get, ratePause(29*time.Second), get, ratePause(2*time.Second), get)
		}, framework.WithOptions(control.Options{perRequest("agent.getState"): "1"}), framework.Slow)

	framework.ConformanceIt("0 means unlimited, globally and per request",
		framework.Reqs{"security.rateLimit.2"}, func(s *framework.Session) {
			steps := append(rateTimes(25, rateCall("agent.get")), rateTimes(25, rateCall("agent.getState"))...)
			rateRun(s, s.Client(s.Origins()[0]), steps...)
		}, framework.WithOptions(control.Options{options.RateLimit: "0", perRequest("agent.get"): "0"}), framework.Slow)

	framework.ConformanceIt("the documented example: no global limit, voice.dial limited to 4 and email.create to 2 per minute",
		framework.Reqs{"security.rateLimit.3", "security.rateLimit.4"}, func(s *framework.Session) {
			steps := append(rateTimes(5, dial), rateTimes(3, email)...)
			steps = append(steps, rateTimes(6, rateCall("agent.get"))...)
			rateRun(s, s.Client(s.Origins()[0]), steps...)
		}, framework.WithOptions(control.Options{options.RateLimit: "0",
			perRequest("voice.dial"): "4", perRequest("email.create"): "2"}), framework.Slow)

	framework.ConformanceIt("a per-request limit larger than the global one wins for that request only",
		framework.Reqs{"security.rateLimit.3"}, func(s *framework.Session) {
			steps := append(rateTimes(5, rateCall("agent.get")), rateTimes(3, rateCall("agent.getState"))...)
			rateRun(s, s.Client(s.Origins()[0]), steps...)
		}, framework.WithOptions(control.Options{options.RateLimit: "2", perRequest("agent.get"): "4"}), framework.Slow)

	framework.ConformanceIt("windows are fixed minutes, not sliding: a new minute starts a new count",
		framework.Reqs{"security.rateLimit.5"}, func(s *framework.Session) {
			get := rateCall("agent.getState")
			rateRun(s, s.Client(s.Origins()[0]),
				ratePause(50*time.Second), get, get, ratePause(15*time.Second), get, get, get)
		}, framework.WithOptions(control.Options{perRequest("agent.getState"): "2", options.QuarantineDelay: "30"}), framework.Slow)

	framework.ConformanceIt("a minute's boundary belongs to the minute it starts: hh:mm:00 counts in the new minute, not the one before",
		framework.Reqs{"security.rateLimit.5"}, func(s *framework.Session) {
			get := rateCall("agent.getState")
			// Fixed one-minute intervals follow one another: the instant one
			// ends is the first of the next. The first request, at the start
			// of a minute, is that minute's only one (the second gets the
			// error); the third, exactly a minute later, opens the next
			// minute. Windows of the clock and windows starting at the first
			// request agree on every step.
			rateRun(s, s.Client(s.Origins()[0]),
				get, ratePause(10*time.Second), get, ratePause(50*time.Second), get)
		}, framework.WithOptions(control.Options{perRequest("agent.getState"): "1", options.QuarantineDelay: "30"}), framework.Slow)

	framework.ConformanceIt("windows are not sliding: requests of the previous minute do not count against this one",
		framework.Reqs{"security.rateLimit.5"}, func(s *framework.Session) {
			get := rateCall("agent.getState")
			// A sliding minute refuses the fourth request (two in the last 60 s);
			// fixed windows, aligned or anchored, run it.
			rateRun(s, s.Client(s.Origins()[0]),
				get, ratePause(40*time.Second), get, ratePause(30*time.Second), get, ratePause(5*time.Second), get, get)
		}, framework.WithOptions(control.Options{perRequest("agent.getState"): "2", options.QuarantineDelay: "30"}), framework.Slow)

	framework.ConformanceIt("the configured limit holds: limit, documented error, silence for the configured delay, then requests run again",
		framework.Reqs{"security.rateLimit.1", "security.rateLimit.3", "security.rateLimit.6", "security.rateLimit.7", "security.rateLimit.8"},
		func(s *framework.Session) {
			// A target that cannot be steered is judged on the options its
			// profile says it has, waiting the configured delay in real time.
			cfg, request, limit := rateConfigured(s, control.Options{perRequest("agent.getState"): "3", options.QuarantineDelay: "20"})
			get := rateCall(request)
			other := "agent.get"
			if request == other {
				other = "agent.getStateList"
			}
			// The limit runs, the next request gets the error; half the
			// quarantine later the type is still ignored, the others run.
			steps := rateTimes(limit+1, get)
			if cfg.QuarantineDelay > 0 {
				steps = append(steps, ratePause(cfg.QuarantineDelay/2))
			}
			steps = append(steps, get, rateCall(other))
			if cfg.QuarantineDelay > 0 {
				steps = append(steps, ratePause(cfg.QuarantineDelay/2+time.Second), get)
			} else {
				// 0 ignores the type for good: still in the next minute.
				steps = append(steps, ratePause(time.Minute+time.Second), get)
			}
			rateReplay(s, s.Client(s.Origins()[0]), cfg, steps...)
		}, framework.Slow, framework.RealWait(configuredLimitWait))

	framework.ConformanceIt("a configured quarantine delay of 0 ignores the request type for good",
		framework.Reqs{"security.rateLimit.9"}, func(s *framework.Session) {
			cfg, request, limit := rateConfigured(s, control.Options{perRequest("agent.getStateList"): "2", options.QuarantineDelay: "0"})
			if cfg.QuarantineDelay != 0 {
				Skip(fmt.Sprintf("the quarantine delay in force is %s, not 0", cfg.QuarantineDelay))
			}
			get := rateCall(request)
			steps := append(rateTimes(limit+1, get), ratePause(2*time.Minute), get)
			rateReplay(s, s.Client(s.Origins()[0]), cfg, steps...)
		}, framework.Slow, framework.RealWait(foreverWait))

	framework.ConformanceIt("the configured windows are the minutes of the clock: a request at a minute's first instant counts in that minute, and the last minute's do not",
		framework.Reqs{"security.rateLimit.5"}, func(s *framework.Session) {
			cfg, request, limit := rateConfigured(s, control.Options{perRequest("agent.getState"): "3", options.QuarantineDelay: "30"})
			get := rateCall(request)
			// One request opens the minute (and an anchored window), the
			// rest of the limit comes at its last second; the first instant
			// of the next minute starts a new count, which the limit fills.
			steps := append([]rateStep{get, ratePause(59 * time.Second)}, rateTimes(limit-1, get)...)
			steps = append(append(steps, ratePause(time.Second)), rateTimes(limit, get)...)
			rateReplay(s, s.Client(s.Origins()[0]), cfg, steps...)
		}, framework.Needs(framework.CapClock))

	framework.ConformanceIt("requests refused by the allow-list do not count against the limit",
		framework.Reqs{"security.rateLimit.6", "security.origin.4"}, func(s *framework.Session) {
			o := s.NeedOrigins(2)
			s.SetOptions(control.Options{options.AcceptedOrigins: fmt.Sprintf("%s, %s (agent.get)", o[0], o[1])})
			filtered := s.Client(o[1])
			get := rateCall("agent.getState")
			refused := rateStep{request: "agent.getState", refusedAs: filtered}
			steps := append(rateTimes(3, refused), rateTimes(3, get)...)
			s.SetOptions(control.Options{perRequest("agent.getState"): "2"})
			rateRun(s, s.Client(o[0]), steps...)
		}, framework.Needs(framework.CapOptions), framework.Slow)
})

// configuredLimitWait is the real waiting of "the configured limit holds" on a
// target without a virtual clock: up to a minute to start on a minute's
// boundary, then the configured quarantine and a second (a minute and a
// second when the quarantine lasts for good).
func configuredLimitWait(inForce control.Options) time.Duration {
	cfg, err := ratelimit.ParseOptions(inForce)
	if err != nil || cfg.Global == 0 && len(cfg.PerRequest) == 0 {
		return 0
	}
	if cfg.QuarantineDelay == 0 {
		return 2*time.Minute + time.Second + 2*framework.RealTimeMargin
	}
	return time.Minute + cfg.QuarantineDelay + time.Second + 2*framework.RealTimeMargin
}

// rateConfigured sets the options set on a target whose options can be set
// (else those its profile declares stand) and returns the rate-limit
// configuration in force with the request a spec of the configured limits
// repeats and its limit (rateConfiguredRequest).
func rateConfigured(s *framework.Session, set control.Options) (cfg ratelimit.Config, request string, limit int) {
	GinkgoHelper()
	if s.Has(framework.CapOptions) {
		s.SetOptions(set)
	}
	cfg = rateConfig(s)
	request, limit = rateConfiguredRequest(s, cfg)
	return cfg, request, limit
}

// rateConfiguredRequest picks the request a spec of the configured limits
// repeats: the one with the smallest limit in force among requests it can
// repeat without effect, those the rest of the suite sends least first (the
// quarantine the spec causes holds them back). None limited skips the spec.
func rateConfiguredRequest(s *framework.Session, cfg ratelimit.Config) (request string, limit int) {
	GinkgoHelper()
	candidates := []string{"media.getMediaList", "agent.getStateList", "agent.getState", "agent.get"}
	for _, r := range candidates {
		if n, _ := cfg.Limit(r); n > 0 && (limit == 0 || n < limit) {
			request, limit = r, n
		}
	}
	if limit == 0 {
		Skip(fmt.Sprintf("the rate-limit options in force limit none of %v, which this spec can repeat without effect", candidates))
	}
	return request, limit
}

// foreverWait is the real waiting of the quarantine-forever spec on a target
// without a virtual clock: up to a minute to start on a minute's boundary and
// the two minutes it listens, when the delay in force is 0 (else it skips).
func foreverWait(inForce control.Options) time.Duration {
	cfg, err := ratelimit.ParseOptions(inForce)
	if err != nil || cfg.QuarantineDelay != 0 || cfg.Global == 0 && len(cfg.PerRequest) == 0 {
		return 0
	}
	return 3*time.Minute + 2*framework.RealTimeMargin
}
