package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestGoFormatRoundTrip(t *testing.T) {
	cases := [][]Value{
		{{Type: "[]byte", Bytes: []byte("{\"request\":\"agent.getState\"}")}},
		{{Type: "[]byte", Bytes: []byte{0, 0xff, '\n', '"'}}},
		{{Type: "string", Bytes: []byte("http://a.example (agent.*)")}, {Type: "string", Bytes: []byte("é✓")}},
		{{Type: "[]byte", Bytes: []byte{}}},
	}
	for _, vals := range cases {
		got, err := ParseGo(FormatGo(vals))
		if err != nil {
			t.Fatalf("%q: %v", FormatGo(vals), err)
		}
		if !reflect.DeepEqual(got, vals) {
			t.Fatalf("round trip of %v gave %v", vals, got)
		}
		for _, f := range []Framing{Headers, Raw} {
			if f == Raw && len(vals) != 1 {
				continue
			}
			b, err := Encode(vals, f)
			if err != nil {
				t.Fatal(err)
			}
			types := make([]string, len(vals))
			for i, v := range vals {
				types[i] = v.Type
			}
			back, err := Decode(b, types, f)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, vals) {
				t.Fatalf("framing %d: %v came back as %v", f, vals, back)
			}
		}
	}
}

func TestHeadersFraming(t *testing.T) {
	b, _ := Encode([]Value{{Type: "string", Bytes: []byte("ab")}, {Type: "[]byte", Bytes: []byte("c")}}, Headers)
	if want := []byte{0, 0, 0, 2, 'a', 'b', 0, 0, 0, 1, 'c'}; !bytes.Equal(b, want) {
		t.Fatalf("got %v, want %v", b, want)
	}
}

func TestErrorsNameWhatAndWhere(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{"go test fuzz v2\n[]byte(\"a\")\n", `line 1: want "go test fuzz v1"`},
		{"go test fuzz v1\n[]byte(\"a\")\nint(3)\n", "line 3: only []byte and string values convert; got int(3)"},
		{"go test fuzz v1\n[]byte(\"a\"\n", "line 2: not a Go literal"},
	}
	for _, c := range cases {
		_, err := ParseGo([]byte(c.in))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("ParseGo(%q) = %v, want an error starting %q", c.in, err, c.want)
		}
	}
	if _, err := Decode([]byte{0, 0, 0, 9, 'a'}, []string{"[]byte"}, Headers); err == nil ||
		err.Error() != "argument 0: length 9 exceeds the 1 bytes left" {
		t.Errorf("Decode of a short input: %v", err)
	}
	if _, err := Decode([]byte{0, 0}, []string{"[]byte"}, Headers); err == nil ||
		err.Error() != "argument 0: 2 bytes left, want a 4-byte length" {
		t.Errorf("Decode of a truncated length: %v", err)
	}
}

func TestDirectoriesBothWays(t *testing.T) {
	dir := t.TempDir()
	goDir, lf, back := filepath.Join(dir, "go"), filepath.Join(dir, "lf"), filepath.Join(dir, "back")
	os.MkdirAll(goDir, 0o755)
	seeds := []string{"{}", "{\"a\":\x00}", ""}
	for i, s := range seeds {
		os.WriteFile(filepath.Join(goDir, string(rune('a'+i))), FormatGo([]Value{{Type: "[]byte", Bytes: []byte(s)}}), 0o644)
	}
	if n, err := ToLibFuzzer(goDir, lf, Raw); err != nil || n != len(seeds) {
		t.Fatalf("ToLibFuzzer: %d, %v", n, err)
	}
	if n, err := ToGo(lf, back, []string{"[]byte"}, Raw); err != nil || n != len(seeds) {
		t.Fatalf("ToGo: %d, %v", n, err)
	}
	ents, _ := os.ReadDir(back)
	got := map[string]bool{}
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(back, e.Name()))
		vals, err := ParseGo(b)
		if err != nil {
			t.Fatal(err)
		}
		got[string(vals[0].Bytes)] = true
	}
	for _, s := range seeds {
		if !got[s] {
			t.Errorf("seed %q lost on the way", s)
		}
	}
	if _, err := ToGo(lf, back, []string{"int"}, Raw); err == nil {
		t.Error("ToGo accepted an int argument")
	}
	os.WriteFile(filepath.Join(goDir, "bad"), []byte("garbage"), 0o644)
	if _, err := ToLibFuzzer(goDir, lf, Raw); err == nil || !strings.Contains(err.Error(), filepath.Join(goDir, "bad")+": line 1") {
		t.Errorf("error %v does not name the file and line", err)
	}
}
