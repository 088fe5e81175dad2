package drivertest_test

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"scapi-conformance/contract"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/browser"
	"scapi-conformance/driver/drivertest"
	"scapi-conformance/driver/ws"
	"scapi-conformance/fixtures/server"
	"scapi-conformance/schemas"
)

// TestSameSessionThroughBothDrivers plays the scripted session through the
// websocket and the browser driver against one reference Workspace: the two
// transcripts must agree up to timing and origin.
func TestSameSessionThroughBothDrivers(t *testing.T) {
	if _, ok := browser.FindChromium(); !ok {
		if os.Getenv("SCAPI_REQUIRE_BROWSER") == "1" {
			t.Fatal("Chromium not found and SCAPI_REQUIRE_BROWSER=1")
		}
		t.Skip("Chromium not found")
	}
	ctx := context.Background()
	s, err := server.Start(ctx, server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	wd, err := ws.New(ctx, ws.Config{URL: s.WebSocketURL(), ControlURL: s.ControlURL()})
	if err != nil {
		t.Fatal(err)
	}
	defer wd.Close()
	bd, err := browser.New(ctx, browser.Config{ServicePageURL: s.ServicePageURL(), ControlURL: s.ControlURL()})
	if err != nil {
		t.Fatal(err)
	}
	defer bd.Close()
	a, err := drivertest.Script(ctx, wd)
	if err != nil {
		t.Fatalf("ws: %v", err)
	}
	b, err := drivertest.Script(ctx, bd)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	if len(a) < 10 {
		t.Fatalf("the scripted session has only %d entries", len(a))
	}
	drivertest.SameTranscript(t, a, b)
	checkSession(t, "ws", a)
	checkSession(t, "browser", b)
}

// checkSession checks one transport's transcript of the scripted session
// against the documentation: every message the target sent validates
// (strict) against its envelope schema, a reply's data against the result
// schema of its request, an event against its event schema; and the call's
// voice events come in the documented order of the steps — the call "starts
// ringing", "has been established", "has been held", "has been released".
func checkSession(t *testing.T, transport string, tr []driver.Entry) {
	var voice []string
	for i, e := range tr {
		if e.Direction != driver.In {
			continue
		}
		m, err := wire.Decode(e.Message)
		if err != nil {
			t.Errorf("%s: entry %d: %v", transport, i, err)
			continue
		}
		for _, v := range schemasOf(m) {
			if err := schemas.Validate(schemas.Strict, v.name, v.doc); err != nil {
				t.Errorf("%s: entry %d: %v\n  %s", transport, i, err, e.Message)
			}
		}
		if ev, _ := m.String("event"); ev == "interaction" {
			var data struct{ EventType string }
			json.Unmarshal(m.Data(), &data)
			if slices.Contains([]string{"RINGING", "ESTABLISHED", "HELD", "RELEASED"}, data.EventType) {
				voice = append(voice, data.EventType)
			}
		}
	}
	want := []string{"RINGING", "ESTABLISHED", "HELD", "ESTABLISHED", "RELEASED"}
	if !slices.Equal(voice, want) {
		t.Errorf("%s: voice events %v; want %v (ring, answer, hold, resume, hang up)", transport, voice, want)
	}
}

// validation is one schema a message must satisfy.
type validation struct {
	name string
	doc  json.RawMessage
}

// schemasOf lists the schemas a message from the target must satisfy.
func schemasOf(m *wire.Message) []validation {
	switch m.Kind() {
	case wire.KindReply:
		if _, failed := m.ErrorMessage(); failed {
			return []validation{{"envelope.ErrorReply", m.Raw}}
		}
		out := []validation{{"envelope.Reply", m.Raw}}
		req, _ := m.String("request")
		if method, ok := contract.LookupWire(req); ok && method.Result != "" {
			out = append(out, validation{method.Result, m.Data()})
		}
		return out
	case wire.KindAck:
		return []validation{{"envelope.SubscribeAck", m.Raw}}
	case wire.KindFrameID:
		return []validation{{"envelope.FrameID", m.Raw}}
	case wire.KindEvent:
		out := []validation{{"envelope.Event", m.Raw}}
		ev, _ := m.String("event")
		var data struct{ EventType string }
		json.Unmarshal(m.Data(), &data)
		if name, ok := schemas.EventSchema(ev, data.EventType); ok {
			out = append(out, validation{name, m.Raw})
		}
		return out
	}
	return []validation{{"a known message kind", m.Raw}}
}
