package framework

import (
	"errors"
	"strings"
	"testing"

	"scapi-conformance/contract/interp"
	"scapi-conformance/schemas"
)

func TestSchemaInterpretationsNameTheLenientReading(t *testing.T) {
	doc := map[string]any{"interactionId": "1", "state": "TALKING", "callType": "Internal"}
	var invalid *schemas.ValidationError
	if err := schemas.Validate(schemas.Strict, "interaction.Interaction", doc); !errors.As(err, &invalid) {
		t.Fatalf("strict validation of callType Internal: %v, want a validation error", err)
	}
	ids := schemaInterpretations(doc, invalid)
	if len(ids) != 1 {
		t.Fatalf("ids = %v, want the one interpretation naming Internal", ids)
	}
	if in, _ := interp.Lookup(ids[0]); !strings.Contains(in.Lenient, "Internal") {
		t.Errorf("%s's lenient reading %q does not name Internal", ids[0], in.Lenient)
	}
}

func TestAt(t *testing.T) {
	doc := map[string]any{"data": map[string]any{"a/b": []any{"x", map[string]any{"~k": "y"}}}}
	for _, tc := range []struct {
		pointer []string
		want    any
	}{
		{[]string{"data", "a~1b", "0"}, "x"},
		{[]string{"data", "a~1b", "1", "~0k"}, "y"},
		{[]string{"data", "a~1b", "2"}, nil},
		{[]string{"data", "missing", "0"}, nil},
		{[]string{"data", "a~1b", "-1"}, nil},
	} {
		if got := at(doc, tc.pointer); got != tc.want {
			t.Errorf("at(%v) = %v, want %v", tc.pointer, got, tc.want)
		}
	}
}
