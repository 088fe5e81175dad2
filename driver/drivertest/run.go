// Package drivertest holds what every driver must pass: the shared driver
// contract test (Run), run against the reference Workspace through each
// driver, a scripted session whose transcripts two drivers must agree on
// (Script, SameTranscript), and the hostile targets of issue 5
// (HostileCases, RunHostile, HostileWebSocket, HostileServicePage).
package drivertest

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// Run is the shared driver contract test. open returns a driver connected
// to a steerable reference Workspace; Run closes it. It checks, through the
// driver, what DESIGN.md's wire protocol and driver.Driver promise: origins
// offered and presented, referenceIds counted from "0" and matched, reply
// and acknowledgement envelopes, events streamed in order after the
// acknowledgement, the transcript, errors once a client is closed, and the
// driver.Awaiter the fuzzer uses.
func Run(t *testing.T, open func(t *testing.T) driver.Driver) {
	d := open(t)
	t.Cleanup(func() { d.Close() })
	ctl := d.Control()
	if ctl == nil {
		t.Fatal("the driver contract test needs a steerable target (Control() is nil)")
	}
	t.Run("origins", func(t *testing.T) { checkOrigins(t, d.Origins()) })
	t.Run("calls", func(t *testing.T) { checkCalls(t, d) })
	t.Run("origin reaches the target", func(t *testing.T) { checkOriginPresented(t, d) })
	t.Run("subscribe and events", func(t *testing.T) { checkEvents(t, d) })
	t.Run("closed client", func(t *testing.T) { checkClosed(t, d) })
	t.Run("awaited", func(t *testing.T) { checkAwaited(t, d) })
	t.Run("scripted session", func(t *testing.T) {
		tr, err := Script(context.Background(), d)
		if err != nil {
			t.Fatal(err)
		}
		checkTranscript(t, tr, d.Origins()[0])
	})
}

// checkOrigins: at least four, distinct, serialised as event.origin is.
func checkOrigins(t *testing.T, origins []string) {
	seen := map[string]bool{}
	for _, o := range origins {
		if n, err := allowlist.NormalizeOrigin(o); err != nil || n != o {
			t.Errorf("origin %q is not serialised as event.origin is (allowlist.NormalizeOrigin)", o)
		}
		seen[o] = true
	}
	if len(seen) < 4 || len(seen) != len(origins) {
		t.Errorf("Origins() = %v; want at least four distinct origins", origins)
	}
}

// prepare resets the target and lets the given origins send everything.
func prepare(t *testing.T, d driver.Driver, allowed ...string) {
	t.Helper()
	ctx := context.Background()
	if err := d.Control().Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if err := d.Control().SetOptions(ctx, control.Options{options.AcceptedOrigins: strings.Join(allowed, ", ")}); err != nil {
		t.Fatal(err)
	}
}

