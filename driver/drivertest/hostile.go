package drivertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// Answer is what a hostile target does with one client message: send Flood
// agent events, then a reply to it whose data is a string of Big characters
// (when Big > 0), then
// Messages (raw, in order), then drop the connection when Drop is set. The
// target builds the flood and the big reply itself, so that a browser page
// does not have to receive them first.
type Answer struct {
	Flood    int
	Big      int
	Messages [][]byte
	Drop     bool
}

// bigReply is a reply to req whose data is a string of n "x" characters,
// built without encoding the string (which would cost more than the test).
func bigReply(req map[string]any, n int) []byte {
	head, tail, _ := bytes.Cut(reply(req, "\x00"), []byte(`\u0000`))
	return slices.Concat(head, bytes.Repeat([]byte("x"), n), tail)
}

// expand lists the raw messages of a, in order.
func (a Answer) expand(req map[string]any) [][]byte {
	var out [][]byte
	for i := range a.Flood {
		out = append(out, event(i))
	}
	if a.Big > 0 {
		out = append(out, bigReply(req, a.Big))
	}
	return append(out, a.Messages...)
}

// Hostile is one misbehaving target and what a driver must make of it.
type Hostile struct {
	Name string
	// Respond answers one request (decoded from the client's message) from a
	// client presenting origin.
	Respond func(origin string, req map[string]any) Answer
	// Want lists the errors a Call may fail with (errors.Is, any of them);
	// empty when the call must succeed.
	Want []error
	// WantText is a regular expression the error must match (say, quoting
	// the garbage).
	WantText string
	// WantNext, when set, checks the first message Next returns after the call.
	WantNext func(t *testing.T, m *wire.Message, err error)
	// Heavy marks a case whose message takes a driver seconds to move on a
	// loaded machine (a browser copies 64 MiB between processes before the
	// client frame can refuse it): see Wait.
	Heavy bool
}

// heavyWait is how many wait timeouts a heavy case may take.
const heavyWait = 3

// Wait is the wait timeout a driver gets for the case, from the one every
// other case gets: three times as long for a heavy case, whose verdict is
// still the error it must end with, not the time it took.
func (h Hostile) Wait(timeout time.Duration) time.Duration {
	if h.Heavy {
		return heavyWait * timeout
	}
	return timeout
}

// reply builds a success reply to req as a conforming target would.
func reply(req map[string]any, data any) []byte {
	b, _ := json.Marshal(map[string]any{"referenceId": req["referenceId"], "request": req["request"],
		"data": data, "userAgent": wire.ServerUserAgent, "protocolVersion": wire.ProtocolVersion})
	return b
}

// event builds an agent event.
func event(i int) []byte {
	b, _ := json.Marshal(map[string]any{"event": "agent", "data": map[string]any{"eventType": "STATE_CHANGED", "n": i},
		"userAgent": wire.ServerUserAgent, "protocolVersion": wire.ProtocolVersion})
	return b
}

// floodSize is how many events the flooding target sends before its reply:
// more than a client keeps unread.
const floodSize = 70000

