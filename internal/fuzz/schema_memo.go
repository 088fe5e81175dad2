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

// verdicts remembers schemas.ReliesOn's answers by schema and key (memoKey):
// validation is a pure function of the two, and a campaign sees the same
// acknowledgements, replies and events again and again. Its size is bounded
// by memoBudget bytes of keys (emptied when full); each caller gets its own
// copy of the ids.
var verdicts = struct {
	sync.Mutex
	m     map[string]map[string]verdict // schema → key → verdict
	bytes int
}{m: map[string]map[string]verdict{}}

// memoBudget bounds the bytes of documents verdicts holds.
const memoBudget = 16 << 20

// valueClass is what a schema reads of a member's value.
type valueClass int

// The classes: anyValue, a member no keyword reads (only its presence
// counts); anyString, one whose schema is {"type": "string"}; nonEmpty, one
// whose schema is {"type": "string", "minLength": 1}.
const (
	anyValue valueClass = iota
	anyString
	nonEmpty
)

// holds reports whether the JSON value raw is of the class: any value, a
// string, a string of at least one character (a token longer than its two
// quotes decodes to one: every escape stands for a character).
func (c valueClass) holds(raw json.RawMessage) bool {
	switch c {
	case anyString:
		return len(raw) >= 2 && raw[0] == '"'
	case nonEmpty:
		return len(raw) > 2 && raw[0] == '"'
	}
	return true
}

// blind names, per schema, the members it reads no more of than their
// class (TestBlindMembers proves it from the schema files): a verdict
// against the schema is the same whatever value of the class such a member
// has. They are what changes from one message to the next: the referenceId
// echoed, an error message naming what it refused, a subscription id, a
// success reply's result (which the method's own result schema judges at
// /data).
var blind = map[string]map[string]valueClass{
	"envelope.Reply":        {"referenceId": anyString, "data": anyValue},
	"envelope.ErrorReply":   {"referenceId": anyString, "errorMessage": anyString},
	"envelope.SubscribeAck": {"referenceId": anyString, "subscriptionId": nonEmpty},
}

// memoKey is the key of a whole message's verdict against schema: its exact
// bytes, or, for a schema in blind, its members (as decoding keeps them, the
// last of duplicates), each blind member of its class reduced to its name.
func memoKey(schema string, m *wire.Message, doc json.RawMessage) []byte {
	classes := blind[schema]
	if classes == nil {
		return doc
	}
	var buf [16]string
	names := buf[:0]
	size := 0
	for k, v := range m.Fields {
		names = append(names, k)
		size += len(k) + len(v) + 8
	}
	slices.Sort(names)
	b := make([]byte, 0, size)
	for _, k := range names {
		b = append(strconv.AppendInt(b, int64(len(k)), 10), ':')
		b = append(b, k...)
		if c, ok := classes[k]; ok && c.holds(m.Fields[k]) {
			b = append(b, 1) // no JSON value starts with it
		} else {
			b = append(b, m.Fields[k]...) // a JSON value: self-delimiting
		}
		b = append(b, ',')
	}
	return b
}

// reliesOn is schemas.ReliesOn remembered by schema and key (see memoKey).
func reliesOn(schema string, key []byte, doc json.RawMessage) ([]string, error) {
	verdicts.Lock()
	v, ok := verdicts.m[schema][string(key)]
	verdicts.Unlock()
	if ok {
		return slices.Clone(v.ids), v.err
	}
	ids, err := schemas.ReliesOn(schema, doc)
	if len(key) <= memoBudget/64 {
		verdicts.Lock()
		if verdicts.bytes+len(key) > memoBudget {
			verdicts.m, verdicts.bytes = map[string]map[string]verdict{}, 0
		}
		if verdicts.m[schema] == nil {
			verdicts.m[schema] = map[string]verdict{}
		}
		verdicts.m[schema][string(key)] = verdict{ids, err}
		verdicts.bytes += len(key)
		verdicts.Unlock()
	}
	return slices.Clone(ids), err
}
