package ratelimit

import (
	"testing"

	"scapi-conformance/contract/interp"
)

// TestDeparturesAreRegistered: every id a lenient variant reports exists.
func TestDeparturesAreRegistered(t *testing.T) {
	for _, v := range Variants(Config{}) {
		for _, id := range v.Departures() {
			if _, ok := interp.Lookup(id); !ok {
				t.Errorf("variant %+v departs from unregistered %s", v, id)
			}
		}
	}
	for _, id := range []string{"INT-RATE-1", "INT-RATE-2", "INT-RATE-3", "INT-RATE-4", "INT-RATE-5"} {
		if _, ok := interp.Lookup(id); !ok {
			t.Errorf("%s is not registered", id)
		}
	}
}
