package schemas

import (
	"errors"
	"reflect"
	"testing"
)

// ReliesOn names exactly the interpretations recorded on the lenient
// replacements a document needs.
func TestReliesOn(t *testing.T) {
	cases := []struct {
		name, schema, doc string
		want              []string
	}{
		{"strictly valid", "media.State", `{"type": "NOT_READY", "displayName": "Not Ready", "operationName": "NotReady"}`, nil},
		{"one replacement", "media.State", `{"type": "NOT_READY_AFTER_CALLWORK_REASON", "displayName": "ACW", "operationName": "Acw"}`, []string{"INT-SCHEMA-5"}},
		{"callType in another case", "interaction.Interaction", `{"interactionId": "1", "state": "TALKING", "callType": "Internal"}`, []string{"INT-SCHEMA-2"}},
		{"keyValues as a string", "system.ToastParameters", `{"title": "t", "iconUrl": "https://a.example/i.png", "keyValues": "k: v"}`, []string{"INT-SCHEMA-6"}},
		{"color of 8 digits", "system.ApplicationMenuView", `{"name": "v", "label": "l", "labelColor": "#FFFFFFFF"}`, []string{"INT-SCHEMA-19"}},
		{"two replacements", "system.ToastUpdateParameters", `{"keyValues": "k: v", "buttonArray": ["OK"]}`, []string{"INT-SCHEMA-6", "INT-SCHEMA-7"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReliesOn(c.schema, []byte(c.doc))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("ReliesOn(%s, %s) = %v, want %v", c.schema, c.doc, got, c.want)
			}
		})
	}
}

// A document lenient mode refuses too is an error, not a list.
func TestReliesOnInvalidInBothModes(t *testing.T) {
	_, err := ReliesOn("media.State", []byte(`{"type": 3}`))
	var verr *ValidationError
	if !errors.As(err, &verr) || verr.Mode != Lenient {
		t.Fatalf("ReliesOn of a document invalid in both modes gave %v, want the lenient validation error", err)
	}
	if _, err := ReliesOn("no.such", []byte(`{}`)); !errors.Is(err, ErrUnknownSchema) {
		t.Fatalf("ReliesOn of an unknown schema gave %v", err)
	}
}
