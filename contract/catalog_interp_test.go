package contract_test

import (
	"strings"
	"testing"

	"scapi-conformance/contract"
	"scapi-conformance/contract/interp"
)

// Every interpretation a catalog difference cites is registered.
func TestDifferencesCiteRegisteredInterpretations(t *testing.T) {
	for _, m := range contract.Catalog() {
		for _, d := range m.Differences {
			if d.Interpretation == "" {
				continue
			}
			if _, ok := interp.Lookup(d.Interpretation); !ok {
				t.Errorf("%s cites unregistered interpretation %s", m.Request(), d.Interpretation)
			}
		}
	}
}

// Every catalog interpretation is cited by at least one method.
func TestCatalogInterpretationsAreCited(t *testing.T) {
	cited := map[string]bool{}
	for _, m := range contract.Catalog() {
		for _, d := range m.Differences {
			cited[d.Interpretation] = true
		}
	}
	for _, i := range interp.All() {
		if strings.HasPrefix(i.ID, "INT-CAT-") && !cited[i.ID] {
			t.Errorf("%s is cited by no catalog entry", i.ID)
		}
	}
}
