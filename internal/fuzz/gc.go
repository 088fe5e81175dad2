package fuzz

import (
	"os"
	"runtime/debug"
)

// GCPercent is the garbage collector's target a campaign runs with: a
// campaign allocates fast and keeps little (one session's record per
// worker, the verdict memo), so collecting at four times the live heap
// instead of twice spends a tenth less CPU per request (measured on
// BenchmarkCampaignInProcess) for a heap of tens of megabytes.
const GCPercent = 400

// TuneGC sets the collector to GCPercent for a campaign, unless the GOGC
// environment variable chose a setting, and returns what restores the
// previous one. The fuzz command calls it, and so do the throughput
// benchmarks, which then measure what the command does.
func TuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(GCPercent)
	return func() { debug.SetGCPercent(old) }
}