// HostileCases are the hostile targets of issue 5: garbage, a reply for
// another referenceId, a 64 MiB message, silence, a reply twice, an event
// flood, and a connection dropped mid-call.
func HostileCases() []Hostile {
	return []Hostile{
		{Name: "garbage", Want: []error{driver.ErrTimeout}, WantText: "not json",
			Respond: func(string, map[string]any) Answer { return Answer{Messages: [][]byte{[]byte("}{ not json")}} },
			WantNext: func(t *testing.T, m *wire.Message, err error) {
				if !errors.Is(err, driver.ErrMalformed) || !strings.Contains(err.Error(), "not json") {
					t.Errorf("Next after garbage = %v, %v; want ErrMalformed quoting the garbage", m, err)
				}
			}},
		{Name: "other referenceId", Want: []error{driver.ErrTimeout}, WantText: `referenceId "999", which no call is waiting for`,
			Respond: func(_ string, req map[string]any) Answer {
				r := map[string]any{}
				for k, v := range req {
					r[k] = v
				}
				r["referenceId"] = "999"
				return Answer{Messages: [][]byte{reply(r, "x")}}
			},
			WantNext: func(t *testing.T, m *wire.Message, err error) {
				if id, _ := m.ReferenceID(); err != nil || id != "999" {
					t.Errorf("Next after a stray reply = %v, %v; want the reply for referenceId 999", m, err)
				}
			}},
		// Near misses: the answer meant for the call, as the vendor client
		// drops it; the call fails at once, saying why.
		{Name: "numeric referenceId", Want: []error{driver.ErrBrokenEnvelope}, WantText: "echoes referenceId as 0, a JSON number",
			Respond: func(_ string, req map[string]any) Answer {
				b, _ := json.Marshal(map[string]any{"referenceId": 0, "request": req["request"], "data": 1,
					"userAgent": wire.ServerUserAgent, "protocolVersion": 2})
				return Answer{Messages: [][]byte{b}}
			}},
		{Name: "reply with an event key", Want: []error{driver.ErrBrokenEnvelope}, WantText: `carries an "event" key`,
			Respond: func(_ string, req map[string]any) Answer {
				b, _ := json.Marshal(map[string]any{"event": "agent", "referenceId": req["referenceId"], "request": req["request"], "data": 1,
					"userAgent": wire.ServerUserAgent, "protocolVersion": 2})
				return Answer{Messages: [][]byte{b}}
			}},
		{Name: "userAgent without WWE", Want: []error{driver.ErrBrokenEnvelope}, WantText: `userAgent "Workspace Server" does not contain`,
			Respond: func(_ string, req map[string]any) Answer {
				b, _ := json.Marshal(map[string]any{"referenceId": req["referenceId"], "request": req["request"], "data": 1,
					"userAgent": "Workspace Server", "protocolVersion": 2})
				return Answer{Messages: [][]byte{b}}
			}},
		{Name: "64 MiB message", Want: []error{driver.ErrTooLarge}, Heavy: true,
			Respond: func(_ string, req map[string]any) Answer { return Answer{Big: 64 << 20} }},
		{Name: "never", Want: []error{driver.ErrTimeout},
			Respond: func(string, map[string]any) Answer { return Answer{} }},
		{Name: "twice",
			Respond: func(_ string, req map[string]any) Answer {
				return Answer{Messages: [][]byte{reply(req, 1), reply(req, 2)}}
			},
			WantNext: func(t *testing.T, m *wire.Message, err error) {
				if err != nil || string(m.Data()) != "2" {
					t.Errorf("Next after a double reply = %v, %v; want the second reply", m, err)
				}
			}},
		// A driver that reads fast enough hits its queue limit and drops the
		// connection; a slower one (a browser) times out, saying how many
		// messages came meanwhile. Either way memory stays bounded.
		{Name: "event flood", Want: []error{driver.ErrClosed, driver.ErrTimeout},
			WantText: `event flood|meanwhile [0-9]+ other messages arrived`,
			Respond: func(_ string, req map[string]any) Answer {
				return Answer{Flood: floodSize, Messages: [][]byte{reply(req, "late")}}
			}},
		{Name: "dropped mid-call", Want: []error{driver.ErrClosed},
			Respond: func(string, map[string]any) Answer { return Answer{Drop: true} }},
	}
}

// HostileWebSocket serves h on a loopback websocket and returns its URL.
// The server stops when the test ends.
func HostileWebSocket(t testing.TB, h Hostile) string {
	srv := serveSockets(t, nil, func(ctx context.Context, conn *websocket.Conn, r *http.Request) {
		for {
			_, b, err := conn.Read(ctx)
			if err != nil {
				return
			}
			var req map[string]any
			if json.Unmarshal(b, &req) != nil {
				continue
			}
			a := h.Respond(r.Header.Get("Origin"), req)
			for _, m := range a.expand(req) {
				if conn.Write(ctx, websocket.MessageText, m) != nil {
					return
				}
			}
			if a.Drop {
				return
			}
		}
	})
	return "ws" + strings.TrimPrefix(srv.URL, "http") + "/"
}

// serveSockets starts a loopback server that answers plain requests with
// page (when set) and runs serve on each websocket for at most a minute;
// when the test ends it closes every connection and waits for the handlers.
func serveSockets(t testing.TB, page http.HandlerFunc, serve func(ctx context.Context, conn *websocket.Conn, r *http.Request)) *httptest.Server {
	var (
		mu     sync.Mutex
		closed bool
		wg     sync.WaitGroup
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if page != nil && r.Header.Get("Upgrade") == "" {
			page(w, r)
			return
		}
		mu.Lock()
		if closed {
			mu.Unlock()
			http.Error(w, "closing", http.StatusServiceUnavailable)
			return
		}
		wg.Add(1)
		mu.Unlock()
		defer wg.Done()
		conn, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
		if err != nil {
			return
		}
		defer conn.CloseNow()
		conn.SetReadLimit(-1)
		ctx, cancel := context.WithTimeout(r.Context(), time.Minute)
		defer cancel()
		serve(ctx, conn, r)
	}))
	t.Cleanup(func() {
		mu.Lock()
		closed = true
		mu.Unlock()
		srv.CloseClientConnections()
		srv.Close()
		wg.Wait()
	})
	return srv
}
