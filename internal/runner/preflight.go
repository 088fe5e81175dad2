package runner

import (
	"context"
	"fmt"
	"io"
	"slices"

	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/ratelimit"
	"scapi-conformance/internal/preflight"
	"scapi-conformance/internal/profile"
	"scapi-conformance/internal/target"
	"scapi-conformance/suites/framework"
)

// runPreflight checks the basics before the specs and prints them. A target
// that answers but accepts none of the suite's client origins stops the run
// (ErrUsage, exit 2) with what to configure: every spec would fail on the
// configuration, not on the Workspace. Other broken basics are printed and
// the run goes on: the calls that meet them fail at once with the diagnosis.
func runPreflight(ctx context.Context, t *target.Target, p *profile.Profile, out io.Writer) (*preflight.Report, error) {
	cfg := preflight.Config{Driver: t.Driver, Timeout: t.Spec.WaitTimeout}
	if steerable(t) {
		cfg.Options = framework.DefaultOptions(t.Driver.Origins())
	} else {
		cfg.Origins = candidateOrigins(t, p)
		cfg.SpareRequests = rateLimited(p)
	}
	if cfg.Timeout <= 0 || cfg.Timeout > preflight.DefaultTimeout {
		cfg.Timeout = preflight.DefaultTimeout
	}
	r, err := preflight.Run(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, t.Name(), err)
	}
	r.Write(out)
	if r.NoOriginAccepted() {
		c := r.Check(preflight.CheckOrigins)
		return r, usagef("the target accepts none of the suite's client origins (%s), so every spec would fail on its configuration: %s",
			c.Detail, c.Fix)
	}
	return r, nil
}

// steerable reports whether the suite sets the target's options itself.
func steerable(t *target.Target) bool { return t.Driver.Control() != nil && t.Caps.Options }

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
	n, _ := cfg.Limit(preflight.Request)
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
			for _, e := range l.Entries() {
				if e.Origin != allowlist.AnyOrigin {
					out = append(out, e.Origin)
				}
			}
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
