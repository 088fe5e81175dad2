package framework

import (
	"encoding/json"
	"errors"
	"sort"
	"strconv"
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
// NON-STRICT under the schema interpretations that explain the difference
// (schemaInterpretations).
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
	var invalid *schemas.ValidationError
	if err := schemas.Validate(schemas.Strict, schema, v); errors.As(err, &invalid) {
		for _, id := range schemaInterpretations(v, invalid) {
			ginkgo.AddReportEntry(NonStrictEntry, id)
		}
	}
}

// schemaInterpretations names the INT-SCHEMA interpretations that explain why
// a document valid in lenient mode fails the strict schema: for each
// violation, those whose lenient reading names the offending property and
// value, else those that name the property, else those about the schema's
// namespace; when none is found, every interpretation lenient mode applies.
func schemaInterpretations(doc any, verr *schemas.ValidationError) []string {
	var candidates []interp.Interpretation
	for _, in := range interp.All() {
		if strings.HasPrefix(in.ID, "INT-SCHEMA-") && in.Lenient != "" {
			candidates = append(candidates, in)
		}
	}
	decoded := decodeAny(doc)
	found := map[string]bool{}
	for _, viol := range verr.Violations {
		tokens := strings.Split(viol.Pointer, "/")
		prop := tokens[len(tokens)-1]
		value, _ := at(decoded, tokens[1:]).(string)
		ns, _, _ := strings.Cut(verr.Schema, ".")
		for _, match := range []func(in interp.Interpretation) bool{
			func(in interp.Interpretation) bool {
				return prop != "" && value != "" && strings.Contains(in.Lenient, value) && strings.Contains(in.Topic+in.Lenient, prop)
			},
			func(in interp.Interpretation) bool {
				return prop != "" && strings.Contains(in.Topic+" "+in.Lenient, prop)
			},
			func(in interp.Interpretation) bool { return strings.Contains(in.Topic, ns+".") },
		} {
			n := 0
			for _, in := range candidates {
				if match(in) {
					found[in.ID] = true
					n++
				}
			}
			if n > 0 {
				break
			}
		}
	}
	if len(found) == 0 {
		ids, _ := schemas.Interpretations()
		return ids
	}
	ids := make([]string, 0, len(found))
	for id := range found {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// decodeAny returns a document as generic JSON values.
func decodeAny(doc any) any {
	switch d := doc.(type) {
	case json.RawMessage:
		return Decode(d)
	case []byte:
		return Decode(d)
	}
	return doc
}

// at follows JSON pointer tokens (unescaped) into a decoded document.
func at(doc any, tokens []string) any {
	for _, tok := range tokens {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch d := doc.(type) {
		case map[string]any:
			doc = d[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(d) {
				return nil
			}
			doc = d[i]
		default:
			return nil
		}
	}
	return doc
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
