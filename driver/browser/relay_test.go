package browser_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver/browser"
	"scapi-conformance/fixtures/server"
)

// TestServicePageDropsOversizedMessages: a frame that posts more than
// wire.MaxMessageBytes to the reference service page has its session closed
// (as the websocket endpoint closes the connection), the server says so, and
// the frame's next request starts a new session that works.
func TestServicePageDropsOversizedMessages(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	var mu sync.Mutex
	var logs []string
	s, err := server.Start(context.Background(), server.Config{Logf: func(f string, a ...any) {
		mu.Lock()
		logs = append(logs, fmt.Sprintf(f, a...))
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := browser.New(context.Background(), browser.Config{ServicePageURL: s.ServicePageURL(), ControlURL: s.ControlURL()})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	if err := d.Control().SetOptions(ctx, control.Options{options.AcceptedOrigins: d.Origins()[0]}); err != nil {
		t.Fatal(err)
	}
	c, err := d.Open(ctx, d.Origins()[0])
	if err != nil {
		t.Fatal(err)
	}
	big := `{"request":"agent.getState","referenceId":"big","userAgent":"WWE Client","protocolVersion":2,"pad":"` +
		strings.Repeat("x", wire.MaxMessageBytes) + `"}`
	if err := c.SendRaw(ctx, []byte(big)); err != nil {
		t.Fatal(err)
	}
	m, err := c.Call(ctx, wire.NewRequest("agent.getState", "", nil))
	if err != nil {
		t.Fatalf("the call after an oversized message: %v", err)
	}
	if _, failed := m.ErrorMessage(); failed {
		t.Errorf("the call after an oversized message failed: %s", m.Raw)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(logs) != 1 || !strings.Contains(logs[0], "message not relayed: message exceeds 1048576 bytes; session closed") {
		t.Errorf("server logs %q; want one line about the dropped message", logs)
	}
}
