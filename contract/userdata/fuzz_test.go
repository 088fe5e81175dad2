package userdata

import (
	"reflect"
	"strings"
	"testing"
)

// simpleAllows is a deliberately naive second reading of a key list, for
// differential fuzzing: split on commas, trim, compare; a blank value
// allows nothing (INT-UDATA-1).
func simpleAllows(value, key string) bool {
	if strings.Trim(value, " \t\r\n") == "" {
		return false
	}
	for _, k := range strings.Split(value, ",") {
		k = strings.Trim(k, " \t\r\n")
		if k == "*" || k == key {
			return true
		}
	}
	return false
}

// FuzzKeys: errors are well-formed; a valid list round-trips through its
// canonical form, ignores blanks around keys, agrees with the simple reading,
// and Filter keeps exactly the allowed keys.
func FuzzKeys(f *testing.F) {
	for _, s := range [][2]string{
		{"Key1,Key3", "Key1"}, {"Key1,Key2,Key3", "Key2"}, {"*", "Key4"}, {"", "Key1"},
		{"Key1,", "Key1"}, {" Key1 , *", "x"}, {"a,,b", "a"}, {"Key1,Key3", "key1"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, value, key string) {
		k, err := Parse(value)
		if err != nil {
			pe, ok := err.(*ParseError)
			if !ok || pe.Offset < 0 || pe.Offset > len(value) || pe.Expected == "" || pe.Found == "" {
				t.Fatalf("Parse(%q): malformed error %#v", value, err)
			}
			return
		}
		if got, want := k.Allows(key), simpleAllows(value, key); got != want && strings.Trim(key, " \t\r\n") == key {
			t.Fatalf("Parse(%q).Allows(%q) = %v, simple reading %v", value, key, got, want)
		}
		again, err := Parse(k.String())
		if err != nil || again.AllowsAll() != k.AllowsAll() || !k.AllowsAll() && !reflect.DeepEqual(again.List(), k.List()) {
			t.Fatalf("Parse(%q) = %v, %v; from %q = %v", k.String(), again, err, value, k)
		}
		spaced, err := Parse(" " + strings.ReplaceAll(value, ",", "\t,\n ") + "\r")
		if err != nil || spaced.String() != k.String() {
			t.Fatalf("blanks change %q (%v) into %v, %v", value, k, spaced, err)
		}
		ud := map[string]any{key: 1, "Key1": 2, "*": 3}
		filtered := k.Filter(ud)
		for name := range ud {
			if _, kept := filtered[name]; kept != k.Allows(name) {
				t.Fatalf("Filter kept %q = %v, Allows = %v", name, kept, k.Allows(name))
			}
		}
	})
}