func openClient(t *testing.T, d driver.Driver, origin string) driver.Client {
	t.Helper()
	c, err := d.Open(context.Background(), origin)
	if err != nil {
		t.Fatalf("Open(%s): %v", origin, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// checkReply checks a success reply to request with referenceId id.
func checkReply(t *testing.T, m *wire.Message, request, id string) {
	t.Helper()
	ua, _ := m.String("userAgent")
	pv, _ := m.Int("protocolVersion")
	ref, _ := m.ReferenceID()
	req, _ := m.String("request")
	_, failed := m.ErrorMessage()
	if m.Kind() != wire.KindReply || ref != id || req != request || !strings.Contains(ua, "WWE") ||
		pv != wire.ProtocolVersion || failed || !m.Has("data") {
		t.Errorf("reply to %s #%s = %s; want a success reply echoing referenceId %q", request, id, m.Raw, id)
	}
}

// checkCalls: referenceIds "0", "1", … per client, a caller's own kept.
func checkCalls(t *testing.T, d driver.Driver) {
	prepare(t, d, d.Origins()...)
	ctx := context.Background()
	for _, origin := range d.Origins() {
		c := openClient(t, d, origin)
		if c.Origin() != origin {
			t.Errorf("Origin() = %q; want %q", c.Origin(), origin)
		}
		for _, id := range []string{"0", "1"} {
			m, err := c.Call(ctx, wire.NewRequest("agent.getState", "", nil))
			if err != nil {
				t.Fatalf("%s: agent.getState: %v", origin, err)
			}
			checkReply(t, m, "agent.getState", id)
		}
		m, err := c.Call(ctx, wire.NewRequest("agent.getState", "own-7", nil))
		if err != nil {
			t.Fatalf("%s: agent.getState own-7: %v", origin, err)
		}
		checkReply(t, m, "agent.getState", "own-7")
	}
}

// checkOriginPresented: with only the first origin accepted, a client on the
// second does not get a success reply (an error reply, or silence).
func checkOriginPresented(t *testing.T, d driver.Driver) {
	origins := d.Origins()
	prepare(t, d, origins[0])
	m, err := openClient(t, d, origins[0]).Call(context.Background(), wire.NewRequest("agent.getState", "", nil))
	if err != nil {
		t.Fatal(err)
	}
	checkReply(t, m, "agent.getState", "0")
	// Silence is an answer too here: wait a bounded while for it.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	m, err = openClient(t, d, origins[1]).Call(ctx, wire.NewRequest("agent.getState", "", nil))
	if err == nil {
		if _, failed := m.ErrorMessage(); !failed {
			t.Errorf("%s is not accepted, yet agent.getState succeeded: %s", origins[1], m.Raw)
		}
	} else if !errors.Is(err, driver.ErrTimeout) {
		t.Errorf("unaccepted origin: %v", err)
	}
}

// checkEvents: the acknowledgement, then an injected inbound call's
// interaction events, in order, carrying the interactionId the target made.
func checkEvents(t *testing.T, d driver.Driver) {
	prepare(t, d, d.Origins()...)
	ctx := context.Background()
	c := openClient(t, d, d.Origins()[3])
	ack, err := c.Subscribe(ctx, "interaction")
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := ack.ReferenceID(); ack.Kind() != wire.KindAck || id != "0" {
		t.Fatalf("subscribe acknowledgement = %s; want subscriptionId and referenceId \"0\"", ack.Raw)
	}
	res, err := d.Control().Stimulate(ctx, control.Stimulus{Name: control.StimInboundCall})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := res.Result["interactionId"].(string)
	for _, eventType := range []string{"ADDED", "RINGING"} {
		ev, err := nextEvent(ctx, c, "interaction")
		if err != nil {
			t.Fatalf("waiting for %s: %v", eventType, err)
		}
		var data struct {
			EventType   string `json:"eventType"`
			Interaction struct {
				InteractionID string `json:"interactionId"`
			} `json:"interaction"`
		}
		json.Unmarshal(ev.Data(), &data)
		if data.EventType != eventType || data.Interaction.InteractionID != want {
			t.Errorf("event %s; want %s for interaction %q", ev.Raw, eventType, want)
		}
	}
}

// nextEvent returns the next event named name, skipping other messages.
func nextEvent(ctx context.Context, c driver.Client, name string) (*wire.Message, error) {
	for {
		m, err := c.Next(ctx)
		if err != nil {
			return nil, err
		}
		if ev, _ := m.String("event"); ev == name {
			return m, nil
		}
	}
}

// checkClosed: calls on a closed client fail with driver.ErrClosed at once.
func checkClosed(t *testing.T, d driver.Driver) {
	prepare(t, d, d.Origins()...)
	c := openClient(t, d, d.Origins()[0])
	c.Close()
	_, err := c.Call(context.Background(), wire.NewRequest("agent.getState", "", nil))
	if !errors.Is(err, driver.ErrClosed) {
		t.Errorf("Call on a closed client = %v; want ErrClosed", err)
	}
}

// checkTranscript: every envelope in and out, in time order, with the
// client's origin on what went out.
func checkTranscript(t *testing.T, tr []driver.Entry, origin string) {
	var outs, ins int
	for i, e := range tr {
		if i > 0 && e.Time.Before(tr[i-1].Time) {
			t.Errorf("transcript entry %d is earlier than the one before", i)
		}
		if !json.Valid(e.Message) {
			t.Errorf("transcript entry %d is not JSON: %q", i, e.Message)
		}
		switch e.Direction {
		case driver.Out:
			outs++
			if e.Origin != origin {
				t.Errorf("out entry %d from %q; want %q", i, e.Origin, origin)
			}
		case driver.In:
			ins++
		}
	}
	if outs != len(scriptSteps)+2 || ins <= outs {
		t.Errorf("transcript has %d out and %d in entries; want %d out and more in (replies and events)", outs, ins, len(scriptSteps)+2)
	}
}
