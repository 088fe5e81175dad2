package fuzz

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"scapi-conformance/contract/wire"
)

// TestBlindMembers: the schemas in blind read their blind members no more
// than their class, in strict mode and with each lenient replacement. From
// each one's definition in envelope.json, every definition it reaches (and
// the lenient replacement of each) is looked through: every reference is
// local, no keyword applies to members by name pattern or leftover, no const
// or enum is an object or an array, and a properties entry of a blind
// member is false (only its presence counts) or exactly its class's schema
// ({"type":"string"}, {"type":"string","minLength":1}; none for a member
// whose value nothing reads). A verdict is then the same whatever value of
// its class a blind member has (memoKey).
func TestBlindMembers(t *testing.T) {
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
	replaced, _ := lenient["envelope.json"].(map[string]any)
	classSchema := map[valueClass]any{
		anyString: map[string]any{"type": "string"},
		nonEmpty:  map[string]any{"type": "string", "minLength": 1.0},
	}
	for name, classes := range blind {
		def := strings.TrimPrefix(name, "envelope.")
		if _, ok := defs[def]; !ok || !strings.HasPrefix(name, "envelope.") {
			t.Errorf("%s is no definition of envelope.json", name)
			continue
		}
		queue, seen := []string{def}, map[string]bool{def: true}
		var check func(path string, v any)
		check = func(path string, v any) {
			switch x := v.(type) {
			case map[string]any:
				for k, sub := range x {
					switch k {
					case "patternProperties", "additionalProperties", "unevaluatedProperties", "propertyNames", "dependentSchemas",
						"$dynamicRef", "$recursiveRef":
						t.Errorf("%s: %s/%s: a keyword that can read any member", name, path, k)
					case "$ref":
						s, _ := sub.(string)
						ref, local := strings.CutPrefix(s, "#/$defs/")
						if !local || strings.Contains(ref, "/") {
							t.Errorf("%s: %s/$ref: %v is not a local definition", name, path, sub)
						} else if !seen[ref] {
							seen[ref] = true
							queue = append(queue, ref)
						}
					case "const", "enum":
						for _, c := range append([]any{sub}, asList(sub)...) {
							if _, obj := c.(map[string]any); obj || (k == "const" && asList(c) != nil) {
								t.Errorf("%s: %s/%s: an object or an array", name, path, k)
							}
						}
					case "properties":
						p, _ := sub.(map[string]any)
						for member, class := range classes {
							r, has := p[member]
							if has && r != false && (class == anyValue || !reflect.DeepEqual(r, classSchema[class])) {
								t.Errorf("%s: %s/properties/%s: %v, want false or %v", name, path, member, r, classSchema[class])
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
		for len(queue) > 0 {
			d := queue[0]
			queue = queue[1:]
			if defs[d] == nil {
				t.Errorf("%s: #/$defs/%s is not in envelope.json", name, d)
			}
			check("envelope.json#/$defs/"+d, defs[d])
			if r, ok := replaced[d]; ok {
				check("lenient.json#envelope.json/"+d, r)
			}
		}
		if len(seen) < 2 && name != "envelope.SubscribeAck" {
			t.Errorf("%s: reached only %v (the reply definitions refer to replyCommon)", name, seen)
		}
	}
}

func asList(v any) []any { l, _ := v.([]any); return l }

// TestMemoKey: two messages share a key under a schema when they differ
// only in the values of blind members within their class, never otherwise.
func TestMemoKey(t *testing.T) {
	key := func(schema, raw string) string {
		m, err := wire.Decode([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		return schema + "\x00" + string(memoKey(schema, m, m.Raw))
	}
	const (
		reply = `{"referenceId":"1","request":"agent.getState","data":{"a":1},"userAgent":"WWE Server","protocolVersion":2}`
		fail  = `{"referenceId":"1","request":"agent.getState","errorMessage":"no","userAgent":"WWE Server","protocolVersion":2}`
		ack   = `{"referenceId":"1","subscriptionId":"s-1","userAgent":"WWE Server","protocolVersion":2}`
	)
	for _, c := range []struct {
		name, schema, raw, base string
		same                    bool
	}{
		{"another referenceId", "envelope.Reply", strings.Replace(reply, `"1"`, `"993"`, 1), reply, true},
		{"members in another order", "envelope.Reply", `{"request":"agent.getState","referenceId":"7","data":{"a":1},"userAgent":"WWE Server","protocolVersion":2}`, reply, true},
		{"another result", "envelope.Reply", strings.Replace(reply, `{"a":1}`, `[{"b":null}]`, 1), reply, true},
		{"a null result", "envelope.Reply", strings.Replace(reply, `{"a":1}`, `null`, 1), reply, true},
		{"a numeric referenceId", "envelope.Reply", strings.Replace(reply, `"1"`, `1`, 1), reply, false},
		{"no result", "envelope.Reply", `{"referenceId":"1","request":"agent.getState","userAgent":"WWE Server","protocolVersion":2}`, reply, false},
		{"no referenceId", "envelope.Reply", `{"request":"agent.getState","data":{"a":1},"userAgent":"WWE Server","protocolVersion":2}`, reply, false},
		{"an extra member", "envelope.Reply", strings.Replace(reply, `{"referenceId"`, `{"x":0,"referenceId"`, 1), reply, false},
		{"another request", "envelope.Reply", strings.Replace(reply, `agent.getState`, `agent.getStateList`, 1), reply, false},
		{"another user agent", "envelope.Reply", strings.Replace(reply, `WWE Server`, `Server`, 1), reply, false},
		{"another schema", "envelope.ErrorReply", reply, reply, false},
		{"another error message", "envelope.ErrorReply", strings.Replace(fail, `"no"`, `"refused: 12"`, 1), fail, true},
		{"an empty error message", "envelope.ErrorReply", strings.Replace(fail, `"no"`, `""`, 1), fail, true},
		{"a numeric error message", "envelope.ErrorReply", strings.Replace(fail, `"no"`, `1`, 1), fail, false},
		{"another subscription id", "envelope.SubscribeAck", strings.Replace(ack, `"s-1"`, `"subscription-9"`, 1), ack, true},
		{"an empty subscription id", "envelope.SubscribeAck", strings.Replace(ack, `"s-1"`, `""`, 1), ack, false},
		{"a numeric subscription id", "envelope.SubscribeAck", strings.Replace(ack, `"s-1"`, `1`, 1), ack, false},
	} {
		base := map[string]string{reply: "envelope.Reply", fail: "envelope.ErrorReply", ack: "envelope.SubscribeAck"}[c.base]
		if got := key(c.schema, c.raw) == key(base, c.base); got != c.same {
			t.Errorf("%s: same key %v, want %v", c.name, got, c.same)
		}
	}
	if k := memoKey("event.agent.STATE_CHANGED", &wire.Message{}, json.RawMessage(reply)); string(k) != reply {
		t.Errorf("a schema outside blind: key %q, want its exact bytes", k)
	}
}
