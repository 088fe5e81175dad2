package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
	"scapi-conformance/internal/fuzz"
	"scapi-conformance/internal/target"
)

// defaultCallTimeout bounds the wait for a reply that is due when the
// target gives no --wait-timeout.
const defaultCallTimeout = 2 * time.Second

// fuzzTarget is a target opened for fuzz or replay, with what its profile
// says of it.
type fuzzTarget struct {
	*target.Target
	// configured are the options of a target that cannot be steered or
	// reset (from its profile; nil when it can be).
	configured control.Options
}

// openFuzzTarget opens the target s names (the one target layer).
func openFuzzTarget(ctx context.Context, s target.Spec) (*fuzzTarget, error) {
	tg, err := target.Open(ctx, s)
	if err != nil {
		return nil, err
	}
	ft := &fuzzTarget{Target: tg}
	if tg.Control() == nil || tg.Caps.NoReset {
		ft.configured = control.Options{}
		if p := s.Profile; p != nil && p.Options != nil {
			ft.configured = p.Options
		}
	}
	return ft, nil
}

// runner returns a runner of sessions on the target.
func (ft *fuzzTarget) runner(strict bool) *fuzz.Runner {
	wait := ft.Spec.WaitTimeout
	if wait <= 0 {
		wait = defaultCallTimeout
	}
	return fuzz.NewRunner(ft, fuzz.Config{CallTimeout: wait, Strict: strict, Clock: fuzz.ClockOf(ft), Configured: ft.configured})
}

// sessionOrigins are the origins sessions present: the ones the profile says
// the target accepts first (the first one watches events), then the
// driver's own (the browser does not offer those it serves only because the
// sessions present them, Spec.Present: the generator adds them itself).
func (ft *fuzzTarget) sessionOrigins() []string {
	var out []string
	if p := ft.Spec.Profile; p != nil {
		out = append(out, p.Origins...)
	}
	for _, o := range ft.Origins() {
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// Open opens a client presenting origin. Through the browser an origin is
// presented as a browser serialises it: a spelling such as
// "HTTPS://A.EXAMPLE:443" is the origin https://a.example (INT-ORIGIN-2),
// under which the client frames are served.
func (ft *fuzzTarget) Open(ctx context.Context, origin string) (driver.Client, error) {
	if ft.Spec.DriverName() == target.DriverBrowser {
		origin = serialised(origin)
	}
	return ft.Target.Open(ctx, origin)
}

// serialised is origin as a browser serialises it (itself when it does not
// parse: the driver then says it cannot present it).
func serialised(origin string) string {
	if o, err := allowlist.NormalizeOrigin(origin); err == nil {
		return o
	}
	return origin
}

// presentThroughBrowser makes a browser-driven spec serve its client frames
// under the origins sessions present (declared origins that are not the
// profile's: a fuzz session's neighbours of them, a replayed session's
// origins); other drivers present any origin as it is.
func presentThroughBrowser(s *target.Spec, origins []string) {
	if s.DriverName() == target.DriverBrowser {
		s.Present = origins
	}
}

// targetExit is the exit code of a failure to open the target.
func targetExit(err error) int {
	if errors.Is(err, target.ErrUsage) {
		return exitUsage
	}
	return exitUnreachable
}

// checkOutDir makes sure findings can be written into dir before a run
// starts: it creates the directory and a file in it, then removes the file.
func checkOutDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--out %s: %w", dir, err)
	}
	if err := writableDir(dir); err != nil {
		return fmt.Errorf("--out %s: %w", dir, err)
	}
	return nil
}
