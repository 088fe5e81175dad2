package runner_test

import (
	"context"
	"strings"
	"testing"

	"scapi-conformance/fixtures/server"
)

// unconfiguredTarget is the reference Workspace in fixed mode (no control
// endpoint) with the documented defaults: it accepts no origin.
func unconfiguredTarget(t *testing.T) string {
	srv, err := server.Start(context.Background(), server.Config{Control: server.ControlNone})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv.WebSocketURL()
}

// TestPreflightInReport: the preflight's outcome is part of the target's
// identity in the reports.
func TestPreflightInReport(t *testing.T) {
	o := runScenario(t, "silent")
	if o.res == nil || !strings.HasPrefix(o.res.Target.Build["preflight"], "target answers BROKEN: no usable answer to agent.get") {
		t.Errorf("build %v; want the preflight's broken basic\nstdout:\n%s", o.res, o.stdout)
	}
}
