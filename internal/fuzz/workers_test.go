package fuzz

import (
	"runtime"
	"strings"
	"testing"

	"scapi-conformance/internal/target"
)

// TestDefaultWorkers: in-process one per core, over websocket to embedded
// references WebSocketWorkersPerCore per core, one (with the reason) for an
// external target and for the browser.
func TestDefaultWorkers(t *testing.T) {
	cores := runtime.NumCPU()
	cases := []struct {
		spec target.Spec
		want int
		why  string
	}{
		{target.Spec{Driver: target.DriverInProc}, cores, ""},
		{target.Spec{}, WebSocketWorkersPerCore * cores, ""},
		{target.Spec{Driver: target.DriverWS, Mutant: "m"}, WebSocketWorkersPerCore * cores, ""},
		{target.Spec{Driver: target.DriverBrowser}, 1, "each browser serves its client frames under origins of its own"},
		{target.Spec{URL: "ws://127.0.0.1:1/scapi"}, 1, "ws://127.0.0.1:1/scapi is one Workspace"},
	}
	for _, c := range cases {
		if got := DefaultWorkers(c.spec); got != c.want {
			t.Errorf("DefaultWorkers(%s) = %d; want %d", c.spec.Name(), got, c.want)
		}
		why := OneWorker(c.spec)
		if (c.why == "") != (why == "") || !strings.Contains(why, c.why) {
			t.Errorf("OneWorker(%s) = %q; want %q", c.spec.Name(), why, c.why)
		}
	}
}
