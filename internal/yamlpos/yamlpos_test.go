package yamlpos

import (
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestErrorString(t *testing.T) {
	for _, tc := range []struct {
		err  Error
		want string
	}{
		{Error{File: "f.yaml", Msg: "empty"}, "f.yaml: empty"},
		{Error{File: "f.yaml", Line: 3, Msg: "bad"}, "f.yaml:3: bad"},
		{Error{File: "f.yaml", Line: 3, Column: 7, Msg: "bad"}, "f.yaml:3:7: bad"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%+v.Error() = %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestDecoder(t *testing.T) {
	root, err := Parse("f.yaml", []byte("names: [a, b]\ncount: 3\n"), "names")
	if err != nil {
		t.Fatal(err)
	}
	d := &Decoder{File: "f.yaml"}
	var names []string
	var count string
	d.Mapping(root, "the file", Fields{
		"names": func(n *yaml.Node) { names = d.Strings(n, "names", nil) },
		"count": func(n *yaml.Node) { count = d.String(n, "count") },
	})
	if d.Err != nil || !reflect.DeepEqual(names, []string{"a", "b"}) || count != "3" {
		t.Errorf("decoded %v %q, error %v", names, count, d.Err)
	}

	for _, tc := range []struct{ in, want string }{
		{"names: [a, [b]]\n", `f.yaml:1:12: names[1] must be a string, found a list`},
		{"names: ~\n", `f.yaml:1:8: names must be a list, found nothing`},
		{"names: []\nextra: 1\n", `f.yaml:2:1: unknown key "extra" in the file (known: names)`},
	} {
		root, err := Parse("f.yaml", []byte(tc.in), "names")
		if err != nil {
			t.Fatal(err)
		}
		d := &Decoder{File: "f.yaml"}
		d.Mapping(root, "the file", Fields{"names": func(n *yaml.Node) { d.Strings(n, "names", nil) }})
		if d.Err == nil || d.Err.Error() != tc.want {
			t.Errorf("%q: error %v, want %s", tc.in, d.Err, tc.want)
		}
	}
}
