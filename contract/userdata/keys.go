// Package userdata is the oracle of service-client-api.user-data.read-allowed
// and write-allowed: lists of user-data keys a client may read or write
// (default "*", every key).
//
// Source: Security configuration > Attached Data Access (documents 001 and
// 000): "write-allowed specifies the list of keys in user data that can be
// written with interaction.setUserData() or interaction.deleteUserData()";
// "read-allowed specifies the list of keys in user data that can be read. This
// applies in the userData property of the Interaction object returned by a
// function or an event". Example: write-allowed=Key1,Key3,
// read-allowed=Key1,Key2,Key3. The open points are INT-UDATA-1 … n in
// contract/interp/udata.go.
package userdata

import (
	"fmt"
	"strconv"
	"strings"
)

// Wildcard is the value (or list element) that allows every key.
const Wildcard = "*"

// Keys is a parsed key list. The zero value allows no key.
type Keys struct {
	all  bool
	keys []string // in the order written, without duplicates
	set  map[string]bool
}

// ParseError is a malformed key list: at byte Offset, Expected was expected.
type ParseError struct {
	Offset   int
	Expected string
	Found    string
}

// Error implements error.
func (e *ParseError) Error() string {
	return fmt.Sprintf("user-data key list: byte offset %d: expected %s, found %s", e.Offset, e.Expected, e.Found)
}

// Parse parses a comma-separated key list. Blanks around keys are ignored,
// keys are case-sensitive, "*" (alone or as an element) allows every key, an
// empty value allows none (INT-UDATA-1). An empty element is an error.
func Parse(value string) (Keys, error) {
	k := Keys{set: map[string]bool{}}
	if strings.Trim(value, " \t\r\n") == "" {
		return k, nil
	}
	start := 0
	for {
		end := strings.IndexByte(value[start:], ',')
		if end < 0 {
			end = len(value)
		} else {
			end += start
		}
		lo, hi := start, end
		for lo < hi && isBlank(value[lo]) {
			lo++
		}
		for hi > lo && isBlank(value[hi-1]) {
			hi--
		}
		if lo == hi {
			return Keys{}, &ParseError{Offset: lo, Expected: "a user-data key or '*'", Found: found(value, lo)}
		}
		k.add(value[lo:hi])
		if end == len(value) {
			return k, nil
		}
		start = end + 1
	}
}

func (k *Keys) add(key string) {
	if key == Wildcard {
		k.all = true
		return
	}
	if !k.set[key] {
		k.set[key] = true
		k.keys = append(k.keys, key)
	}
}

// AllowsAll reports whether every key is allowed.
func (k Keys) AllowsAll() bool { return k.all }

// List returns the explicit keys in the order written (without "*").
func (k Keys) List() []string { return append([]string(nil), k.keys...) }

// Allows reports whether key may be accessed.
func (k Keys) Allows(key string) bool { return k.all || k.set[key] }

// Filter returns a new map with only the allowed keys of userData (nil for
// nil); userData is not modified.
func (k Keys) Filter(userData map[string]any) map[string]any {
	if userData == nil {
		return nil
	}
	out := make(map[string]any, len(userData))
	for key, v := range userData {
		if k.Allows(key) {
			out[key] = v
		}
	}
	return out
}

// String returns the canonical form: "*" when every key is allowed, else
// the keys joined with ","; Parse(k.String()) allows the same keys.
func (k Keys) String() string {
	if k.all {
		return Wildcard
	}
	return strings.Join(k.keys, ",")
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func found(s string, i int) string {
	if i >= len(s) {
		return "end of value"
	}
	return strconv.QuoteRune(rune(s[i]))
}
