package schemas

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestEveryNameCompilesInBothModes(t *testing.T) {
	for _, mode := range []Mode{Strict, Lenient} {
		for _, name := range Names() {
			if _, err := compiled(mode, name); err != nil {
				t.Errorf("%s %s: %v", mode, name, err)
			}
		}
	}
}

func TestValidateReportsPointers(t *testing.T) {
	cases := []struct {
		name, schema, doc string
		mode              Mode
		want              string // "" = valid
	}{
		{"valid agent", "agent.Agent", `{"employeeId":"e","firstname":"f","lastname":"l","username":"u"}`, Strict, ""},
		{"missing property named at its pointer", "agent.Agent", `{"employeeId":"e","firstname":"f","lastname":"l"}`, Strict,
			"not a valid agent.Agent (strict): /username: required property is missing"},
		{"wrong type", "media.State", `{"type":"READY","displayName":"Ready","operationName":7}`, Strict,
			"not a valid media.State (strict): /operationName: expected string, but got number"},
		{"enum", "interaction.Interaction", `{"interactionId":"1","state":"RINGING","callType":"Internal"}`, Strict,
			`not a valid interaction.Interaction (strict): /callType: value must be one of "INTERNAL", "INBOUND", "OUTBOUND", "CONSULT", "UNKNOWN", "OUTBOUND_PREVIEW", "OUTBOUND_PUSH_PREVIEW"`},
		{"enum lenient", "interaction.Interaction", `{"interactionId":"1","state":"RINGING","callType":"Internal"}`, Lenient, ""},
		{"nested", "interaction.Interaction[]", `[{"interactionId":"1","state":"IDLE","parties":[{"name":5}]}]`, Strict,
			"not a valid interaction.Interaction[] (strict): /0/parties/0/name: expected string, but got number"},
		{"forbidden key", "envelope.SubscribeAck", `{"referenceId":"0","subscriptionId":"s","userAgent":"WWE Server","protocolVersion":2,"event":"subscribe"}`, Strict,
			"not a valid envelope.SubscribeAck (strict): /event: property is not allowed here"},
		{"root type", "boolean", `"true"`, Strict, "not a valid boolean (strict): (root): expected boolean, but got string"},
		{"pointer escaping", "agent.Agent", `{"a/b":{}}`, Strict, "not a valid agent.Agent (strict): /employeeId: required property is missing; /firstname: required property is missing; /lastname: required property is missing; /username: required property is missing"},
		{"eventType const", "event.agent.STATE_CHANGED", `{"event":"agent","data":{"eventType":"READY","mediaState":"READY"},"userAgent":"WWE Server","protocolVersion":2}`, Strict,
			`not a valid event.agent.STATE_CHANGED (strict): /data/eventType: value must be "STATE_CHANGED"`},
		{"event without userAgent", "event.agent.STATE_CHANGED", `{"event":"agent","data":{"eventType":"STATE_CHANGED","mediaState":"READY"}}`, Strict,
			"not a valid event.agent.STATE_CHANGED (strict): /protocolVersion: required property is missing; /userAgent: required property is missing"},
		{"event without userAgent lenient", "event.agent.STATE_CHANGED", `{"event":"agent","data":{"eventType":"STATE_CHANGED","mediaState":"READY"}}`, Lenient, ""},
		{"properties not allowed", "system.DialogOptions", `{"bogus":1,"a/b":2}`, Strict,
			"not a valid system.DialogOptions (strict): /a~1b: property is not allowed here; /bogus: property is not allowed here"},
		{"dependent property", "event.agent.STATE_CHANGED", `{"event":"agent","data":{"eventType":"STATE_CHANGED","mediaState":"NOT_READY","reason":"Break"},"userAgent":"WWE Server","protocolVersion":2}`, Strict,
			"not a valid event.agent.STATE_CHANGED (strict): /data/reasonCode: required property is missing (reason is present)"},
		{"messenger channel", "event.messenger", `{"event":"messenger:my-channel","data":{"foo":"x"},"userAgent":"WWE Server","protocolVersion":2}`, Strict, ""},
		{"messenger without channel", "event.messenger", `{"event":"messenger:","data":{},"userAgent":"WWE Server","protocolVersion":2}`, Strict,
			"not a valid event.messenger (strict): /event: does not match pattern '^messenger:.+$'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Validate(c.mode, c.schema, []byte(c.doc))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestValidateErrorType(t *testing.T) {
	err := Validate(Strict, "agent.Agent", map[string]any{"username": 1})
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %T, want *ValidationError", err)
	}
	if ve.Schema != "agent.Agent" || len(ve.Violations) != 4 {
		t.Errorf("got %+v", ve)
	}
}

func TestValidateAcceptsEveryDocumentForm(t *testing.T) {
	doc := `{"name":"voice","state":{"type":"READY","displayName":"Ready","operationName":"Ready"}}`
	var generic any
	if err := json.Unmarshal([]byte(doc), &generic); err != nil {
		t.Fatal(err)
	}
	for _, d := range []any{[]byte(doc), json.RawMessage(doc), generic} {
		if err := Validate(Strict, "media.Media", d); err != nil {
			t.Errorf("%T: %v", d, err)
		}
	}
}

func TestValidateInputErrors(t *testing.T) {
	cases := []struct {
		name, schema string
		doc          any
		mode         Mode
		want         string
	}{
		{"unknown schema", "agent.Nobody", []byte(`{}`), Strict, `schemas: unknown schema "agent.Nobody"`},
		{"invalid JSON", "agent.Agent", []byte(`{"a":`), Strict, "schemas: invalid JSON: unexpected EOF"},
		{"trailing data", "boolean", []byte(`true false`), Strict, "schemas: invalid JSON: trailing data at byte offset 5"},
		{"bad mode", "boolean", []byte(`true`), Mode(7), "schemas: unknown mode 7"},
		{"not JSON", "boolean", make(chan int), Strict, "schemas: document is not JSON: json: unsupported type: chan int"},
	}
	for _, c := range cases {
		err := Validate(c.mode, c.schema, c.doc)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
	if err := Validate(Strict, "nope", nil); !errors.Is(err, ErrUnknownSchema) {
		t.Errorf("unknown schema error %v does not wrap ErrUnknownSchema", err)
	}
}

func TestEventSchema(t *testing.T) {
	cases := []struct {
		event, eventType, want string
		ok                     bool
	}{
		{"agent", "STATE_CHANGED", "event.agent.STATE_CHANGED", true},
		{"system", "", "event.system.frameState", true},
		{"messenger:any", "", "event.messenger", true},
		{"messenger:any", "MY_TYPE", "event.messenger", true},
		{"markdone", "", "event.markdone", true},
		{"markdone", "BLOCKED", "event.markdone", true},
		{"system", "NOPE", "", false},
		{"interaction", "RINGING", "event.interaction.RINGING", true},
		{"interaction", "NOPE", "", false},
	}
	for _, c := range cases {
		got, ok := EventSchema(c.event, c.eventType)
		if got != c.want || ok != c.ok {
			t.Errorf("EventSchema(%q, %q) = %q, %v; want %q, %v", c.event, c.eventType, got, ok, c.want, c.ok)
		}
		if ok && !Has(got) {
			t.Errorf("EventSchema gave %q, which Has denies", got)
		}
	}
}

func TestNamesAreSortedAndDocumented(t *testing.T) {
	names := Names()
	for i := 1; i < len(names); i++ {
		if names[i-1] >= names[i] {
			t.Errorf("Names not sorted at %q, %q", names[i-1], names[i])
		}
	}
	for _, must := range []string{"agent.Agent", "media.State", "media.Media", "media.Device", "interaction.Interaction",
		"interaction.Party", "interaction.Contact", "configuration.Section", "outbound.Field", "system.ToastParameters",
		"system.DialogOptions", "system.ApplicationMenuView", "auth.JwtToken", "outbound.CallResults",
		"outbound.ChainedRecords", "envelope.Request", "envelope.Reply", "envelope.ErrorReply",
		"envelope.SubscribeAck", "envelope.Event", "envelope.FrameID"} {
		if !Has(must) {
			t.Errorf("no schema %s", must)
		}
	}
	for _, n := range names {
		if strings.Contains(n, " ") {
			t.Errorf("schema name %q has a space", n)
		}
	}
}
