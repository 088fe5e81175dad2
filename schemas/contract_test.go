package schemas_test

import (
	"testing"

	"scapi-conformance/contract"
	"scapi-conformance/contract/interp"
	"scapi-conformance/contract/requirements"
	"scapi-conformance/schemas"
)

// Every result type and parameter schema the catalog names exists.
func TestCatalogSchemasExist(t *testing.T) {
	for _, m := range contract.Catalog() {
		if m.Result != "" && !schemas.Has(m.Result) {
			t.Errorf("%s: result schema %q does not exist", m.Request(), m.Result)
		}
		for _, p := range m.Params {
			if p.Schema != "" && !schemas.Has(p.Schema) {
				t.Errorf("%s: parameter %s schema %q does not exist", m.Request(), p.Name, p.Schema)
			}
		}
	}
}

// Every documented event has a schema, under the name the contract gives, and
// every event schema is a documented event.
func TestEventsAndEventSchemasAgree(t *testing.T) {
	documented := map[string]bool{}
	for _, e := range contract.Events() {
		documented[e.Schema] = true
		got, ok := schemas.EventSchema(e.Event, e.EventType)
		if !ok || got != e.Schema {
			t.Errorf("event %s/%s: schemas.EventSchema = %q, %v; contract says %q", e.Event, e.EventType, got, ok, e.Schema)
		}
	}
	for _, n := range schemas.Names() {
		if len(n) > 6 && n[:6] == "event." && !documented[n] {
			t.Errorf("schema %s is not a documented event", n)
		}
	}
}

// Every lenient replacement names registered interpretations.
func TestLenientReadingsAreRegistered(t *testing.T) {
	ids, err := schemas.Interpretations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) == 0 {
		t.Fatal("lenient mode applies no interpretation")
	}
	for _, id := range ids {
		i, ok := interp.Lookup(id)
		if !ok {
			t.Errorf("lenient.json cites unregistered %s", id)
		} else if i.Lenient == "" {
			t.Errorf("%s has a lenient schema but no lenient reading", id)
		}
	}
}

// Every row of the documented outbound preview events table describes an
// interaction the strict interaction.Interaction accepts (INT-SCHEMA-17,
// INT-SCHEMA-18): strict mode must be a reading a target can satisfy.
func TestPreviewTableIsStrictlyValid(t *testing.T) {
	for _, row := range requirements.PreviewTable() {
		doc := map[string]any{"interactionId": "1", "state": row.State, "callType": row.CallType}
		if err := schemas.Validate(schemas.Strict, "interaction.Interaction", doc); err != nil {
			t.Errorf("%s (%s %s): %v", row.ID, row.UIEvent, row.EventType, err)
		}
	}
}
