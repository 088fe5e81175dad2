package userdata

import (
	"testing"

	"scapi-conformance/contract/interp"
)

func TestInterpretationsAreRegistered(t *testing.T) {
	for _, id := range []string{"INT-UDATA-1", "INT-UDATA-2", "INT-UDATA-3"} {
		if _, ok := interp.Lookup(id); !ok {
			t.Errorf("%s is not registered", id)
		}
	}
}
