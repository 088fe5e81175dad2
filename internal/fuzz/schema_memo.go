package fuzz

import (
	"encoding/json"
	"slices"
	"sync"

	"scapi-conformance/schemas"
)

// verdict is what schemas.ReliesOn said of one document against one schema.
type verdict struct {
	ids []string
	err error
}

// verdicts remembers schemas.ReliesOn's answers by schema and exact bytes:
// validation is a pure function of the two, and a campaign sees the same
// acknowledgements, replies and events again and again. Its size is bounded
// by memoBudget bytes of keys (emptied when full); each caller gets its own copy of
// the ids.
var verdicts = struct {
	sync.Mutex
	m     map[string]verdict
	bytes int
}{m: map[string]verdict{}}

// memoBudget bounds the bytes of documents verdicts holds.
const memoBudget = 16 << 20

// reliesOn is schemas.ReliesOn remembered by (schema, bytes).
func reliesOn(schema string, doc json.RawMessage) ([]string, error) {
	key := schema + "\x00" + string(doc)
	verdicts.Lock()
	v, ok := verdicts.m[key]
	verdicts.Unlock()
	if ok {
		return slices.Clone(v.ids), v.err
	}
	ids, err := schemas.ReliesOn(schema, doc)
	if len(key) <= memoBudget/64 {
		verdicts.Lock()
		if verdicts.bytes+len(key) > memoBudget {
			verdicts.m, verdicts.bytes = map[string]verdict{}, 0
		}
		verdicts.m[key] = verdict{ids, err}
		verdicts.bytes += len(key)
		verdicts.Unlock()
	}
	return slices.Clone(ids), err
}
