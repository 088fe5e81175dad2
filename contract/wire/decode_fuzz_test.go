package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to Decode, as a hostile target would send
// them: Decode never panics, accepts exactly the JSON objects within the size
// limit, keeps the bytes as they came, and classifies consistently; ValueOf
// reads what a json.Decoder reads, whenever it reads anything, EventType
// what json.Unmarshal into a struct reads, and Valid is json.Valid.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"referenceId":"0","request":"agent.getState","data":{"state":"Ready"},"userAgent":"WWE Server","protocolVersion":2}`,
		`{"referenceId":"1","subscriptionId":"s1","userAgent":"WWE Server","protocolVersion":2}`,
		`{"event":"interaction","data":{"eventType":"RINGING"},"userAgent":"WWE Server","protocolVersion":2}`,
		`{"frameId":"f1"}`, `{}`, `null`, `[]`, `{"a":1}{"b":2}`, `{"a":1} `, "\xff", `{"referenceId":7}`,
		`{"event":"agent","data":{"n":1e400}}`,
		` { "a" : [1, {"b":"}]"}] , "a\u0062":"\u00e9\"", "c":-1.5e3 , "d":true,"e":null, "a":"last", "\u00ff":"x"} `,
		"{\"\xff\":\"\xfe\", \"k\":\"é\"}",
		`{"e":"it is \"quoted\", a\\b\/c\b\f\n\r\t", "f":"\\", "g":"\u0041\"", "h":"é\""}`, "{\"e\":\"\xff\\\"\"}",
		`{"eventType":"RINGING","x":1}`, `[1,-0,0.5e+3,-1E-2,"\u00e9\n\/"]`, `[01]`, `[1.]`, `[-]`, `[1e]`, `"\x"`, `"\u12g4"`, "\"\x01\"", `tru`, `nulls`, `{"a" 1}`, `{"a":1,}`, `[1 2]`, ` `,
		`{"eventType":"RINGING","x":1}`, `{"EventType":"A","eventType":"B"}`, `{"eventType":"A","eventtype":"B"}`, `{"eventType":"A","eventType":1}`, `{"eventType":"\u0041"}`, `{"eventType":null}`,
		`{"a":[],"b":{},"c":[[],{}],"d":[1,"x",null,true,false,{"e":-0.0}],"f":1E+2,"g":123456789012345678901234567890}`,
		`{"protocolVersion":2,"a":-0,"b":-12,"c":2.0,"d":9223372036854775807,"e":9223372036854775808,"f":-9223372036854775808,"g":1e2}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := Valid(b), json.Valid(b); got != want {
			t.Fatalf("Valid(%q) = %v, json.Valid %v", b, got, want)
		}
		for _, numbers := range []bool{false, true} {
			v, ok := ValueOf(b, numbers)
			dec := json.NewDecoder(bytes.NewReader(b))
			if numbers {
				dec.UseNumber()
			}
			var want any
			if wantOK := dec.Decode(&want) == nil; ok && (!wantOK || !reflect.DeepEqual(v, want)) {
				t.Fatalf("ValueOf(numbers %v) = %#v; a json.Decoder reads %#v (ok %v)", numbers, v, want, wantOK)
			}
		}
		var d struct {
			EventType string `json:"eventType"`
		}
		_ = json.Unmarshal(b, &d)
		if got := EventType(b); got != d.EventType {
			t.Fatalf("EventType = %q; json.Unmarshal into a struct reads %q", got, d.EventType)
		}
		m, err := Decode(b)
		var obj map[string]json.RawMessage
		isObject := len(b) <= MaxMessageBytes && json.Unmarshal(b, &obj) == nil && obj != nil
		if err != nil {
			if isObject {
				t.Fatalf("Decode refused a JSON object within the limit: %v", err)
			}
			return
		}
		if !isObject {
			t.Fatalf("Decode accepted %q, which is not one JSON object within the limit", b)
		}
		if !bytes.Equal(m.Raw, b) {
			t.Fatalf("Raw %q differs from the input %q", m.Raw, b)
		}
		if len(m.Fields) != len(obj) {
			t.Fatalf("%d fields decoded, want %d", len(m.Fields), len(obj))
		}
		for k, want := range obj {
			if got, ok := m.Fields[k]; !ok || !bytes.Equal(got, want) {
				t.Fatalf("field %q = %q, want %q (as json.Unmarshal reads it)", k, got, want)
			}
			var want string
			wantOK := json.Unmarshal(obj[k], &want) == nil && string(obj[k]) != "null"
			if got, ok := m.String(k); ok != wantOK || got != want {
				t.Fatalf("String(%q) = %q, %v; json.Unmarshal reads %q, %v", k, got, ok, want, wantOK)
			}
			var wantN int64
			wantOK = json.Unmarshal(obj[k], &wantN) == nil && string(obj[k]) != "null"
			if got, ok := m.Int(k); ok != wantOK || got != wantN {
				t.Fatalf("Int(%q) = %d, %v; json.Unmarshal reads %d, %v", k, got, ok, wantN, wantOK)
			}
		}
		switch m.Kind() {
		case KindEvent:
			if !m.Has("event") {
				t.Fatal("event without an event key")
			}
		case KindAck:
			if m.Has("event") || !m.Has("subscriptionId") || !m.Has("referenceId") {
				t.Fatal("ack classification inconsistent with its keys")
			}
		case KindReply:
			if m.Has("event") || m.Has("subscriptionId") || !m.Has("referenceId") {
				t.Fatal("reply classification inconsistent with its keys")
			}
		case KindFrameID:
			if m.Has("event") || m.Has("referenceId") || !m.Has("frameId") {
				t.Fatal("frameId classification inconsistent with its keys")
			}
		case KindUnknown:
			if m.Has("event") || m.Has("referenceId") || m.Has("frameId") {
				t.Fatal("unknown classification although a classifying key is present")
			}
		}
		v, err := m.Value()
		var want any
		if wantErr := json.Unmarshal(b, &want); (err == nil) != (wantErr == nil) || !reflect.DeepEqual(v, want) {
			t.Fatalf("Value() = %#v, %v; json.Unmarshal reads %#v, %v", v, err, want, wantErr)
		}
		if err != nil {
			// Only a number beyond float64 (valid JSON) may not convert.
			var ute *json.UnmarshalTypeError
			if !errors.As(err, &ute) || !strings.HasPrefix(ute.Value, "number") {
				t.Fatalf("Value of an accepted message: %v", err)
			}
		}
		if s, ok := m.String("referenceId"); ok {
			if r, ok2 := m.ReferenceID(); !ok2 || r != s {
				t.Fatal("ReferenceID disagrees with String(referenceId)")
			}
		}
	})
}

// TestNullIsNotAStringOrANumber: a null field is present but has neither
// type (json.Unmarshal would silently decode it as "" or 0; found by
// FuzzHandle on a reply with "referenceId": null).
func TestNullIsNotAStringOrANumber(t *testing.T) {
	m, err := Decode([]byte(`{"referenceId":null,"protocolVersion":null}`))
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := m.String("referenceId"); ok {
		t.Errorf("String of null = %q, true", s)
	}
	if _, ok := m.ReferenceID(); ok {
		t.Error("ReferenceID of null is ok")
	}
	if n, ok := m.Int("protocolVersion"); ok {
		t.Errorf("Int of null = %d, true", n)
	}
	if !m.Has("referenceId") || m.Kind() != KindReply {
		t.Error("a null referenceId is still present (the vendor client classifies the message as a reply)")
	}
}

// TestValidNesting: Valid, and Decode of an object, refuse nesting deeper
// than encoding/json's limit, as json.Valid does.
func TestValidNesting(t *testing.T) {
	for _, depth := range []int{maxDepth, maxDepth + 1} {
		for _, nest := range [][2]string{{"[", "]"}, {`{"a":`, "}"}} {
			b := []byte(strings.Repeat(nest[0], depth) + "1" + strings.Repeat(nest[1], depth))
			if got, want := Valid(b), json.Valid(b); got != want {
				t.Errorf("depth %d of %s: Valid %v, json.Valid %v", depth, nest[0], got, want)
			}
			if _, err := Decode(b); nest[0] != "[" && (err == nil) != json.Valid(b) {
				t.Errorf("depth %d of %s: Decode's error %v, json.Valid %v", depth, nest[0], err, json.Valid(b))
			}
		}
	}
}
