package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"scapi-conformance/contract/control"
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
// driver's own.
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
