package fuzz

import (
	"bytes"
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

// memoKey is the key of a document's verdict against schema, built in
// *buf (which it may grow) or doc itself: for a whole
// message (whole) and a schema in blind, its members (as decoding keeps
// them, the last of duplicates), each blind member of its class reduced to
// its name; else the document's bytes, with the user data of an
// interaction reduced to a mark where the schema reads only that it is an
// object (opaqueKey); else its exact bytes.
func memoKey(schema string, e *entry, doc json.RawMessage, whole bool, buf *[]byte) []byte {
	if whole && blind[schema] != nil {
		*buf = blindKey(blind[schema], e.msg, (*buf)[:0])
		return *buf
	}
	if k, ok := opaqueKey(schema, e, doc, whole, (*buf)[:0]); ok {
		*buf = k
		return k
	}
	return doc
}

// userDataIn is where an interaction's user data sits: in a whole message
// (an interaction event), or in a result (an interaction).
var userDataIn = map[bool][]string{true: {"data", "interaction", "userData"}, false: {"userData"}}

// userDataKey is the user data's name as a JSON string spells it.
var userDataKey = []byte(`"userData"`)

// opaque caches opaqueKey's schemas.ReadsOnlyType by schema and
// whole-message-or-result.
var opaque sync.Map // opaqueCase → bool

// opaqueCase is one question opaque answers.
type opaqueCase struct {
	schema string
	whole  bool
}

// opaqueKey is doc (the whole message, or its data) with the user data
// object in it (userDataIn) replaced by a byte no JSON holds, when the
// schema reads only its type (schemas.ReadsOnlyType) and the bytes of that
// object are known for certain: the message's generic value is faithful,
// holds one userData member in all, there, an object, and doc spells the
// name exactly once, as a key: after a { or a comma (so its quote opens a
// string: inside one a quote is escaped) and before a colon. Two documents
// with one key then differ only in that object's members.
func opaqueKey(schema string, e *entry, doc json.RawMessage, whole bool, buf []byte) ([]byte, bool) {
	path := userDataIn[whole]
	known, ok := opaque.Load(opaqueCase{schema, whole})
	if !ok {
		only, err := schemas.ReadsOnlyType(schema, path...)
		known = only && err == nil
		opaque.Store(opaqueCase{schema, whole}, known)
	}
	if !known.(bool) || !e.faithful() {
		return nil, false
	}
	v := e.value
	if !whole {
		v = e.value.(map[string]any)["data"]
	}
	for _, k := range path {
		m, _ := v.(map[string]any)
		if v, ok = m[k]; !ok {
			return nil, false
		}
	}
	if _, ok := v.(map[string]any); !ok {
		return nil, false
	}
	named := 0
	for _, m := range e.members {
		if m.key == "userData" {
			named++
		}
	}
	i := bytes.Index(doc, userDataKey)
	if named != 1 || i < 0 || bytes.Contains(doc[i+1:], userDataKey) {
		return nil, false
	}
	if before := bytes.TrimRight(doc[:i], " \t\n\r"); len(before) == 0 || (before[len(before)-1] != '{' && before[len(before)-1] != ',') {
		return nil, false // not a key's opening quote: "x\"userData" is a string that ends so
	}
	start := skipJSONSpace(doc, i+len(userDataKey))
	if start == len(doc) || doc[start] != ':' {
		return nil, false
	}
	if start = skipJSONSpace(doc, start+1); start == len(doc) || doc[start] != '{' {
		return nil, false
	}
	end := -1
	depth := 0
	outsideStrings(doc, start, func(j int, c byte) bool {
		switch c {
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				end = j + 1
				return false
			}
		}
		return true
	})
	if end < 0 {
		return nil, false
	}
	return append(append(append(buf, doc[:start]...), 1), doc[end:]...), true
}

// skipJSONSpace returns the index of the first byte of b at or after i that
// is not JSON white space.
func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// blindKey is memoKey of a whole message against a schema in blind.
func blindKey(classes map[string]valueClass, m *wire.Message, buf []byte) []byte {
	var nameBuf [16]string
	names := nameBuf[:0]
	for k := range m.Fields {
		names = append(names, k)
	}
	slices.Sort(names)
	b := buf
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
