package fuzz

import (
	"testing"

	"scapi-conformance/contract/interp"
	"scapi-conformance/contract/requirements"
)

func TestEveryCitedRequirementIsRegistered(t *testing.T) {
	for _, id := range allReqs {
		if _, ok := requirements.Lookup(id); !ok {
			t.Errorf("the fuzzer cites requirement %q, which contract/requirements does not register", id)
		}
	}
}

// A NON-STRICT finding names interpretations that have a lenient reading.
func TestEveryCitedInterpretationHasALenientReading(t *testing.T) {
	for _, id := range allInts {
		in, ok := interp.Lookup(id)
		if !ok {
			t.Errorf("the fuzzer cites interpretation %q, which contract/interp does not register", id)
		} else if in.Lenient == "" {
			t.Errorf("the fuzzer marks findings NON-STRICT under %s, which has no lenient reading", id)
		}
	}
}
