package userdata

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		value     string
		all       bool
		keys      []string
		canonical string
	}{
		{"", false, nil, ""},
		{" \t", false, nil, ""},
		{"*", true, nil, "*"},
		{" Key1 ,\tKey2\n", false, []string{"Key1", "Key2"}, "Key1,Key2"},
		{"Key1,Key1,key1", false, []string{"Key1", "key1"}, "Key1,key1"},
		{"Key1,*", true, []string{"Key1"}, "*"},
		{"My Key, Key*", false, []string{"My Key", "Key*"}, "My Key,Key*"},
	}
	for _, c := range cases {
		k, err := Parse(c.value)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.value, err)
			continue
		}
		if k.AllowsAll() != c.all || !reflect.DeepEqual(k.List(), c.keys) || k.String() != c.canonical {
			t.Errorf("Parse(%q) = all %v keys %q canonical %q; want %v %q %q", c.value, k.AllowsAll(), k.List(), k.String(), c.all, c.keys, c.canonical)
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ value, err string }{
		{",", `user-data key list: byte offset 0: expected a user-data key or '*', found ','`},
		{"Key1,", `user-data key list: byte offset 5: expected a user-data key or '*', found end of value`},
		{"Key1, ,Key2", `user-data key list: byte offset 6: expected a user-data key or '*', found ','`},
		{"Key1,,Key2", `user-data key list: byte offset 5: expected a user-data key or '*', found ','`},
	}
	for _, c := range cases {
		_, err := Parse(c.value)
		if err == nil || err.Error() != c.err {
			t.Errorf("Parse(%q) error\n got %v\nwant %s", c.value, err, c.err)
		}
		if _, ok := err.(*ParseError); !ok {
			t.Errorf("Parse(%q) error type %T", c.value, err)
		}
	}
}

func TestFilter(t *testing.T) {
	k, _ := Parse("a,b")
	in := map[string]any{"a": 1, "c": 3, "d": nil}
	if got := k.Filter(in); !reflect.DeepEqual(got, map[string]any{"a": 1}) {
		t.Errorf("Filter = %v", got)
	}
	if len(in) != 3 {
		t.Error("Filter modified its input")
	}
	if k.Filter(nil) != nil {
		t.Error("Filter(nil) is not nil")
	}
	if got := k.Filter(map[string]any{}); got == nil || len(got) != 0 {
		t.Errorf("Filter(empty) = %#v", got)
	}
	var none Keys
	if none.Allows("a") || len(none.Filter(in)) != 0 {
		t.Error("zero Keys allows something")
	}
}
