package runner_test

import (
	"context"
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
