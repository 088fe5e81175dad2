// Package ratelimit is the oracle of the service-client-api rate-limit options:
// their parser and a model of the documented fixed one-minute windows and
// quarantine, which says for each request of a timeline whether Workspace runs
// it, answers it with the documented error message, or ignores it silently.
//
// Source: Security configuration > Rate Limit (documents 001 and 000). The
// points the documentation leaves open are INT-RATE-1 … INT-RATE-n in
// contract/interp/rate.go; Config carries the lenient variants so that a spec
// can tell a strict result from a NON-STRICT one (see Variants).
package ratelimit

import (
	"time"
)

// Counting says how the global rate-limit counts requests (INT-RATE-1).
type Counting int

const (
	// PerType counts each request type separately against the global limit
	// (strict).
	PerType Counting = iota
	// Shared counts all requests without their own limit together (lenient).
	Shared
)

// Window says where the fixed one-minute windows start (INT-RATE-3).
type Window int

const (
	// Aligned windows are the minutes of the clock (strict).
	Aligned Window = iota
	// Anchored windows start at the first request counted after the previous
	// window ended (lenient).
	Anchored
)

// AfterQuarantine says what the count is once a quarantine ends (INT-RATE-4).
type AfterQuarantine int

const (
	// KeepCount keeps the count of the current window, so the first request
	// after the quarantine, if still in the same window, gets the error reply
	// again and starts a new quarantine: never more than the limit per minute
	// (strict).
	KeepCount AfterQuarantine = iota
	// ResetCount starts counting from zero when the quarantine ends (lenient;
	// with a quarantine shorter than the window it lets more than the limit
	// run in one minute).
	ResetCount
)

// Config is the parsed rate-limit configuration plus the reading of the
// undocumented points.
type Config struct {
	// Global is service-client-api.rate-limit: requests per minute, 0 = unlimited.
	Global int
	// PerRequest maps a request name (as on the wire) to its
	// rate-limit.<request> value (values of 0 are left out: the global limit
	// applies, INT-RATE-2).
	PerRequest map[string]int
	// QuarantineDelay is how long a limited request type is ignored; 0 means
	// forever.
	QuarantineDelay time.Duration
	Counting        Counting
	Window          Window
	AfterQuarantine AfterQuarantine
}

// Limit returns the per-minute limit that applies to request (0 = unlimited)
// and whether it is the request's own limit: a positive rate-limit.<request>
// wins over the global one, larger or smaller (INT-RATE-2).
func (c Config) Limit(request string) (limit int, own bool) {
	if n := c.PerRequest[request]; n > 0 {
		return n, true
	}
	return c.Global, false
}

// Strict reports whether c uses the strict reading of every interpretation.
func (c Config) Strict() bool {
	return c.Counting == PerType && c.Window == Aligned && c.AfterQuarantine == KeepCount
}

// Variants returns c under every combination of readings, the strict one
// first: a spec that observes a target matching only a later variant reports
// NON-STRICT with the interpretation ids that variant departs from.
func Variants(c Config) []Config {
	var out []Config
	for _, q := range []AfterQuarantine{KeepCount, ResetCount} {
		for _, w := range []Window{Aligned, Anchored} {
			for _, n := range []Counting{PerType, Shared} {
				v := c
				v.Counting, v.Window, v.AfterQuarantine = n, w, q
				out = append(out, v)
			}
		}
	}
	return out
}

// Departures lists the interpretation ids on which c departs from the strict
// reading (empty for the strict Config).
func (c Config) Departures() []string {
	var ids []string
	if c.Counting != PerType {
		ids = append(ids, "INT-RATE-1")
	}
	if c.Window != Aligned {
		ids = append(ids, "INT-RATE-3")
	}
	if c.AfterQuarantine != KeepCount {
		ids = append(ids, "INT-RATE-4")
	}
	return ids
}
