package interp_test

import (
	"strings"
	"testing"

	"scapi-conformance/contract/interp"
	"scapi-conformance/contract/requirements"
)

// Every interpretation id a requirement names is registered, whatever its
// area, and every registered INT-NS / INT-EVENT one is named by some
// requirement (the other areas are also cited by the catalog and the parsers).
func TestNamespaceInterpretationsReferenced(t *testing.T) {
	named := map[string]bool{}
	for _, r := range requirements.All() {
		for _, id := range r.Interpretations {
			named[id] = true
			if _, ok := interp.Lookup(id); !ok {
				t.Errorf("requirement %s names unknown interpretation %s", r.ID, id)
			}
		}
	}
	for _, i := range interp.All() {
		if (strings.HasPrefix(i.ID, "INT-NS-") || strings.HasPrefix(i.ID, "INT-EVENT-")) && !named[i.ID] {
			t.Errorf("interpretation %s is named by no requirement", i.ID)
		}
	}
}
