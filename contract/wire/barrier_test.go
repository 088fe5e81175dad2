package wire_test

import (
	"encoding/json"
	"testing"

	"scapi-conformance/contract/wire"
)

// A barrier is a subscribe whose data is an empty list (not null: a null
// data is a malformed subscribe, answered or not as the target pleases).
func TestNewBarrier(t *testing.T) {
	b, err := json.Marshal(wire.NewBarrier("barrier-1"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"event":"subscribe","data":[],"referenceId":"barrier-1","userAgent":"` + wire.ClientUserAgent + `","protocolVersion":2}`
	if string(b) != want {
		t.Errorf("NewBarrier = %s\nwant %s", b, want)
	}
}
