package fuzz

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
)

// TestDataCache: a remembered decode answers what json.Unmarshal answers,
// the first time and again, and the cache empties itself at its budget.
func TestDataCache(t *testing.T) {
	var c dataCache[[]struct{ OperationName, Type string }]
	for _, data := range []string{
		`[{"operationName":"Ready","type":"READY"}]`,
		`[{"OPERATIONNAME":"Ready","type":1}]`,
		`{"operationName":"Ready"}`,
		`null`,
		``,
	} {
		var want []struct{ OperationName, Type string }
		wantOK := json.Unmarshal([]byte(data), &want) == nil
		for round := range 2 {
			got, ok := c.decode(json.RawMessage(data))
			if ok != wantOK || (ok && !reflect.DeepEqual(got, want)) {
				t.Errorf("%s, round %d: %+v %t, json.Unmarshal gives %+v %t", data, round, got, ok, want, wantOK)
			}
		}
	}
	var s dataCache[[]string]
	for i := range 70 {
		s.decode(json.RawMessage(fmt.Sprintf(`["%0*d"]`, dataCacheBudget/64-4, i)))
	}
	if s.bytes > dataCacheBudget {
		t.Errorf("%d bytes held, budget %d", s.bytes, dataCacheBudget)
	}
}
