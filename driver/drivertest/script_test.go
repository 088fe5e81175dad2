package drivertest

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"scapi-conformance/driver"
)

func entries(spec ...string) []driver.Entry {
	var tr []driver.Entry
	for i := 0; i+1 < len(spec); i += 2 {
		tr = append(tr, driver.Entry{Time: time.Unix(int64(i), 0), Direction: driver.Direction(spec[i]),
			Origin: "http://o" + spec[i], Message: json.RawMessage(spec[i+1])})
	}
	return tr
}

func TestDiffTranscripts(t *testing.T) {
	base := entries("out", `{"request":"a","frameId":"f1"}`, "in", `{"frameId":"f1"}`, "in", `{"event":"x","n":1}`)
	cases := []struct {
		name  string
		other []driver.Entry
		want  []string
	}{
		{"identical", base, nil},
		{"timing, origin, key order, assigned ids",
			entries("in", `{"frameId":"g7"}`, "out", `{"frameId":"g7","request":"a"}`, "in", `{"n":1,"event":"x"}`), nil},
		{"an event changed",
			entries("out", `{"request":"a","frameId":"f1"}`, "in", `{"frameId":"f1"}`, "in", `{"event":"x","n":2}`),
			[]string{"\"in\" entry 1 differs:\n  {\"event\":\"x\",\"n\":1}\n  {\"event\":\"x\",\"n\":2}"}},
		{"an event missing",
			entries("out", `{"request":"a","frameId":"f1"}`, "in", `{"frameId":"f1"}`),
			[]string{`2 and 1 "in" entries`}},
		{"two ids where one was",
			entries("out", `{"request":"a","frameId":"f1"}`, "in", `{"frameId":"f2"}`, "in", `{"event":"x","n":1}`),
			[]string{"\"in\" entry 0 differs:\n  {\"frameId\":\"#1\"}\n  {\"frameId\":\"#2\"}"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := DiffTranscripts(base, c.other); !slices.Equal(got, c.want) {
				t.Errorf("DiffTranscripts = %q; want %q", got, c.want)
			}
		})
	}
}
