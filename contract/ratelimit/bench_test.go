package ratelimit

import (
	"testing"
	"time"
)

// BenchmarkDecide replays one request per 100 ms of the documented sample.
func BenchmarkDecide(b *testing.B) {
	c, err := ParseOptions(documented)
	if err != nil {
		b.Fatal(err)
	}
	m := NewModel(c)
	now := t0
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(100 * time.Millisecond)
		m.Decide("voice.dial", now)
	}
}
