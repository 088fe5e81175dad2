package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"scapi-conformance/internal/runner"
)

// runPlan prints the plan of the run the flags describe, without running a
// spec (run --plan), and writes it as JSON to --json when given: exit 0, or
// the usual codes for a usage error or a target whose control endpoint does
// not answer.
func (f *runFlags) runPlan(ctx context.Context, stdout, stderr io.Writer) int {
	plan, err := runner.Plan(ctx, f.cfg, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "scapi-conformance run --plan: %v\n", err)
		if errors.Is(err, runner.ErrUnreachable) {
			return exitUnreachable
		}
		return exitUsage
	}
	if f.json != "" {
		if err := writeJSONFile(f.json, plan, nil); err != nil {
			fmt.Fprintf(stderr, "scapi-conformance run --plan: --json %s: %v\n", f.json, err)
			return exitUsage
		}
	}
	return exitOK
}

// planOnly says which flag given with --plan asks for what a plan does not
// do ("" when none): a plan runs no spec, so it has no JUnit or HTML report,
// no baseline to apply or write, nothing to repeat.
func (f *runFlags) planOnly() string {
	for _, name := range []string{"junit", "html", "baseline", "write-baseline", "repeat"} {
		if f.set[name] {
			return name
		}
	}
	return ""
}
