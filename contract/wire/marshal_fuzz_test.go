package wire

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"testing"
)

// FuzzMarshal: Marshal writes every message exactly as json.Marshal does
// (the bytes a client sees did not change when the reference and the fuzzer stopped using it), for
// any strings, raw values and numbers inside.
func FuzzMarshal(f *testing.F) {
	for _, s := range []string{"", "plain", "12", `q"uote`, `back\slash`, "<a&b>", "tab\tnl\n\x01\x7f", "é", "\u2028\u2029", "\xff\xfe", "referenceId"} {
		f.Add(s, []byte(`"`+s+`"`), 7, 2.5)
	}
	f.Add("x", []byte(` { "a" : [1, 2] } `), -1, math.Inf(1))
	f.Add("x", []byte(`"<&>"`), 0, 1e21)
	f.Add("x", []byte(`not json`), 1<<40, -0.0)
	f.Fuzz(func(t *testing.T, s string, raw []byte, n int, x float64) {
		m := map[string]any{
			"userAgent": "WWE Server", "protocolVersion": 2, "referenceId": json.RawMessage(raw), s: s,
			"data": map[string]any{"list": []any{s, n, x, true, false, nil, json.RawMessage(raw), map[string]any{s: []any{}}},
				"typed": map[string]string{s: s}, "strings": []string{s}, "empty": map[string]any{}, "nil": []any(nil), "nilmap": map[string]any(nil),
				"maps": []map[string]any{{s: n}, nil}, "nilmaps": []map[string]any(nil), "nilstrings": []string(nil), "niltyped": map[string]string(nil)},
		}
		for i := range 20 { // more keys than Marshal sorts without allocating
			m[strconv.Itoa(i)+s] = i
		}
		want, wantErr := json.Marshal(m)
		got, err := Marshal(m)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("error %v, json.Marshal's %v", err, wantErr)
		}
		if err == nil && !bytes.Equal(got, want) {
			t.Fatalf("encoded\n%s\njson.Marshal\n%s", got, want)
		}
	})
}
