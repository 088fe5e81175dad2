package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"scapi-conformance/internal/runner"
)

// runPlan prints the plan of the run the flags describe, without running a
// spec (run --plan): exit 0, or the usual codes for a usage error or a target
// whose control endpoint does not answer.
func (f *runFlags) runPlan(ctx context.Context, stdout, stderr io.Writer) int {
	if err := runner.Plan(ctx, f.cfg, stdout); err != nil {
		fmt.Fprintf(stderr, "scapi-conformance run --plan: %v\n", err)
		if errors.Is(err, runner.ErrUnreachable) {
			return exitUnreachable
		}
		return exitUsage
	}
	return 0
}
