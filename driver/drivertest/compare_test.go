package drivertest_test

import (
	"context"
	"os"
	"testing"

	"scapi-conformance/driver/browser"
	"scapi-conformance/driver/drivertest"
	"scapi-conformance/driver/ws"
	"scapi-conformance/fixtures/server"
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
}
