package conformance

import (
	"reflect"
	"testing"

	"github.com/onsi/gomega"

	"scapi-conformance/contract/requirements"
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
