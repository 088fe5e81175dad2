package fuzz

import (
	"testing"

	"scapi-conformance/contract/requirements"
)

func TestEveryCitedRequirementIsRegistered(t *testing.T) {
	for _, id := range allReqs {
		if _, ok := requirements.Lookup(id); !ok {
			t.Errorf("the fuzzer cites requirement %q, which contract/requirements does not register", id)
		}
	}
}
