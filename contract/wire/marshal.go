package wire

import (
	"encoding/json"
	"slices"
	"strconv"
)

// Marshal encodes v exactly as json.Marshal does (map keys sorted, HTML-safe
// escaping, a json.RawMessage compacted), writing itself the generic JSON
// values messages are built from (maps of any, slices of any, strings,
// booleans, ints, nil, a RawMessage holding a plain string) and leaving
// any other value to json.Marshal: the same bytes, without reflection on
// the common path.
func Marshal(v any) ([]byte, error) {
	return appendJSON(make([]byte, 0, 256), v)
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
		if plain(t) {
			return append(append(append(b, '"'), t...), '"'), nil
		}
	case json.RawMessage:
		if len(t) > 1 && t[0] == '"' && t[len(t)-1] == '"' && plain(string(t[1:len(t)-1])) {
			return append(b, t...), nil // an echoed referenceId: already compact
		}
	case map[string]any:
		if t == nil {
			return append(b, "null"...), nil
		}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendJSON(b, k); err != nil {
				return nil, err
			}
			b = append(b, ':')
			if b, err = appendJSON(b, t[k]); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case []any:
		if t == nil {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i, x := range t {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendJSON(b, x); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	}
	enc, err := json.Marshal(v)
	return append(b, enc...), err
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
