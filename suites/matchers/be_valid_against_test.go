package matchers

import (
	"encoding/json"
	"testing"

	"scapi-conformance/schemas"
)

func TestBeValidAgainst(t *testing.T) {
	valid := `{"referenceId":"0","request":"agent.getState","data":{"type":"READY","displayName":"Ready","operationName":"Ready"},"userAgent":"WWE Server","protocolVersion":2}`
	invalid := `{"referenceId":"0","request":"agent.getState","data":{},"userAgent":"WWE Server","protocolVersion":"2"}`

	m := BeValidAgainst("envelope.Reply")
	for _, actual := range []any{decode(t, valid), json.RawMessage(valid), []byte(valid)} {
		ok, err := m.Match(actual)
		if !ok || err != nil {
			t.Fatalf("Match(%T) = %v, %v; want true: %s", actual, ok, err, m.FailureMessage(actual))
		}
	}
	if got, want := m.NegatedFailureMessage(nil), `expected a value invalid against the schema "envelope.Reply" (strict), but it is valid`; got != want {
		t.Errorf("negated message\n got: %s\nwant: %s", got, want)
	}

	ok, err := m.Match(decode(t, invalid))
	if ok || err != nil {
		t.Fatalf("Match(invalid) = %v, %v; want false, nil", ok, err)
	}
	verr := schemas.Validate(schemas.Strict, "envelope.Reply", json.RawMessage(invalid))
	if got, want := m.FailureMessage(nil), `expected a value valid against the schema "envelope.Reply" (strict): `+verr.Error(); got != want {
		t.Errorf("failure message\n got: %s\nwant: %s", got, want)
	}

	if ok, err := BeValidAgainst("no.SuchSchema").Match(json.RawMessage(valid)); ok || err == nil {
		t.Errorf("an unknown schema must be an error, got %v, %v", ok, err)
	}
}
