package wire

import (
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Marshal encodes v exactly as json.Marshal does (map keys sorted, HTML-safe
// escaping, invalid UTF-8 replaced, a json.RawMessage compacted), writing
// itself the generic JSON values messages are built from (maps of any or of
// strings, slices of any, of strings or of maps, strings, booleans, ints,
// nil, a RawMessage holding a plain string) and leaving any other value to
// json.Marshal: the same bytes, without reflection on the common path.
func Marshal(v any) ([]byte, error) {
	return appendJSON(make([]byte, 0, 512), v)
}

// appendJSON appends v as json.Marshal encodes it.
func appendJSON(b []byte, v any) ([]byte, error) {
	switch t := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case bool:
		return strconv.AppendBool(b, t), nil
	case int:
		return strconv.AppendInt(b, int64(t), 10), nil
	case string:
		return appendString(b, t), nil
	case json.RawMessage:
		if len(t) > 1 && t[0] == '"' && t[len(t)-1] == '"' && plain(string(t[1:len(t)-1])) {
			return append(b, t...), nil // an echoed referenceId: already compact
		}
	case map[string]any:
		if t == nil {
			return append(b, "null"...), nil
		}
		var buf [16]string
		b = append(b, '{')
		for i, k := range sortedKeys(buf[:0], t) {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(appendString(b, k), ':')
			var err error
			if b, err = appendJSON(b, t[k]); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case map[string]string:
		if t == nil {
			return append(b, "null"...), nil
		}
		var buf [16]string
		b = append(b, '{')
		for i, k := range sortedKeys(buf[:0], t) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(append(appendString(b, k), ':'), t[k])
		}
		return append(b, '}'), nil
	case []any:
		return appendArray(b, t, appendJSON)
	case []string:
		return appendArray(b, t, func(b []byte, s string) ([]byte, error) { return appendString(b, s), nil })
	case []map[string]any:
		return appendArray(b, t, func(b []byte, m map[string]any) ([]byte, error) { return appendJSON(b, m) })
	}
	enc, err := json.Marshal(v)
	return append(b, enc...), err
}

// sortedKeys appends the keys of m to keys (a caller's buffer, so that a
// small map's keys need no allocation) in the order json.Marshal writes them.
func sortedKeys[V any](keys []string, m map[string]V) []string {
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// plain reports whether json.Marshal writes s between quotes unchanged:
// printable ASCII without a quote, a backslash or an HTML-escaped <, > or &.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

// appendString appends s quoted as json.Marshal writes a string: the
// quote and the backslash escaped, \b \f \n \r \t by name, any other
// control character and the HTML-sensitive <, > and & as \u00XX, U+2028 and
// U+2029 as \u2028 and \u2029, and each byte of an invalid UTF-8 sequence as
// \ufffd.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

// appendArray appends the JSON array of xs (null for a nil slice), each
// element written by elem.
func appendArray[T any](b []byte, xs []T, elem func([]byte, T) ([]byte, error)) ([]byte, error) {
	if xs == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = elem(b, x); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}
