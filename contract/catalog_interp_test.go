package contract_test

import (
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
