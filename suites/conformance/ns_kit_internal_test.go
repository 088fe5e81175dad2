package conformance

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/onsi/gomega"

	"scapi-conformance/contract/interp"
	"scapi-conformance/contract/requirements"
	"scapi-conformance/schemas"
)

// Every row of the 001 outbound preview table is crossed by some path of its
// mode, so no documented row goes untested.
func TestPreviewPathsCrossEveryRow(t *testing.T) {
	crossed := map[string]bool{}
	for _, mode := range requirements.PreviewModes {
		for _, p := range nsPreviewPaths(mode) {
			for _, id := range nsPreviewRowIDs(mode, p.uiEvents...) {
				crossed[id] = true
			}
		}
	}
	for _, r := range requirements.PreviewTable() {
		if !crossed[r.ID] {
			t.Errorf("%s (%s | %s) is crossed by no path", r.ID, r.UIEvent, r.EventType)
		}
	}
}

func TestHelpersAgree(t *testing.T) {
	helpers := func(lead, follow, neg, either bool) map[string]bool {
		return map[string]bool{"system.isFrameLeading": lead, "system.isFrameFollowing": follow,
			"system.isFrameNegotiating": neg, "system.isFrameLeadingOrNegotiating": either}
	}
	for _, tc := range []struct {
		name       string
		h          map[string]bool
		frameState string
		want       bool
	}{
		{"leading", helpers(true, false, false, true), "LEADING", true},
		{"following", helpers(false, true, false, false), "FOLLOWING", true},
		{"negotiating", helpers(false, false, true, true), "NEGOTIATING", true},
		{"union wrong", helpers(true, false, false, false), "LEADING", false},
		{"leading but says following", helpers(true, false, false, true), "FOLLOWING", false},
		{"two states at once", helpers(true, true, false, true), "", false},
		{"no state", helpers(false, false, false, false), "", false},
		{"one state, none announced", helpers(false, true, false, false), "", true},
	} {
		if got := nsHelpersAgree(tc.h, tc.frameState); got != tc.want {
			t.Errorf("%s: nsHelpersAgree = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestSchemaInterpretationsNameTheLenientReading(t *testing.T) {
	doc := map[string]any{"interactionId": "1", "state": "TALKING", "callType": "Internal"}
	var invalid *schemas.ValidationError
	if err := schemas.Validate(schemas.Strict, "interaction.Interaction", doc); !errors.As(err, &invalid) {
		t.Fatalf("strict validation of callType Internal: %v, want a validation error", err)
	}
	ids := nsSchemaInterpretations(doc, invalid)
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
		if got := nsAt(doc, tc.pointer); got != tc.want {
			t.Errorf("nsAt(%v) = %v, want %v", tc.pointer, got, tc.want)
		}
	}
}

// getOption results are read the same in both shapes INT-SCHEMA-1 admits
// (the strict object and the lenient Section array).
func TestSectionsReadsBothShapes(t *testing.T) {
	gomega.RegisterTestingT(t)
	want := map[string]map[string]any{
		"interaction-workspace": {"voice.auto-answer": "true"},
		"CustomSection":         {"option.custom.customer.code": "42"},
	}
	array := []any{
		map[string]any{"name": "voice.auto-answer", "value": "true"},
		map[string]any{"name": "CustomSection/option.custom.customer.code", "value": "42"},
	}
	object := map[string]any{
		"interaction-workspace": map[string]any{"voice.auto-answer": "true"},
		"CustomSection":         map[string]any{"option.custom.customer.code": "42"},
	}
	for name, data := range map[string]any{"Section[]": array, "object by section": object} {
		if got := nsSections(data); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: nsSections = %v, want %v", name, got, want)
		}
	}
}
