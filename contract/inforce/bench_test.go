package inforce

import (
	"testing"

	"scapi-conformance/contract/allowlist"
)

const benchOrigins = "https://app.example.com (*, auth.getJwtToken), https://other.example.com (agent.*, voice.dial)"

// BenchmarkDecideParsingEachTime is the allow-list deciding with the client
// origin parsed on every call (allowlist.List.Decide).
func BenchmarkDecideParsingEachTime(b *testing.B) {
	l := allowlist.MustParse(benchOrigins)
	b.ReportAllocs()
	for b.Loop() {
		if !l.Decide("https://other.example.com", "voice.dial").Allowed {
			b.Fatal("refused")
		}
	}
}

// BenchmarkDecideOriginParsedOnce is the same decision through Origins,
// which parses each client origin once.
func BenchmarkDecideOriginParsedOnce(b *testing.B) {
	o := NewOrigins(allowlist.MustParse(benchOrigins))
	b.ReportAllocs()
	for b.Loop() {
		if !o.Decide("https://other.example.com", "voice.dial").Allowed {
			b.Fatal("refused")
		}
	}
}
