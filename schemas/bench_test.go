package schemas_test

import (
	"testing"

	"scapi-conformance/fixtures/golden"
	"scapi-conformance/schemas"
)

func benchmarkFixture(b *testing.B, file, schema string) {
	raw, err := golden.Raw(file)
	if err != nil {
		b.Fatal(err)
	}
	if err := schemas.Validate(schemas.Lenient, schema, raw); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if err := schemas.Validate(schemas.Lenient, schema, raw); err != nil {
			b.Fatal(err)
		}
	}
}

// A typical event: the suite validates every message it receives.
func BenchmarkValidateInteractionEvent(b *testing.B) {
	benchmarkFixture(b, "constructed/interaction-event.json", "event.interaction.RINGING")
}

// The largest documented example (chain of records).
func BenchmarkValidateRecordsRetrieved(b *testing.B) {
	benchmarkFixture(b, "examples/records-retrieved.json", "event.interaction.RECORDS_RETRIEVED")
}

// An invalid document: the cost of collecting every violation.
func BenchmarkValidateInvalid(b *testing.B) {
	doc := []byte(`{"event":"agent","data":{"eventType":"X","mediaState":"Y","reason":1}}`)
	b.ReportAllocs()
	for b.Loop() {
		if schemas.Validate(schemas.Strict, "event.agent.STATE_CHANGED", doc) == nil {
			b.Fatal("valid")
		}
	}
}
