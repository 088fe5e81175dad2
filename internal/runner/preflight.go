package runner

import (
	"context"
	"fmt"
	"io"

	"scapi-conformance/internal/preflight"
	"scapi-conformance/internal/target"
)

// runPreflight checks the basics before the specs and prints them. A target
// that answers but accepts none of the suite's client origins stops the run
// (ErrUsage, exit 2) with what to configure: every spec would fail on the
// configuration, not on the Workspace. Other broken basics are printed and
// the run goes on: the calls that meet them fail at once with the diagnosis.
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
