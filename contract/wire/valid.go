package wire

// maxDepth is encoding/json's limit on nested objects and arrays.
const maxDepth = 10000

// Valid reports whether b is one valid JSON value (surrounding white space
// allowed): json.Valid's answer, from one pass without encoding/json's
// scanner. As there, a string may hold any byte but a control character,
// and nesting deeper than 10000 is refused. It keeps the open objects and
// arrays on a stack of its own, not the goroutine's.
func Valid(b []byte) bool {
	end, ok := scanValue(b, skipSpace(b, 0), 0)
	return ok && skipSpace(b, end) == len(b)
}

// scanValue scans the JSON value starting at b[i], inside depth open
// objects and arrays, and returns the index just past it; ok is false when
// no valid value starts there.
func scanValue(b []byte, i, depth int) (end int, ok bool) {
	var small [64]byte
	open := small[:0] // '{' or '[' of each container not closed yet
	for {
		// A value starts at b[i].
		if i >= len(b) {
			return i, false
		}
		ok := true
		switch c := b[i]; {
		case c == '{' || c == '[':
			if depth+len(open) >= maxDepth {
				return i, false
			}
			open = append(open, c)
			if i = skipSpace(b, i+1); i < len(b) && b[i] == closer(c) {
				open, i = open[:len(open)-1], i+1
			} else if c == '{' {
				if i, ok = scanKey(b, i); !ok {
					return i, false
				}
				continue
			} else {
				continue
			}
		case c == '"':
			i, ok = scanString(b, i)
		case c == 't':
			i, ok = literal(b, i, "true")
		case c == 'f':
			i, ok = literal(b, i, "false")
		case c == 'n':
			i, ok = literal(b, i, "null")
		case c == '-' || (c >= '0' && c <= '9'):
			i, ok = scanNumber(b, i)
		default:
			return i, false
		}
		if !ok {
			return i, false
		}
		// A value ended before b[i]: close containers until a comma
		// starts the next value.
		for {
			if len(open) == 0 {
				return i, true
			}
			if i = skipSpace(b, i); i >= len(b) {
				return i, false
			}
			top := open[len(open)-1]
			if b[i] == closer(top) {
				open, i = open[:len(open)-1], i+1
				continue
			}
			if b[i] != ',' {
				return i, false
			}
			i = skipSpace(b, i+1)
			if top == '{' {
				if i, ok = scanKey(b, i); !ok {
					return i, false
				}
			}
			break
		}
	}
}

// closer is the byte that closes the container opened by c.
func closer(c byte) byte {
	if c == '{' {
		return '}'
	}
	return ']'
}

// scanKey scans an object's member name and its colon at b[i], and returns
// where the member's value starts.
func scanKey(b []byte, i int) (int, bool) {
	if i >= len(b) || b[i] != '"' {
		return i, false
	}
	i, ok := scanString(b, i)
	if i = skipSpace(b, i); !ok || i >= len(b) || b[i] != ':' {
		return i, false
	}
	return skipSpace(b, i+1), true
}

// scanString scans the string opening at b[i].
func scanString(b []byte, i int) (int, bool) {
	for i++; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			return i + 1, true
		case c < 0x20:
			return i, false
		case c == '\\':
			if i++; i >= len(b) {
				return i, false
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				for k := 0; k < 4; k++ {
					if i++; i >= len(b) || !isHex(b[i]) {
						return i, false
					}
				}
			default:
				return i, false
			}
		}
	}
	return i, false
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// scanNumber scans the number starting at b[i]:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func scanNumber(b []byte, i int) (int, bool) {
	if b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = digits(b, i)
	default:
		return i, false
	}
	if i < len(b) && b[i] == '.' {
		if j := digits(b, i+1); j > i+1 {
			i = j
		} else {
			return j, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return j, false
		}
		i = j
	}
	return i, true
}

// digits returns the index past the decimal digits starting at b[i].
func digits(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}

// literal scans the literal word starting at b[i].
func literal(b []byte, i int, word string) (int, bool) {
	if len(b)-i < len(word) || string(b[i:i+len(word)]) != word {
		return i, false
	}
	return i + len(word), true
}
