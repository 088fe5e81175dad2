package preflight

import (
	"slices"

	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/ratelimit"
	"scapi-conformance/internal/profile"
	"scapi-conformance/internal/target"
	"scapi-conformance/suites/framework"
)

// Of is what to check on an opened target, as the specs will use it: a
// target whose options the suite sets gets the options each spec starts
// from and is checked with the driver's origins; a target configured once is
// checked with the origins its profile declares or lists in its allow-list,
// and the driver's, spending no request when its declared rate limits count
// the one the reply check sends. Each wait is bounded by the target's wait
// timeout, at most DefaultTimeout.
func Of(t *target.Target) Config {
	cfg := Config{Driver: t.Driver, Timeout: t.Spec.WaitTimeout}
	if t.Driver.Control() != nil && t.Caps.Options {
		cfg.Options = framework.DefaultOptions(t.Driver.Origins())
	} else {
		cfg.Origins = candidateOrigins(t, t.Spec.Profile)
		cfg.SpareRequests = rateLimited(t.Spec.Profile)
	}
	if cfg.Timeout <= 0 || cfg.Timeout > DefaultTimeout {
		cfg.Timeout = DefaultTimeout
	}
	return cfg
}

// rateLimited reports whether the profile declares a rate limit on the
// request the preflight would send: the suite's budget then spends the
// declared limits exactly, and the preflight sends no request.
func rateLimited(p *profile.Profile) bool {
	if p == nil {
		return false
	}
	cfg, err := ratelimit.ParseOptions(p.Options)
	if err != nil {
		return true // the specs will say what is wrong; spend nothing
	}
	n, _ := cfg.Limit(Request)
	return n > 0
}

// candidateOrigins are the origins the specs may present to a target whose
// options are declared, not set: the profile's origins, the origins its
// declared allow-list names, and the driver's own.
func candidateOrigins(t *target.Target, p *profile.Profile) []string {
	var out []string
	if p != nil {
		out = append(out, p.Origins...)
		if l, _, err := allowlist.Parse(p.Options[options.AcceptedOrigins]); err == nil {
			out = append(out, l.Concrete()...)
		}
	}
	out = append(out, t.Driver.Origins()...)
	seen := map[string]bool{}
	return slices.DeleteFunc(out, func(o string) bool {
		dup := seen[o]
		seen[o] = true
		return dup
	})
}
