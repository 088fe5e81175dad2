package fuzz

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"scapi-conformance/contract/wire"
)

// TestAnyReferenceIDSchemas: the envelope schemas (and their lenient
// replacements) read referenceId as any string and nothing else: every
// referenceId property is {"type":"string"} (or false), every reference is
// local, no keyword applies to members by name pattern or leftover, and no
// const or enum is an object. A verdict against anyReferenceID's schemas is
// then the same whichever string a message echoes (memoKey).
func TestAnyReferenceIDSchemas(t *testing.T) {
	var envelope, lenient map[string]any
	for path, into := range map[string]*map[string]any{"../../schemas/envelope.json": &envelope, "../../schemas/lenient.json": &lenient} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, into); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	defs, _ := envelope["$defs"].(map[string]any)
	for name := range anyReferenceID {
		if _, ok := defs[strings.TrimPrefix(name, "envelope.")]; !ok {
			t.Errorf("%s is no definition of envelope.json", name)
		}
	}
	var check func(path string, v any)
	check = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, sub := range x {
				switch k {
				case "patternProperties", "additionalProperties", "unevaluatedProperties", "propertyNames", "dependentSchemas":
					t.Errorf("%s/%s: a keyword that can read referenceId", path, k)
				case "$ref":
					if s, _ := sub.(string); !strings.HasPrefix(s, "#/") {
						t.Errorf("%s/$ref: %v is not local", path, sub)
					}
				case "const", "enum":
					for _, c := range append([]any{sub}, asList(sub)...) {
						if _, obj := c.(map[string]any); obj {
							t.Errorf("%s/%s: an object", path, k)
						}
					}
				case "properties":
					if p, ok := sub.(map[string]any); ok {
						if r, has := p["referenceId"]; has && r != false && !reflect.DeepEqual(r, map[string]any{"type": "string"}) {
							t.Errorf("%s/properties/referenceId: %v, want {\"type\":\"string\"} or false", path, r)
						}
					}
				}
				check(path+"/"+k, sub)
			}
		case []any:
			for _, sub := range x {
				check(path+"/[]", sub)
			}
		}
	}
	check("envelope.json", envelope)
	check("lenient.json#envelope.json", lenient["envelope.json"])
}

func asList(v any) []any { l, _ := v.([]any); return l }

// TestMemoKey: two messages share a key when they differ only in the string
// they echo as referenceId, never otherwise.
func TestMemoKey(t *testing.T) {
	key := func(schema, raw string) string {
		m, err := wire.Decode([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		return memoKey(schema, m, m.Raw)
	}
	base := key("envelope.Reply", `{"referenceId":"1","request":"agent.getState","data":{"a":1},"userAgent":"WWE Server","protocolVersion":2}`)
	cases := []struct {
		name, schema, raw string
		same              bool
	}{
		{"another referenceId", "envelope.Reply", `{"referenceId":"993","request":"agent.getState","data":{"a":1},"userAgent":"WWE Server","protocolVersion":2}`, true},
		{"members in another order", "envelope.Reply", `{"request":"agent.getState","referenceId":"7","data":{"a":1},"userAgent":"WWE Server","protocolVersion":2}`, true},
		{"a numeric referenceId", "envelope.Reply", `{"referenceId":1,"request":"agent.getState","data":{"a":1},"userAgent":"WWE Server","protocolVersion":2}`, false},
		{"another data", "envelope.Reply", `{"referenceId":"1","request":"agent.getState","data":{"a":2},"userAgent":"WWE Server","protocolVersion":2}`, false},
		{"no referenceId", "envelope.Reply", `{"request":"agent.getState","data":{"a":1},"userAgent":"WWE Server","protocolVersion":2}`, false},
		{"an extra member", "envelope.Reply", `{"referenceId":"1","request":"agent.getState","data":{"a":1},"userAgent":"WWE Server","protocolVersion":2,"x":0}`, false},
		{"another schema", "envelope.ErrorReply", `{"referenceId":"1","request":"agent.getState","data":{"a":1},"userAgent":"WWE Server","protocolVersion":2}`, false},
	}
	for _, c := range cases {
		if got := key(c.schema, c.raw) == base; got != c.same {
			t.Errorf("%s: same key %v, want %v", c.name, got, c.same)
		}
	}
	if k := key("event.agent.STATE_CHANGED", `{"referenceId":"1","event":"agent"}`); k != "event.agent.STATE_CHANGED\x00"+`{"referenceId":"1","event":"agent"}` {
		t.Errorf("a schema outside anyReferenceID: key %q, want its exact bytes", k)
	}
}
