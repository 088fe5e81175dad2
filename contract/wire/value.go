package wire

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Value decodes the whole message into generic JSON values (for schemas),
// as json.Unmarshal into an any does. A message Decode accepted, whose
// bytes are known valid, is read in one pass without encoding/json's
// scanner (an escaped string is unquoted by json.Unmarshal); a number
// beyond float64 is left to json.Unmarshal, which reports it.
func (m *Message) Value() (any, error) {
	if m.valid {
		// Read from one string copy of the message, every plain string in
		// it (keys and values) is a part of that copy, not an allocation.
		text := string(m.Raw)
		if v, _, ok := generic(text, skipSpace(text, 0), false); ok {
			return v, nil
		}
	}
	var v any
	err := json.Unmarshal(m.Raw, &v)
	return v, err
}

// ValueOf decodes b, when it is exactly one valid JSON value (surrounding
// white space allowed), into generic values in one pass, as a
// json.Decoder (with UseNumber when numbers is true: json.Number instead
// of float64) does; ok is false otherwise, and for a number beyond
// float64: the caller then asks encoding/json, which also says what is
// wrong.
func ValueOf(b []byte, numbers bool) (v any, ok bool) {
	if !Valid(b) {
		return nil, false
	}
	text := string(b) // see Value
	v, _, ok = generic(text, skipSpace(text, 0), numbers)
	return v, ok
}

// generic decodes the value starting at b[i] of the valid JSON b, and
// returns the index just past it; ok is false when it needs encoding/json.
// numbers keeps numbers as json.Number.
func generic(b string, i int, numbers bool) (v any, end int, ok bool) {
	switch b[i] {
	case '{':
		// The members are gathered first, so that the map is made at its
		// size (no growing), and put in order (the last of duplicate keys
		// wins, as in json.Unmarshal).
		var small [16]member
		members := small[:0]
		i = skipSpace(b, i+1)
		for b[i] != '}' {
			end := stringEnd(b, i)
			key, ok := unquote(b[i:end])
			if !ok {
				return nil, 0, false
			}
			i = skipSpace(b, skipSpace(b, end)+1) // past ':'
			var x any
			if x, i, ok = generic(b, i, numbers); !ok {
				return nil, 0, false
			}
			members = append(members, member{key, x})
			if i = skipSpace(b, i); b[i] == ',' {
				i = skipSpace(b, i+1)
			}
		}
		obj := make(map[string]any, len(members))
		for _, m := range members {
			obj[m.key] = m.value
		}
		return obj, i + 1, true
	case '[':
		// Gathered first too, so that the slice is made at its length.
		var small [16]any
		elems := small[:0]
		for i = skipSpace(b, i+1); b[i] != ']'; {
			var x any
			if x, i, ok = generic(b, i, numbers); !ok {
				return nil, 0, false
			}
			elems = append(elems, x)
			if i = skipSpace(b, i); b[i] == ',' {
				i = skipSpace(b, i+1)
			}
		}
		return append(make([]any, 0, len(elems)), elems...), i + 1, true
	case '"':
		end := stringEnd(b, i)
		if c, common := interned[string(b[i+1:end-1])]; common {
			return c.boxed, end, true
		}
		s, ok := unquote(b[i:end])
		return s, end, ok
	case 't':
		return true, i + 4, true
	case 'f':
		return false, i + 5, true
	case 'n':
		return nil, i + 4, true
	}
	end = numberEnd(b, i)
	if numbers {
		return json.Number(b[i:end]), end, true
	}
	if n, small := smallInt(b[i:end]); small {
		return boxedInts[n], end, true
	}
	f, err := strconv.ParseFloat(string(b[i:end]), 64)
	return f, end, err == nil
}

// member is one member of an object being decoded.
type member struct {
	key   string
	value any
}

// boxedInts are the float64 values of the small integers, boxed once.
var boxedInts = func() (out [256]any) {
	for n := range out {
		out[n] = float64(n)
	}
	return out
}()

// smallInt reads a valid JSON number that is a small non-negative integer
// written plainly ("0" to "255"); ok is false for any other.
func smallInt(num string) (n int, ok bool) {
	if len(num) == 0 || len(num) > 3 || (len(num) > 1 && num[0] == '0') {
		return 0, false
	}
	for _, c := range num {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n < len(boxedInts)
}

// unquote returns the JSON string token b decoded as json.Unmarshal does.
func unquote[T text](b T) (string, bool) {
	if s, plain := plainString(b); plain {
		return s, true
	}
	if s, simple := simpleEscapes(b); simple {
		return s, true
	}
	var s string
	return s, json.Unmarshal([]byte(b), &s) == nil
}

// simpleEscapes decodes a quoted JSON string whose escapes are all of one
// character (\" \\ \/ \b \f \n \r \t), without a control character, and
// valid UTF-8 once decoded (an error message quoting a name); ok is false
// for anything else (a \u escape, an invalid byte, which json.Unmarshal
// replaces).
func simpleEscapes[T text](raw T) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	in := raw[1 : len(raw)-1]
	out := make([]byte, 0, len(in))
	for i := 0; i < len(in); i++ {
		switch c := in[i]; {
		case c == '"' || c < 0x20:
			return "", false
		case c != '\\':
			out = append(out, c)
		case i+1 == len(in):
			return "", false // the closing quote is escaped
		default:
			i++
			e := strings.IndexByte("\"\\/bfnrt", in[i])
			if e < 0 {
				return "", false
			}
			out = append(out, "\"\\/\b\f\n\r\t"[e])
		}
	}
	if !utf8.Valid(out) {
		return "", false
	}
	return string(out), true
}
