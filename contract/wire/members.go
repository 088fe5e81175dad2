package wire

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// members splits raw, when it is exactly one valid JSON object (surrounding
// white space allowed), into its members as json.Unmarshal into a
// map[string]json.RawMessage would: keys unescaped, the last of duplicate
// keys kept, each value its exact bytes (a sub-slice of raw whose capacity
// ends with it, so an append never writes into raw). ok is false for
// anything else; Decode then asks encoding/json why. It reads raw once,
// checking each member as it goes.
func members(raw []byte) (fields map[string]json.RawMessage, ok bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return nil, false // not an object (null included), or no JSON
	}
	fields = map[string]json.RawMessage{}
	if i = skipSpace(raw, i+1); i < len(raw) && raw[i] == '}' {
		return fields, skipSpace(raw, i+1) == len(raw)
	}
	for {
		if i >= len(raw) || raw[i] != '"' {
			return nil, false
		}
		end, ok := scanString(raw, i)
		if !ok {
			return nil, false
		}
		key, plain := lookupInterned(raw[i:end])
		if !plain {
			key, plain = plainString(raw[i:end])
		}
		if !plain { // escaped (a variable of its own: &key would move key to the heap)
			var unescaped string
			if json.Unmarshal(raw[i:end], &unescaped) != nil {
				return nil, false
			}
			key = unescaped
		}
		if i = skipSpace(raw, end); i >= len(raw) || raw[i] != ':' {
			return nil, false
		}
		i = skipSpace(raw, i+1)
		if end, ok = scanValue(raw, i, 1); !ok {
			return nil, false
		}
		fields[key] = json.RawMessage(raw[i:end:end])
		if i = skipSpace(raw, end); i >= len(raw) {
			return nil, false
		}
		switch raw[i] {
		case '}':
			return fields, skipSpace(raw, i+1) == len(raw)
		case ',':
			i = skipSpace(raw, i+1)
		default:
			return nil, false
		}
	}
}

// skipSpace returns the index of the first byte at or after i that is not
// JSON white space (len(b) when none is).
func skipSpace[T text](b T, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index just past the JSON string starting at b[i]
// (b is valid JSON).
func stringEnd[T text](b T, i int) int {
	for i++; ; i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
}

// numberEnd returns the index just past the number starting at b[i] (b is
// valid JSON).
func numberEnd[T text](b T, i int) int {
	for i < len(b) {
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

// plainString returns the JSON string raw denotes when it needs no
// unescaping: quoted, without a backslash, a control character or an
// invalid UTF-8 sequence (which json.Unmarshal would replace); ok is false
// otherwise.
func plainString[T text](raw T) (s string, ok bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	in := raw[1 : len(raw)-1]
	ascii := true
	for i := 0; i < len(in); i++ {
		if c := in[i]; c == '\\' || c == '"' || c < 0x20 {
			return "", false
		}
		ascii = ascii && in[i] < utf8.RuneSelf
	}
	if !ascii && !validUTF8(in) {
		return "", false
	}
	return string(in), true
}

// validUTF8 is utf8.Valid for bytes or a string.
func validUTF8[T text](in T) bool {
	for i := 0; i < len(in); {
		if in[i] < utf8.RuneSelf {
			i++
			continue
		}
		// A rune is at most 4 bytes: that small a conversion is made on
		// the stack.
		r, size := utf8.DecodeRuneInString(string(in[i:min(i+utf8.UTFMax, len(in))]))
		if r == utf8.RuneError && size == 1 {
			return false
		}
		i += size
	}
	return true
}

// text is what JSON is read from: bytes, or a string whose parts then cost
// no copy.
type text interface{ ~string | ~[]byte }

// lookupInterned returns the string the quoted JSON string raw denotes
// when it is one of the interned ones; ok is false otherwise.
func lookupInterned(raw []byte) (s string, ok bool) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", false
	}
	c, ok := interned[string(raw[1:len(raw)-1])]
	return c.s, ok
}

// interned holds the strings every message repeats (the envelope's keys
// and values, the common keys of data), as strings and boxed as values, so
// that decoding them allocates nothing.
var interned = func() map[string]internedString {
	m := map[string]internedString{}
	for _, s := range []string{
		"request", "parameters", "referenceId", "userAgent", "protocolVersion", "frameId", "event", "data",
		"errorMessage", "subscriptionId", ClientUserAgent, ServerUserAgent, EventSubscribe, EventUnsubscribe,
		"eventType", "interaction", "interactionId", "state", "previousState", "media", "agent", "system",
		"outbound", "markdone", "name", "type", "userData", "parties", "capabilities", "caseId",
		"isConsultation", "isMainCaseInteraction", "isCaseSelected", "isCaseExpanded", "interactionUUID",
		"parentInteractionId", "callUuid", "direction", "callType", "ani", "dnis", "recordingState", "connId",
	} {
		m[s] = internedString{s, s}
	}
	return m
}()

// internedString is a common string and the same boxed.
type internedString struct {
	s     string
	boxed any
}

// EventType returns the eventType member of an event's data as
// json.Unmarshal of data into a struct{ EventType string `json:"eventType"` }
// reads it: "" when data is no object or the member is absent or no
// string. The members are read in place; a case json.Unmarshal decides
// otherwise than by the last member of that exact name holding a plain
// string (a key equal to it but for case, which encoding/json matches too,
// an escaped key or string, a value of another type) is left to it.
func EventType(data json.RawMessage) string {
	if s, sure := eventType(data); sure {
		return s
	}
	var d struct {
		EventType string `json:"eventType"`
	}
	_ = json.Unmarshal(data, &d) // what it could read
	return d.EventType
}

// eventType is EventType's reading in place, in one pass that also checks
// data; sure is false when json.Unmarshal must decide.
func eventType(data []byte) (s string, sure bool) {
	// json.Unmarshal reads nothing from invalid JSON, nor from a value
	// other than an object into a struct: "" then.
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return "", true
	}
	var value []byte // the last eventType member's
	if i = skipSpace(data, i+1); i < len(data) && data[i] == '}' {
		return "", true
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return "", true
		}
		end, ok := scanString(data, i)
		if !ok {
			return "", true
		}
		key := data[i+1 : end-1]
		exact := string(key) == "eventType"
		if bytes.IndexByte(key, '\\') >= 0 || (!exact && bytes.EqualFold(key, []byte("eventType"))) {
			return "", false
		}
		if i = skipSpace(data, end); i >= len(data) || data[i] != ':' {
			return "", true
		}
		i = skipSpace(data, i+1)
		if end, ok = scanValue(data, i, 1); !ok {
			return "", true
		}
		if exact {
			value = data[i:end]
		}
		if i = skipSpace(data, end); i >= len(data) {
			return "", true
		}
		switch data[i] {
		case '}':
			if skipSpace(data, i+1) != len(data) || value == nil {
				return "", true
			}
			return plainString(value)
		case ',':
			i = skipSpace(data, i+1)
		default:
			return "", true
		}
	}
}
