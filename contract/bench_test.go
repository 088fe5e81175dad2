package contract

import "testing"

// Lookup and LookupWire run once per request the suite sends or the
// reference Workspace receives.
func BenchmarkLookupWire(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := LookupWire("sipEndpoint.unmuteSpeaker"); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkCatalog(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Catalog()
	}
}
