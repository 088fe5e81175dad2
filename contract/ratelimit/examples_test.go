package ratelimit

import (
	"testing"
	"time"

	"scapi-conformance/contract/options"
)

// t0 is a minute boundary, where strict windows start (INT-RATE-3).
var t0 = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// documented is the sample configuration of Security configuration > Rate Limit.
var documented = map[string]string{
	options.RateLimit:                        "0",
	options.RateLimitPrefix + "voice.dial":   "4",
	options.RateLimitPrefix + "email.create": "2",
}

// TestDocumentedSample: "there are no limits globally, but voice.dial requests
// are limited to 4 requests per minute and email.create requests are limited
// to 2 requests per minute", then the quarantine of 30 s (the default).
func TestDocumentedSample(t *testing.T) {
	c, err := ParseOptions(documented)
	if err != nil {
		t.Fatal(err)
	}
	m := NewModel(c)
	steps := []struct {
		request string
		at      time.Duration
		want    Action
	}{
		{"voice.dial", 0, Run},
		{"voice.dial", time.Second, Run},
		{"voice.dial", 2 * time.Second, Run},
		{"voice.dial", 3 * time.Second, Run},
		{"voice.dial", 4 * time.Second, Reject},   // the first request after the limit is reached
		{"voice.dial", 5 * time.Second, Ignore},   // further requests of the same type are ignored
		{"email.create", 5 * time.Second, Run},    // its own counter
		{"email.create", 6 * time.Second, Run},    //
		{"email.create", 7 * time.Second, Reject}, // limit 2
		{"agent.getState", 8 * time.Second, Run},  // no global limit
		{"voice.dial", 33 * time.Second, Ignore},  // 29 s after the rejection: still in quarantine
		{"voice.dial", 34 * time.Second, Reject},  // quarantine over, same minute: limit still reached (INT-RATE-4)
		{"voice.dial", 63 * time.Second, Ignore},  // the new quarantine outlasts the minute
		{"voice.dial", 64 * time.Second, Run},     // new quarantine over, new minute
	}
	for i, s := range steps {
		got := m.Decide(s.request, t0.Add(s.at))
		if got.Action != s.want {
			t.Fatalf("step %d: %s at +%v = %v, want %v", i, s.request, s.at, got.Action, s.want)
		}
		if s.want == Reject && got.Message != Message(s.request, 30*time.Second) {
			t.Errorf("step %d: message %q", i, got.Message)
		}
	}
}

// TestDocumentedMessage is the documented errorMessage, verbatim.
func TestDocumentedMessage(t *testing.T) {
	const want = "The rate limit for the request 'voice.dial' has been reached.\nFurther requests of the same type will be ignored for 30 seconds."
	if got := Message("voice.dial", 30*time.Second); got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
}

// TestDocumentedDefaults: rate-limit 0 (unlimited), quarantine 30 s.
func TestDocumentedDefaults(t *testing.T) {
	c, err := ParseOptions(nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Global != 0 || c.QuarantineDelay != 30*time.Second || len(c.PerRequest) != 0 || !c.Strict() {
		t.Errorf("defaults = %+v", c)
	}
	m := NewModel(c)
	for i := range 1000 {
		if got := m.Decide("voice.dial", t0.Add(time.Duration(i)*time.Millisecond)); got.Action != Run {
			t.Fatalf("request %d: %v with no limit", i, got.Action)
		}
	}
}
