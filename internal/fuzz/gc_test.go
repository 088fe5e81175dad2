package fuzz

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestTuneGC: TuneGC sets GCPercent and MemoryLimit and restores what was
// set before; a GOGC or GOMEMLIMIT of the environment keeps its setting.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	for _, tc := range []struct {
		gogc, gomemlimit string
		percent          int
		limit            int64
	}{
		{"", "", GCPercent, MemoryLimit},
		{"50", "", 100, MemoryLimit},
		{"", "1GiB", GCPercent, math.MaxInt64},
	} {
		t.Setenv("GOGC", tc.gogc)
		t.Setenv("GOMEMLIMIT", tc.gomemlimit)
		restore := TuneGC()
		percent, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
		debug.SetGCPercent(percent)
		restore()
		if percent != tc.percent || limit != tc.limit {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: percent %d, limit %d; want %d, %d", tc.gogc, tc.gomemlimit, percent, limit, tc.percent, tc.limit)
		}
		if p, l := debug.SetGCPercent(100), debug.SetMemoryLimit(-1); p != 100 || l != math.MaxInt64 {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: restored percent %d, limit %d; want 100, no limit", tc.gogc, tc.gomemlimit, p, l)
		}
	}
}
