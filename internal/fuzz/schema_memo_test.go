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
		e := messageEntry(t, raw)
		return schema + "\x00" + string(memoKey(schema, e, e.raw, true, new([]byte)))
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
	if e := messageEntry(t, reply); string(memoKey("event.agent.STATE_CHANGED", e, e.raw, true, new([]byte))) != reply {
		t.Errorf("a schema outside blind: key %q, want its exact bytes", memoKey("event.agent.STATE_CHANGED", e, e.raw, true, new([]byte)))
	}
}

// messageEntry is the entry receive makes of an incoming message.
func messageEntry(t *testing.T, raw string) *entry {
	t.Helper()
	m, err := wire.Decode([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	e := &entry{in: true, msg: m, raw: m.Raw}
	e.value, _ = m.Value()
	return e
}

// TestOpaqueKey: two interaction events, or two interactions in a result,
// share a key when they differ only in the members of the user data, never
// when anything else differs or the user data's bytes are not certain.
func TestOpaqueKey(t *testing.T) {
	const (
		event  = `{"event":"interaction","data":{"eventType":"ADDED","interaction":{"interactionId":"1","state":"RINGING","userData":{"a":"b"}}},"protocolVersion":2,"userAgent":"WWE Server"}`
		result = `{"referenceId":"1","request":"interaction.getByInteractionId","data":{"interactionId":"1","state":"RINGING","userData":{"a":"b"}},"protocolVersion":2,"userAgent":"WWE Server"}`
	)
	key := func(schema, raw string, whole bool) string {
		e := messageEntry(t, raw)
		doc := e.raw
		if !whole {
			doc = e.msg.Data()
		}
		return string(memoKey(schema, e, doc, whole, new([]byte)))
	}
	ud := func(raw, with string) string { return strings.Replace(raw, `{"a":"b"}`, with, 1) }
	for _, c := range []struct {
		name, raw string
		same      bool
	}{
		{"other user data", ud(event, `{"c":[1,{"d":"}"}],"e":{"f":null}}`), true},
		{"empty user data", ud(event, `{ }`), true},
		{"user data with a quoted name", ud(event, `{"k":"\"userData\":{"}`), true},
		{"user data not an object", ud(event, `"a"`), false},
		{"user data null", ud(event, `null`), false},
		{"another state", strings.Replace(ud(event, `{}`), "RINGING", "TALKING", 1), false},
		{"the name in a value too", strings.Replace(ud(event, `{}`), `"1"`, `"userData"`, 1), false},
		{"the name escaped", strings.Replace(ud(event, `{}`), `"userData"`, `"user\u0044ata"`, 1), false},
		{"a repeated key", strings.Replace(ud(event, `{"a":"b"}`), `"state"`, `"state":"x","state"`, 1), false},
		{"user data twice", strings.Replace(ud(event, `{}`), `"userData"`, `"userData":{},"userData"`, 1), false},
		{"white space around the colon", strings.Replace(ud(event, `{"z":1}`), `"userData":`, `"userData" : `, 1), false},
	} {
		if got := key("event.interaction.ADDED", c.raw, true) == key("event.interaction.ADDED", event, true); got != c.same {
			t.Errorf("event, %s: same key %v, want %v", c.name, got, c.same)
		}
	}
	fake := func(v string) string {
		escaped := strings.Replace(ud(event, `{}`), `"userData"`, `"user\u0044ata"`, 1)
		return strings.Replace(escaped, `"state"`, `"x\"userData":`+v+`,"state"`, 1)
	}
	if key("event.interaction.ADDED", fake(`{"k":1}`), true) == key("event.interaction.ADDED", fake(`{"k":2}`), true) {
		t.Error(`a key ending in "userData" (the user data's own key escaped): its value reduced`)
	}
	if key("event.interaction.ADDED", event, true) == event {
		t.Error("an interaction event: its exact bytes, want its user data reduced")
	}
	if a, b := key("null|interaction.Interaction", result, false), key("null|interaction.Interaction", ud(result, `{"x":"y"}`), false); a != b {
		t.Errorf("results differing in user data: keys %q and %q", a, b)
	}
	if a, b := key("null|interaction.Interaction", result, false), key("null|interaction.Interaction", strings.Replace(result, `"interactionId":"1"`, `"interactionId":"2"`, 1), false); a == b {
		t.Error("results differing in interactionId share a key")
	}
	if k, data := key("configuration.Options", result, false), string(messageEntry(t, result).msg.Data()); k != data {
		t.Errorf("a schema that reads the members of a userData member: key %q, want the exact bytes %q", k, data)
	}
}
