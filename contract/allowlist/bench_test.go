package allowlist

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParseFourServers parses the documented four-server value.
func BenchmarkParseFourServers(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Parse(fourServers); err != nil {
			b.Fatal(err)
		}
	}
}

// fiftyOrigins is a 50-entry list, one in three filtered.
func fiftyOrigins() string {
	var entries []string
	for i := range 50 {
		e := fmt.Sprintf("https://app%02d.example.com:8443", i)
		if i%3 == 0 {
			e += " (agent.*, voice.dial, interaction.setUserData)"
		}
		entries = append(entries, e)
	}
	return strings.Join(entries, ", ")
}

// BenchmarkDecideFiftyOrigins matches the last origin of a 50-origin list.
func BenchmarkDecideFiftyOrigins(b *testing.B) {
	l := MustParse(fiftyOrigins())
	b.ReportAllocs()
	for b.Loop() {
		if !l.Decide("https://APP48.example.com:8443", "interaction.setUserData").Allowed {
			b.Fatal("refused")
		}
	}
}

// BenchmarkDecideFiftyOriginsUnlisted matches an origin no entry names.
func BenchmarkDecideFiftyOriginsUnlisted(b *testing.B) {
	l := MustParse(fiftyOrigins())
	b.ReportAllocs()
	for b.Loop() {
		if l.Decide("https://intruder.example.com", "voice.dial").Allowed {
			b.Fatal("allowed")
		}
	}
}

// BenchmarkParseFiftyOrigins parses the 50-origin list.
func BenchmarkParseFiftyOrigins(b *testing.B) {
	v := fiftyOrigins()
	b.ReportAllocs()
	b.SetBytes(int64(len(v)))
	for b.Loop() {
		if _, _, err := Parse(v); err != nil {
			b.Fatal(err)
		}
	}
}
