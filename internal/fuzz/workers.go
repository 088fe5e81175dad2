package fuzz

import (
	"runtime"

	"scapi-conformance/internal/target"
)

// WebSocketWorkersPerCore is how many sessions a campaign runs at once per
// core, by default, against embedded references over a loopback websocket.
// A session sends one request at a time, and each reply is a chain of
// thread wake-ups across the loopback (the client's write wakes the
// server's reader, the reply the client's): with one worker per core the
// cores sleep between the links. BenchmarkCampaignOverWebSocket on 2 idle
// cores kept 1.7 of them busy with 8 workers against under 1 with 2 or 4;
// the CPU per request is the same with 2 and 8 workers, so on cores other
// work keeps busy they measure alike. 16 workers cost more CPU per request
// than they gain.
const WebSocketWorkersPerCore = 4

// DefaultWorkers is how many sessions a campaign on the target s runs at once
// by default (fuzz --workers): in-process one per core, a session there
// never waiting; over a websocket to embedded references
// WebSocketWorkersPerCore per core; one where OneWorker says why.
func DefaultWorkers(s target.Spec) int {
	switch {
	case OneWorker(s) != "":
		return 1
	case s.DriverName() == target.DriverInProc:
		return runtime.NumCPU()
	}
	return WebSocketWorkersPerCore * runtime.NumCPU()
}

// OneWorker says why a campaign on the target s runs one worker only (""
// when it can run more, each on its own embedded reference).
func OneWorker(s target.Spec) string {
	switch {
	case !s.Embedded():
		return s.Name() + " is one Workspace; sessions run at once on it would disturb each other"
	case s.DriverName() == target.DriverBrowser:
		return "each browser serves its client frames under origins of its own, and a seed's sessions name theirs: one worker"
	}
	return ""
}
