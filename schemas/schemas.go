// Package schemas holds the JSON Schemas (draft 2020-12) of every documented
// SCAPI type, envelope and event, embedded and compiled with
// santhosh-tekuri/jsonschema/v5, and validates decoded JSON against them by
// name in a strict or a lenient reading.
//
// The schema files are one per namespace (agent.json, media.json, …) plus
// envelope.json and events.json; their capitalised $defs are the documented
// types. lenient.json replaces single $defs entries in lenient mode, each
// naming the interpretation (package contract/interp) that allows it.
//
// Besides the catalog and the wire envelopes (ForMessage, and wire.ValueOf
// to decode), it depends on nothing else of ours.
package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"scapi-conformance/contract/wire"
)

// Mode selects the reading a document is held to.
type Mode int

// The modes: Strict holds every document to the documented rules; Lenient also
// accepts the readings recorded as interpretations (the documentation's own
// examples that break its rules).
const (
	Strict Mode = iota
	Lenient
)

// String names the mode as the CLI flags do: "strict" or "lenient".
func (m Mode) String() string {
	if m == Lenient {
		return "lenient"
	}
	return "strict"
}

// ErrUnknownSchema is wrapped by the error Validate returns for a name that
// is not a schema.
var ErrUnknownSchema = errors.New("unknown schema")

// Validate checks doc against the named schema. doc is a decoded JSON value
// (any), or raw JSON as json.RawMessage or []byte. It returns nil when doc is
// valid, a *ValidationError listing every violation with its JSON pointer
// when not, and another error for an unknown name or undecodable raw JSON.
func Validate(mode Mode, name string, doc any) error {
	if _, err := compiled(mode, name); err != nil {
		return err
	}
	v, err := decode(doc)
	if err != nil {
		return err
	}
	return validateDecoded(mode, name, v)
}

// validateDecoded is Validate of a document decode returned.
func validateDecoded(mode Mode, name string, v any) error {
	s, err := compiled(mode, name)
	if err != nil {
		return err
	}
	if err := s.Validate(v); err != nil {
		return newValidationError(mode, name, err)
	}
	return nil
}

// decode turns raw JSON into a generic value, keeping numbers exact.
func decode(doc any) (any, error) {
	var raw []byte
	switch d := doc.(type) {
	case json.RawMessage:
		raw = d
	case []byte:
		raw = d
	default:
		// A Go value: round-trip it so that structs and typed maps validate as
		// the JSON they marshal to.
		b, err := json.Marshal(d)
		if err != nil {
			return nil, fmt.Errorf("schemas: document is not JSON: %w", err)
		}
		raw = b
	}
	if v, ok := wire.ValueOf(raw, true); ok { // one pass over a valid document
		return v, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("schemas: invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("schemas: invalid JSON: trailing data at byte offset %d", dec.InputOffset())
	}
	return v, nil
}

// Names returns every schema name, sorted.
func Names() []string {
	names := make([]string, 0, len(registry()))
	for n := range registry() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Has reports whether name is a schema.
func Has(name string) bool {
	_, ok := registry()[name]
	return ok
}
