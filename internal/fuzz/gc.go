package fuzz

import (
	"math"
	"os"
	"runtime/debug"
)

// GCPercent is the garbage collector's target a campaign runs with: a
// campaign allocates fast and keeps little (one session's record per
// worker, the verdict memo: a live heap of 5-15 MB measured on
// BenchmarkCampaignInProcess), so the heap may grow to 17 times the live
// one between collections, about 100-250 MB. The collector then takes 1%
// of the CPU instead of 6% at 400 (4% less CPU per request, measured on
// BenchmarkCampaignInProcess, alternating the two settings).
const GCPercent = 1600

// MemoryLimit bounds the heap whatever the live heap: close to it, the
// collector runs more often instead of letting the heap grow 17-fold.
const MemoryLimit = 512 << 20

// TuneGC sets the collector to GCPercent and MemoryLimit for a campaign,
// each unless the GOGC or GOMEMLIMIT environment variable chose a setting,
// and returns what restores the previous ones. The fuzz command calls it,
// and so do the throughput benchmarks, which then measure what the command
// does.
func TuneGC() (restore func()) {
	oldPercent, oldLimit := -2, int64(-1)
	if os.Getenv("GOGC") == "" {
		oldPercent = debug.SetGCPercent(GCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" && debug.SetMemoryLimit(-1) == math.MaxInt64 {
		oldLimit = debug.SetMemoryLimit(MemoryLimit)
	}
	return func() {
		if oldPercent != -2 {
			debug.SetGCPercent(oldPercent)
		}
		if oldLimit >= 0 {
			debug.SetMemoryLimit(oldLimit)
		}
	}
}
