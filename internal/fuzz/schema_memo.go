package fuzz

import (
	"encoding/json"
	"slices"
	"strconv"
	"sync"

	"scapi-conformance/contract/wire"
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

// anyReferenceID are the schemas that accept any string as referenceId and
// read nothing else of it (TestAnyReferenceIDSchemas holds them to it): a
// message's verdict against them is the same whichever string it echoes,
// and the referenceIds of a campaign never repeat.
var anyReferenceID = map[string]bool{"envelope.Reply": true, "envelope.ErrorReply": true, "envelope.SubscribeAck": true}

// memoKey is the key of a whole message's verdict against schema: its exact
// bytes, or, for a schema in anyReferenceID and a string referenceId, its
// members (as decoding keeps them, the last of duplicates) with the
// referenceId left out.
func memoKey(schema string, m *wire.Message, doc json.RawMessage) string {
	if _, isString := m.String("referenceId"); !anyReferenceID[schema] || !isString {
		return schema + "\x00" + string(doc)
	}
	names := make([]string, 0, len(m.Fields))
	size := len(schema) + 1
	for k, v := range m.Fields {
		names = append(names, k)
		size += len(k) + len(v) + 8
	}
	slices.Sort(names)
	b := make([]byte, 0, size)
	b = append(append(b, schema...), 1)
	for _, k := range names {
		b = append(strconv.AppendInt(b, int64(len(k)), 10), ':')
		b = append(b, k...)
		if k != "referenceId" {
			b = append(b, m.Fields[k]...) // a JSON value: self-delimiting
		}
		b = append(b, ',')
	}
	return string(b)
}

// reliesOn is schemas.ReliesOn remembered by key (see memoKey).
func reliesOn(key, schema string, doc json.RawMessage) ([]string, error) {
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
