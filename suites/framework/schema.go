package framework

import (
	"encoding/json"
	"strings"

	"github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/interp"
	"scapi-conformance/contract/wire"
	"scapi-conformance/schemas"
	"scapi-conformance/suites/matchers"
)

// Valid checks a value (a message or decoded JSON) against a named schema. A
// strict run holds it to the strict schema. A lenient run accepts what the
// lenient schema accepts, and when only the lenient one does, reports the spec
// NON-STRICT under the interpretations its lenient pass relies on
// (schemas.ReliesOn: the ids lenient.json records on the replacements used).
func (s *Session) Valid(v any, schema string) {
	ginkgo.GinkgoHelper()
	if m, ok := v.(*wire.Message); ok {
		v = m.Raw
	}
	if s.t.Strict {
		Expect(v).To(matchers.BeValidAgainst(schema))
		return
	}
	Expect(v).To(matchers.BeValidAgainstIn(schemas.Lenient, schema))
	ids, err := schemas.ReliesOn(schema, v)
	Expect(err).NotTo(HaveOccurred(), "%s", schema)
	for _, id := range ids {
		ginkgo.AddReportEntry(NonStrictEntry, id)
	}
}

// ValidMessage checks a message against every schema schemas.ForMessage names
// for it (the oracle validate and the fuzzer use too); answers is the wire
// request name it answers, wire.EventSubscribe for a subscribe, "" for an
// event. What makes the message undocumented fails the spec.
func (s *Session) ValidMessage(m *wire.Message, answers string) {
	ginkgo.GinkgoHelper()
	checks, violations := schemas.ForMessage(m, answers)
	Expect(violations).To(BeEmpty(), "%s", matchers.Describe(m))
	for _, c := range checks {
		if c.Pointer == "" {
			s.Valid(m, c.Schema)
		} else {
			s.Valid(m.Fields[strings.TrimPrefix(c.Pointer, "/")], c.Schema)
		}
	}
}

// Decode decodes raw JSON into generic values (nil for absent or invalid).
func Decode(raw json.RawMessage) any {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return nil
	}
	return v
}

// JSONText encodes a decoded value back to JSON text, for substring checks on
// results whose shape the documentation leaves open.
func JSONText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// Holds judges a check decided by an interpretation: when the interpretation
// has a lenient reading, the outcome is a Deviation (strict fails, lenient
// reports NON-STRICT); when it only records a decision, the check must hold
// in every mode.
func (s *Session) Holds(interpID string, ok bool) {
	ginkgo.GinkgoHelper()
	in, known := interp.Lookup(interpID)
	if !known || in.Lenient != "" {
		s.Deviation(interpID, ok)
		return
	}
	Expect(ok).To(BeTrue(), "%s (%s): %s", in.ID, in.Topic, in.Strict)
}
