package drivertest_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/coder/websocket"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/browser"
	"scapi-conformance/driver/ws"
	"scapi-conformance/fixtures/server"
)

// The four benchmarks run together so their figures compare: the round trip
// of one call (agent.getState against the reference Workspace) through each
// driver, and the two bare round trips under them.

// BenchmarkBareWebSocketEcho is one text message echoed over loopback.
func BenchmarkBareWebSocketEcho(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		for {
			typ, m, err := c.Read(r.Context())
			if err != nil || c.Write(r.Context(), typ, m) != nil {
				return
			}
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	c, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer c.CloseNow()
	msg := []byte(`{"request":"agent.getState","referenceId":"0","userAgent":"WWE Client","protocolVersion":2}`)
	for b.Loop() {
		if err := c.Write(ctx, websocket.MessageText, msg); err != nil {
			b.Fatal(err)
		}
		if _, _, err := c.Read(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareChromedpEvaluate is one Runtime.evaluate round trip into a page.
func BenchmarkBareChromedpEvaluate(b *testing.B) {
	exec, ok := browser.FindChromium()
	if !ok {
		b.Skip("Chromium not found")
	}
	actx, acancel, err := browser.NewAllocator(exec)
	if err != nil {
		b.Fatal(err)
	}
	defer acancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[int]("1")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWSDriverCall is one call through the websocket driver.
func BenchmarkWSDriverCall(b *testing.B) {
	s := startServer(b)
	d, err := ws.New(context.Background(), ws.Config{URL: s.WebSocketURL(), ControlURL: s.ControlURL()})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	benchCall(b, d, d.Origins()[0])
}

// BenchmarkBrowserDriverCall is one call through the browser driver, from a
// same-site frame (in the page's process) and a cross-site one (its own process).
func BenchmarkBrowserDriverCall(b *testing.B) {
	if _, ok := browser.FindChromium(); !ok {
		b.Skip("Chromium not found")
	}
	s := startServer(b)
	d, err := browser.New(context.Background(), browser.Config{ServicePageURL: s.ServicePageURL(), ControlURL: s.ControlURL()})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	b.Run("same-site", func(b *testing.B) { benchCall(b, d, d.Origins()[0]) })
	b.Run("cross-site", func(b *testing.B) { benchCall(b, d, d.Origins()[2]) })
}

func startServer(b *testing.B) *server.Server {
	s, err := server.Start(context.Background(), server.Config{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// benchCall measures agent.getState round trips from a client on origin.
func benchCall(b *testing.B, d driver.Driver, origin string) {
	ctx := context.Background()
	if err := d.Control().SetOptions(ctx, control.Options{options.AcceptedOrigins: strings.Join(d.Origins(), ", ")}); err != nil {
		b.Fatal(err)
	}
	c, err := d.Open(ctx, origin)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	for b.Loop() {
		m, err := c.Call(ctx, wire.NewRequest("agent.getState", "", nil))
		if err != nil {
			b.Fatal(err)
		}
		if _, failed := m.ErrorMessage(); failed {
			b.Fatalf("agent.getState failed: %s", m.Raw)
		}
	}
}
