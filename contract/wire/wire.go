// Package wire holds the SCAPI envelopes as they cross the postMessage boundary
// (and, one per text frame, the websocket transport), restated from DESIGN.md.
//
// Messages from a target are kept raw: a conformance suite must see exactly
// what was sent (a missing key, a number where a string was due), so decoding
// never normalises. Typed accessors report whether a field was present and of
// the documented JSON type.
package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Protocol constants of the vendor client library (DESIGN.md, "Wire protocol").
const (
	ClientUserAgent = "WWE Client"
	ServerUserAgent = "WWE Server"
	ProtocolVersion = 2
	// MaxMessageBytes bounds every message read from either side; larger ones are
	// refused rather than buffered.
	MaxMessageBytes = 1 << 20
)

// Subscribe and unsubscribe are sent with an "event" key instead of "request".
const (
	EventSubscribe   = "subscribe"
	EventUnsubscribe = "unsubscribe"
)

// Request is a client → service envelope. Parameters is nil when the method
// takes none (the key is then absent, as the vendor client sends it).
type Request struct {
	Request         string `json:"request,omitempty"`
	Event           string `json:"event,omitempty"`
	Parameters      []any  `json:"parameters,omitempty"`
	Data            any    `json:"data,omitempty"`
	ReferenceID     string `json:"referenceId,omitempty"`
	UserAgent       string `json:"userAgent"`
	ProtocolVersion int    `json:"protocolVersion"`
	FrameID         string `json:"frameId,omitempty"`
}

// NewRequest builds a request as the vendor client does.
func NewRequest(name, referenceID string, params []any) Request {
	return Request{Request: name, Parameters: params, ReferenceID: referenceID,
		UserAgent: ClientUserAgent, ProtocolVersion: ProtocolVersion}
}

// NewSubscribe builds a subscribe envelope for one or more event names.
func NewSubscribe(referenceID string, names ...string) Request {
	var data any = names
	if len(names) == 1 {
		data = names[0]
	}
	return Request{Event: EventSubscribe, Data: data, ReferenceID: referenceID,
		UserAgent: ClientUserAgent, ProtocolVersion: ProtocolVersion}
}

// NewBarrier builds a subscribe to no event ("data": []): it changes
// nothing, no rate limit counts it (INT-RATE-2), and its answer (an
// acknowledgement of nothing, or an error reply), one connection keeping its
// order, comes after everything the service sent that client before it.
func NewBarrier(referenceID string) Request {
	return Request{Event: EventSubscribe, Data: []string{}, ReferenceID: referenceID,
		UserAgent: ClientUserAgent, ProtocolVersion: ProtocolVersion}
}

// NewUnsubscribe builds an unsubscribe envelope; no reply is expected.
func NewUnsubscribe(subscriptionID string) Request {
	return Request{Event: EventUnsubscribe, Data: subscriptionID,
		UserAgent: ClientUserAgent, ProtocolVersion: ProtocolVersion}
}

// Kind classifies a service → client message the way the vendor client does.
type Kind int

// The kinds of service → client message.
const (
	KindUnknown Kind = iota // none of the below: the vendor client drops it
	KindReply               // has referenceId, no event, no subscriptionId
	KindAck                 // has referenceId and subscriptionId, no event
	KindEvent               // has event
	KindFrameID             // has frameId and neither event nor referenceId
)

func (k Kind) String() string {
	return [...]string{"unknown", "reply", "subscribe-ack", "event", "frameId"}[k]
}

// Message is one service → client message, raw and decoded one level deep.
type Message struct {
	Raw    json.RawMessage
	Fields map[string]json.RawMessage
	// valid is true when Decode found Raw to be one valid JSON object.
	valid bool
}

// ErrNotObject is returned by Decode for valid JSON that is not an object.
var ErrNotObject = errors.New("message is not a JSON object")

// Decode parses one message. It refuses messages over MaxMessageBytes, invalid
// JSON (with the byte offset) and non-objects.
func Decode(b []byte) (*Message, error) {
	if len(b) > MaxMessageBytes {
		return nil, fmt.Errorf("message of %d bytes exceeds the %d-byte limit", len(b), MaxMessageBytes)
	}
	raw := append(json.RawMessage(nil), b...)
	if fields, ok := members(raw); ok {
		return &Message{Raw: raw, Fields: fields, valid: true}, nil
	}
	return decodeSlowly(raw)
}

// decodeSlowly decodes raw, which members refused, with encoding/json: the
// error says why it is not one JSON object.
func decodeSlowly(raw json.RawMessage) (*Message, error) {
	var fields map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&fields); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("invalid JSON at byte offset %d: %v", se.Offset, err)
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, ErrNotObject
		}
		return nil, fmt.Errorf("invalid JSON: %v", err)
	}
	if fields == nil {
		return nil, ErrNotObject
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("invalid JSON at byte offset %d: trailing data after the object", dec.InputOffset())
	}
	return &Message{Raw: raw, Fields: fields}, nil
}

// Has reports whether the key is present (even with a null value).
func (m *Message) Has(key string) bool { _, ok := m.Fields[key]; return ok }

// String returns a string field; ok is false when absent or not a string.
func (m *Message) String(key string) (s string, ok bool) {
	raw, present := m.Fields[key]
	if !present || isNull(raw) {
		return "", false
	}
	if s, common := lookupInterned(raw); common {
		return s, true
	}
	if s, ok := unquote(raw); ok {
		return s, true
	}
	return "", false
}

// isNull reports whether a raw value is JSON null, which json.Unmarshal
// accepts into any Go type without an error.
func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// Int returns an integral number field; ok is false otherwise.
func (m *Message) Int(key string) (n int64, ok bool) {
	raw, present := m.Fields[key]
	if !present || isNull(raw) {
		return 0, false
	}
	if plainInt(raw) { // as JSON writes an integer: json.Unmarshal reads the same
		if n, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
			return n, true
		}
		return 0, false
	}
	var v int64
	if err := json.Unmarshal(raw, &v); err != nil {
		return 0, false
	}
	return v, true
}

// plainInt reports whether raw is an integer as JSON writes it: an
// optional minus, then 0 or digits not starting with 0.
func plainInt(raw []byte) bool {
	if len(raw) > 0 && raw[0] == '-' {
		raw = raw[1:]
	}
	if len(raw) == 0 || (raw[0] == '0' && len(raw) > 1) {
		return false
	}
	for _, c := range raw {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Kind classifies the message as the vendor client would.
func (m *Message) Kind() Kind {
	switch {
	case m.Has("event"):
		return KindEvent
	case m.Has("referenceId") && m.Has("subscriptionId"):
		return KindAck
	case m.Has("referenceId"):
		return KindReply
	case m.Has("frameId"):
		return KindFrameID
	}
	return KindUnknown
}

// ReferenceID returns the referenceId when it is a string.
func (m *Message) ReferenceID() (string, bool) { return m.String("referenceId") }

// ErrorMessage returns errorMessage; present is true when the key exists at all
// (the vendor client treats any reply with the key as a failure).
func (m *Message) ErrorMessage() (msg string, present bool) {
	if !m.Has("errorMessage") {
		return "", false
	}
	s, _ := m.String("errorMessage")
	return s, true
}

// Data returns the raw data field (nil when absent).
func (m *Message) Data() json.RawMessage { return m.Fields["data"] }
