package ratelimit

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"scapi-conformance/contract/options"
)

// FuzzParseOptions: a bad value gives a well-formed *OptionError; a good one
// is a non-negative count that survives formatting, whatever blanks surround
// it.
func FuzzParseOptions(f *testing.F) {
	f.Add("0", "30", "voice.dial", "4")
	f.Add("0", "30", "email.create", "2")
	f.Add("50", "60", "agent.getState", "0")
	f.Add("", "0", "voice", "x")
	f.Add(" 7 ", "2147483648", "sipEndpoint.muteMicrophone", "-1")
	f.Fuzz(func(t *testing.T, global, delay, request, value string) {
		o := map[string]string{options.RateLimit: global, options.QuarantineDelay: delay, options.RateLimitPrefix + request: value}
		c, err := ParseOptions(o)
		if err != nil {
			oe, ok := err.(*OptionError)
			if !ok || oe.Option == "" || oe.Expected == "" || oe.Offset < -1 || oe.Offset > len(oe.Value) || o[oe.Option] != oe.Value {
				t.Fatalf("ParseOptions(%q): malformed error %#v", o, err)
			}
			return
		}
		if c.Global < 0 || c.QuarantineDelay < 0 || c.QuarantineDelay%time.Second != 0 || len(c.PerRequest) > 1 || c.PerRequest[request] < 0 {
			t.Fatalf("ParseOptions(%q) = %+v", o, c)
		}
		formatted := map[string]string{
			options.RateLimit:       " " + strconv.Itoa(c.Global) + "\t",
			options.QuarantineDelay: strconv.Itoa(int(c.QuarantineDelay / time.Second)),
		}
		for r, n := range c.PerRequest {
			formatted[options.RateLimitPrefix+r] = "\n" + strconv.Itoa(n)
		}
		c2, err := ParseOptions(formatted)
		if err != nil || c2.Global != c.Global || c2.QuarantineDelay != c.QuarantineDelay || len(c2.PerRequest) != len(c.PerRequest) || c2.PerRequest[request] != c.PerRequest[request] {
			t.Fatalf("ParseOptions(%q) = %+v, %v; from %q = %+v", formatted, c2, err, o, c)
		}
	})
}

// maxTimeline bounds the bytes of a FuzzModel timeline: 80 requests spanning
// up to 5 hours are enough for windows and quarantines, and keep both the
// executions and the minimisation of new inputs fast.
const maxTimeline = 160

// FuzzModel replays a timeline against the model and the simple model: they
// must agree on every strict outcome; every variant must keep silence only
// inside a quarantine, answer its first request with the message, and (when
// it keeps the count through quarantines) never run more than the limit in a
// window. Each byte pair of timeline is (request index, seconds since the
// previous request).
func FuzzModel(f *testing.F) {
	f.Add(uint8(4), uint8(2), uint8(30), []byte{0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 30})
	f.Add(uint8(0), uint8(2), uint8(0), []byte{0, 0, 1, 0, 1, 0, 1, 0, 2, 200})
	f.Add(uint8(1), uint8(1), uint8(10), []byte{0, 59, 0, 1, 0, 9, 0, 1, 0, 60})
	requests := []string{"voice.dial", "email.create", "agent.getState"}
	f.Fuzz(func(t *testing.T, dialLimit, globalLimit, delay uint8, timeline []byte) {
		if len(timeline) > maxTimeline {
			timeline = timeline[:maxTimeline]
		}
		base := Config{Global: int(globalLimit % 8), PerRequest: map[string]int{}, QuarantineDelay: time.Duration(delay) * time.Second}
		if dialLimit%8 > 0 {
			base.PerRequest["voice.dial"] = int(dialLimit % 8)
		}
		start := t0
		if len(timeline) > 0 {
			start = start.Add(time.Duration(timeline[0]) * time.Second / 4)
		}
		for vi, c := range Variants(base) {
			m := NewModel(c)
			var simple *simpleModel
			if vi == 0 {
				simple = newSimpleModel(c)
			}
			h := history{runs: map[string][]time.Time{}, quarantine: map[string]Outcome{}}
			now := start
			for i := 0; i+1 < len(timeline); i += 2 {
				r := requests[int(timeline[i])%len(requests)]
				now = now.Add(time.Duration(timeline[i+1]) * time.Second)
				out := m.Decide(r, now)
				if simple != nil {
					if want := simple.decide(r, now); want != out.Action {
						t.Fatalf("step %d: %s at %v: model %v, simple model %v (config %+v)", i/2, r, now.Sub(t0), out.Action, want, c)
					}
				}
				h.check(t, c, r, now, out)
			}
		}
	})
}

// history is what checkOutcome remembers of a timeline.
type history struct {
	runs       map[string][]time.Time
	quarantine map[string]Outcome // the last Reject per request
}

// quarantined reports whether r is in the quarantine of its last Reject.
func (h history) quarantined(r string, now time.Time) bool {
	q, ok := h.quarantine[r]
	return ok && (q.Until.IsZero() || now.Before(q.Until))
}

// check checks one outcome against the invariants of its reading.
func (h history) check(t *testing.T, c Config, r string, now time.Time, out Outcome) {
	t.Helper()
	limit, _ := c.Limit(r)
	switch out.Action {
	case Run:
		if h.quarantined(r, now) {
			t.Fatalf("%s at %v: Run during the quarantine %+v", r, now, h.quarantine[r])
		}
		h.runs[r] = append(recent(h.runs[r], now.Add(-time.Minute)), now)
		if c.AfterQuarantine == KeepCount && c.Counting == PerType && limit > 0 {
			since := now.Truncate(time.Minute)
			if c.Window == Anchored {
				since, limit = now.Add(-time.Minute), 2*limit
			}
			if n := countSince(h.runs[r], since); n > limit {
				t.Fatalf("%s at %v: %d runs since %v, more than %d (config %+v)", r, now, n, since, limit, c)
			}
		}
	case Reject:
		if limit == 0 || h.quarantined(r, now) {
			t.Fatalf("%s at %v: Reject with limit %d during quarantine %v", r, now, limit, h.quarantined(r, now))
		}
		if out.Message != Message(r, c.QuarantineDelay) || !strings.HasPrefix(out.Message, MessagePrefix(r)) {
			t.Fatalf("%s: message %q", r, out.Message)
		}
		if c.QuarantineDelay > 0 && !out.Until.Equal(now.Add(c.QuarantineDelay)) || c.QuarantineDelay == 0 && !out.Until.IsZero() {
			t.Fatalf("%s: until %v at %v with delay %v", r, out.Until, now, c.QuarantineDelay)
		}
		h.quarantine[r] = out
	case Ignore:
		if !h.quarantined(r, now) {
			t.Fatalf("%s at %v: Ignore outside a quarantine", r, now)
		}
	}
}

// recent drops the times before since (the runs are in time order).
func recent(ts []time.Time, since time.Time) []time.Time {
	for len(ts) > 0 && ts[0].Before(since) {
		ts = ts[1:]
	}
	return ts
}

func countSince(ts []time.Time, since time.Time) int {
	n := 0
	for _, x := range ts {
		if !x.Before(since) {
			n++
		}
	}
	return n
}
