package ws_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/ws"
)

// fakeTarget answers requests with {"origin": <handshake Origin>} and
// subscribes with an acknowledgement followed by one event.
func fakeTarget(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
		if err != nil {
			return
		}
		defer conn.CloseNow()
		origin := r.Header.Get("Origin")
		for {
			_, b, err := conn.Read(r.Context())
			if err != nil {
				return
			}
			var req map[string]any
			json.Unmarshal(b, &req)
			base := map[string]any{"referenceId": req["referenceId"], "userAgent": wire.ServerUserAgent, "protocolVersion": 2}
			if req["event"] == wire.EventSubscribe {
				base["subscriptionId"] = "s1"
				send(r.Context(), conn, base)
				send(r.Context(), conn, map[string]any{"event": "agent", "data": map[string]any{"eventType": "STATE_CHANGED"},
					"userAgent": wire.ServerUserAgent, "protocolVersion": 2})
				continue
			}
			base["request"] = req["request"]
			base["data"] = map[string]any{"origin": origin}
			send(r.Context(), conn, base)
		}
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

func send(ctx context.Context, conn *websocket.Conn, v any) {
	b, _ := json.Marshal(v)
	conn.Write(ctx, websocket.MessageText, b)
}

func TestCallsSubscribeAndTranscript(t *testing.T) {
	ctx := context.Background()
	d, err := ws.New(ctx, ws.Config{URL: fakeTarget(t), Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	origin := d.Origins()[2]
	c, err := d.Open(ctx, origin)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"0", "1"} {
		m, err := c.Call(ctx, wire.NewRequest("agent.getState", "", nil))
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		if id, _ := m.ReferenceID(); id != want {
			t.Errorf("call %d: referenceId %q; want %q", i, id, want)
		}
		if got := string(m.Data()); got != `{"origin":"`+origin+`"}` {
			t.Errorf("call %d: the target saw %s; want origin %s", i, got, origin)
		}
	}
	m, err := c.Call(ctx, wire.NewRequest("agent.getState", "mine", nil))
	if id, _ := m.ReferenceID(); err != nil || id != "mine" {
		t.Errorf("caller-supplied referenceId: %v, %q", err, id)
	}
	ack, err := c.Subscribe(ctx, "agent")
	if err != nil || ack.Kind() != wire.KindAck {
		t.Fatalf("Subscribe = %v, %v", ack, err)
	}
	if id, _ := ack.ReferenceID(); id != "2" {
		t.Errorf("subscribe referenceId %q; want 2 (the counter continues)", id)
	}
	ev, err := c.Next(ctx)
	if err != nil || ev.Kind() != wire.KindEvent {
		t.Fatalf("Next = %v, %v; want the event", ev, err)
	}
	tr := c.Transcript()
	if len(tr) != 9 {
		t.Fatalf("transcript has %d entries; want 9 (4 out, 5 in)", len(tr))
	}
	for i, e := range tr {
		wantDir, wantOrigin := driver.Out, origin
		if i%2 == 1 || i == 8 {
			wantDir, wantOrigin = driver.In, "http://"+strings.TrimPrefix(d.Info().Target, "ws://")
		}
		if e.Direction != wantDir || e.Origin != wantOrigin || e.Time.IsZero() || !json.Valid(e.Message) {
			t.Errorf("entry %d = %+v; want %s from %s", i, e, wantDir, wantOrigin)
		}
	}
	c.Close()
	if _, err := c.Call(ctx, wire.NewRequest("agent.getState", "", nil)); !errors.Is(err, driver.ErrClosed) {
		t.Errorf("Call after Close = %v; want ErrClosed", err)
	}
}

func TestOrigins(t *testing.T) {
	d, err := ws.New(context.Background(), ws.Config{URL: fakeTarget(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	seen := map[string]bool{}
	for _, o := range d.Origins() {
		seen[o] = true
	}
	if len(seen) < 4 || len(seen) != len(d.Origins()) {
		t.Errorf("Origins() = %v; want at least four distinct", d.Origins())
	}
	if d.Control() != nil {
		t.Errorf("Control() without ControlURL is not nil")
	}
}

func TestNewRefusesBadTargets(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	notWS := "ws" + strings.TrimPrefix(srv.URL, "http")
	defer srv.Close()
	cases := []struct {
		url  string
		want error
		text string
	}{
		{"http://127.0.0.1:1/", nil, "is not a ws:// or wss:// URL"},
		{notWS, driver.ErrUnreachable, "handshake answered 404 Not Found"},
		{"ws://127.0.0.1:1/", driver.ErrUnreachable, "connection refused"},
	}
	for _, c := range cases {
		_, err := ws.New(context.Background(), ws.Config{URL: c.url, Timeout: time.Second})
		if err == nil || (c.want != nil && !errors.Is(err, c.want)) || !strings.Contains(err.Error(), c.text) {
			t.Errorf("New(%q) = %v; want %v saying %q", c.url, err, c.want, c.text)
		}
	}
}

// TestBinaryFrameFromTarget: a binary frame is not an envelope; Next reports
// it as malformed and the connection goes on.
func TestBinaryFrameFromTarget(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
		if err != nil {
			return
		}
		defer conn.CloseNow()
		conn.Write(r.Context(), websocket.MessageBinary, []byte(`{"event":"agent"}`))
		conn.Write(r.Context(), websocket.MessageText, []byte(`{"event":"agent","data":{}}`))
		conn.Read(r.Context())
	}))
	defer srv.Close()
	ctx := context.Background()
	d, err := ws.New(ctx, ws.Config{URL: "ws" + strings.TrimPrefix(srv.URL, "http"), Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	c, err := d.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Next(ctx); !errors.Is(err, driver.ErrMalformed) || !strings.Contains(err.Error(), "binary websocket frame") {
		t.Errorf("Next after a binary frame = %v; want ErrMalformed naming it", err)
	}
	if m, err := c.Next(ctx); err != nil || m.Kind() != wire.KindEvent {
		t.Errorf("Next after that = %v, %v; want the event", m, err)
	}
}
