package runner

import (
	"context"
	"fmt"
	"io"
	"strings"

	"scapi-conformance/internal/preflight"
	"scapi-conformance/internal/target"
)

// runPreflight checks the basics before the specs and prints them. A target
// that answers but accepts none of the suite's client origins stops the run
// (ErrUsage, exit 2) with what to configure: every spec would fail on the
// configuration, not on the Workspace. Other broken basics are printed and
// the run goes on: the calls that meet them fail at once with the diagnosis.
// The report says how the target identified itself, for the run's result.
func runPreflight(ctx context.Context, t *target.Target, out io.Writer) (*preflight.Report, error) {
	r, err := preflight.Run(ctx, preflight.Of(t))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, t.Name(), err)
	}
	r.Write(out)
	if r.NoOriginAccepted() {
		return r, usagef("the target accepts none of the suite's %d client origins, so every spec would fail on its configuration: %s",
			len(r.Origins), r.Check(preflight.CheckOrigins).Fix)
	}
	return r, nil
}

// preflightKey names the preflight's outcome in the reports' target build.
const preflightKey = "preflight"

// summary is the preflight's outcome in one line: the broken basics with
// their diagnosis, or that all hold.
func summary(r *preflight.Report) string {
	var broken []string
	for _, c := range r.Broken() {
		broken = append(broken, c.Name+" BROKEN: "+c.Detail)
	}
	if len(broken) == 0 {
		return "every basic holds (answers, reply envelope, subscribe acknowledgement, client origins)"
	}
	return strings.Join(broken, "; ")
}
