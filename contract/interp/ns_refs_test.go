package interp_test

import (
	"strings"
	"testing"

	"scapi-conformance/contract/interp"
	"scapi-conformance/contract/requirements"
)

// Every INT-NS / INT-EVENT id a requirement names is registered, and every
// registered one is named by some requirement.
func TestNamespaceInterpretationsReferenced(t *testing.T) {
	named := map[string]bool{}
	for _, r := range requirements.All() {
		for _, id := range r.Interpretations {
			named[id] = true
			if _, ok := interp.Lookup(id); !ok && (strings.HasPrefix(id, "INT-NS-") || strings.HasPrefix(id, "INT-EVENT-")) {
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
