package exchange

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// fake is an exchange whose transport hands every sent message to a channel.
func fake(t *testing.T, timeout time.Duration) (*Exchange, chan map[string]any, *bool) {
	sent := make(chan map[string]any, 16)
	dropped := new(bool)
	x := New("https://app.example.com", "http://target", timeout, func(_ context.Context, b []byte) error {
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			m = map[string]any{"raw": string(b)}
		}
		sent <- m
		return nil
	}, func() { *dropped = true })
	return x, sent, dropped
}

// answer delivers a reply to the next sent request, built by f.
func answer(x *Exchange, sent chan map[string]any, f func(req map[string]any) string) {
	go func() { x.Deliver([]byte(f(<-sent))) }()
}

func replyTo(req map[string]any) string {
	return fmt.Sprintf(`{"referenceId":%q,"request":%q,"data":1,"userAgent":"WWE Server","protocolVersion":2}`, req["referenceId"], req["request"])
}

func TestReferenceIDsCountFromZero(t *testing.T) {
	x, sent, _ := fake(t, time.Second)
	for _, want := range []string{"0", "1", "mine", "2"} {
		req := wire.NewRequest("agent.getState", "", nil)
		if want == "mine" {
			req.ReferenceID = "mine"
		}
		answer(x, sent, replyTo)
		m, err := x.Call(context.Background(), req)
		if id, _ := m.ReferenceID(); err != nil || id != want {
			t.Errorf("call: %v, referenceId %q; want %q", err, id, want)
		}
	}
}

func TestRouting(t *testing.T) {
	cases := []struct {
		name     string
		answer   string // %s is the request's referenceId
		wantCall error  // nil: the call gets the message
		wantNote string
		wantNext *wire.Kind // nil: nothing is queued for Next
	}{
		{"reply", `{"referenceId":"%s","data":1}`, nil, "", nil},
		{"acknowledgement", `{"referenceId":"%s","subscriptionId":"s"}`, nil, "", nil},
		{"reply with userAgent WWE", `{"referenceId":"%s","userAgent":"WWE Server"}`, nil, "", nil},
		{"another referenceId", `{"referenceId":"x%s"}`, driver.ErrTimeout, "which no call is waiting for", kind(wire.KindReply)},
		{"numeric referenceId for no call", `{"referenceId":99,"x":"%s"}`, driver.ErrTimeout, "referenceId is not a string", kind(wire.KindReply)},
		{"event carrying the referenceId", `{"event":"agent","referenceId":"%s","data":{}}`, driver.ErrTimeout,
			`taken for an event as the vendor client does`, kind(wire.KindEvent)},
		{"event without referenceId", `{"event":"agent","x":"%s"}`, driver.ErrTimeout, "no reply within", kind(wire.KindEvent)},
		{"no kind", `{"hello":"%s"}`, driver.ErrTimeout, "a message the vendor client ignores", kind(wire.KindUnknown)},
		// Near misses: the call fails at once, saying why.
		{"referenceId as a number", `{"referenceId":%s,"data":1}`, driver.ErrBrokenEnvelope,
			`broken envelope (every vendor client drops this answer): the reply echoes referenceId as 0, a JSON number, not the string sent: ` +
				`the vendor client compares with === and drops it (envelope.reply.3): "{\"referenceId\":0,\"data\":1}"`, nil},
		{"acknowledgement with an event key", `{"event":"subscribe","referenceId":"%s","subscriptionId":"s"}`, driver.ErrBrokenEnvelope,
			`the answer carries an "event" key ("subscribe") next to referenceId "0": the vendor client takes it for an event, so the call never completes`, nil},
		{"reply with an event key and a numeric referenceId", `{"event":"agent","request":"agent.getState","referenceId":%s}`, driver.ErrBrokenEnvelope, `next to referenceId 0:`, nil},
		{"userAgent without WWE", `{"referenceId":"%s","userAgent":"Workspace Server"}`, driver.ErrBrokenEnvelope,
			`the reply's userAgent "Workspace Server" does not contain "WWE": the vendor client drops it (envelope.reply.1)`, nil},
		{"userAgent WWE only once decoded", `{"referenceId":"%s","userAgent":"\u0057WE Server"}`, nil, "", nil},
		{"userAgent a list naming WWE", `{"referenceId":"%s","userAgent":["WWE"]}`, driver.ErrBrokenEnvelope, `userAgent ["WWE"] does not contain "WWE"`, nil},
		{"userAgent not a string", `{"referenceId":"%s","userAgent":7}`, driver.ErrBrokenEnvelope, `userAgent 7 does not contain "WWE"`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x, sent, _ := fake(t, 200*time.Millisecond)
			answer(x, sent, func(req map[string]any) string { return fmt.Sprintf(c.answer, req["referenceId"]) })
			start := time.Now()
			m, err := x.Call(context.Background(), wire.NewRequest("agent.getState", "", nil))
			if c.wantCall == nil {
				if err != nil || m == nil {
					t.Fatalf("Call = %v; want the message", err)
				}
				return
			}
			if !errors.Is(err, c.wantCall) || !strings.Contains(err.Error(), c.wantNote) {
				t.Fatalf("Call = %v; want %v saying %q", err, c.wantCall, c.wantNote)
			}
			if c.wantCall == driver.ErrBrokenEnvelope && time.Since(start) >= 200*time.Millisecond {
				t.Errorf("a near miss waited %v, the whole timeout, instead of failing at once", time.Since(start))
			}
			n, err := x.Next(context.Background())
			switch {
			case c.wantNext == nil && !errors.Is(err, driver.ErrTimeout):
				t.Errorf("Next = %v, %v; want nothing queued (the call took the message)", n, err)
			case c.wantNext != nil && (err != nil || n.Kind() != *c.wantNext):
				t.Errorf("Next = %v, %v; want a %v", n, err, *c.wantNext)
			}
		})
	}
}

// TestNearMissReferenceIDs: a referenceId echoed as another JSON type is
// matched to the pending call it names, by text first, else by number.
func TestNearMissReferenceIDs(t *testing.T) {
	cases := []struct{ sent, echoed string }{
		{"7", "7"}, {"007", "7"}, {"1e3", "1000"}, {" 5 ", "5"}, {"-1", "-1"}, {"true", "true"}, {"null", "null"},
	}
	for _, c := range cases {
		t.Run(c.sent, func(t *testing.T) {
			x, sent, _ := fake(t, 200*time.Millisecond)
			answer(x, sent, func(map[string]any) string { return `{"referenceId":` + c.echoed + `}` })
			req := wire.NewRequest("agent.getState", c.sent, nil)
			if _, err := x.Call(context.Background(), req); !errors.Is(err, driver.ErrBrokenEnvelope) {
				t.Errorf("referenceId %q echoed as %s: Call = %v; want ErrBrokenEnvelope", c.sent, c.echoed, err)
			}
		})
	}
}

// TestMisEchoedAcknowledgement: an acknowledgement echoing a referenceId no
// call waits for fails the one subscribe awaiting its acknowledgement at
// once; with no subscribe awaited it is routed as a stray reply.
func TestMisEchoedAcknowledgement(t *testing.T) {
	cases := []struct {
		name, ack string
		want      string // "" : the subscribe is not refused
	}{
		{"subscriptionId as referenceId", `{"referenceId":"subscription-1","subscriptionId":"subscription-1"}`,
			`broken envelope (every vendor client drops this answer): the acknowledgement (subscriptionId "subscription-1") carries referenceId "subscription-1", ` +
				`not the string "0" the subscribe sent: the vendor client matches it to no subscription (envelope.reply.3)`},
		{"no referenceId", `{"subscriptionId":"s"}`, `carries no referenceId, not the string "0"`},
		{"no subscriptionId", `{"referenceId":"subscription-1"}`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x, sent, _ := fake(t, 200*time.Millisecond)
			answer(x, sent, func(map[string]any) string { return c.ack })
			_, err := x.Subscribe(context.Background(), "agent")
			if c.want == "" {
				if !errors.Is(err, driver.ErrTimeout) {
					t.Errorf("Subscribe = %v; want a timeout (a stray reply answers no subscribe)", err)
				}
				return
			}
			if !errors.Is(err, driver.ErrBrokenEnvelope) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Subscribe = %v; want ErrBrokenEnvelope saying %q", err, c.want)
			}
		})
	}
	// A late acknowledgement of a subscribe given up answers that one.
	x, sent, _ := fake(t, 100*time.Millisecond)
	if _, err := x.Subscribe(context.Background(), "agent"); !errors.Is(err, driver.ErrTimeout) {
		t.Fatalf("Subscribe without an answer = %v", err)
	}
	<-sent
	answer(x, sent, func(req map[string]any) string {
		x.Deliver([]byte(`{"referenceId":"0","subscriptionId":"late"}`))
		return fmt.Sprintf(`{"referenceId":%q,"subscriptionId":"s-1"}`, req["referenceId"])
	})
	if ack, err := x.Subscribe(context.Background(), "agent"); err != nil || !ack.Has("subscriptionId") {
		t.Errorf("a subscribe meeting the late acknowledgement of an earlier one = %v, %v; want its own acknowledgement", ack, err)
	}
	x, _, _ = fake(t, 200*time.Millisecond)
	x.Deliver([]byte(`{"referenceId":"subscription-1","subscriptionId":"subscription-1"}`))
	if m, err := x.Next(context.Background()); err != nil || m.Kind() != wire.KindAck {
		t.Errorf("an acknowledgement while no subscribe waits: Next = %v, %v; want it queued", m, err)
	}
}

func kind(k wire.Kind) *wire.Kind { return &k }

func TestFrameIDIsEchoed(t *testing.T) {
	x, sent, _ := fake(t, time.Second)
	x.Deliver([]byte(`{"frameId":"f-9","userAgent":"WWE Server","protocolVersion":2}`))
	answer(x, sent, replyTo)
	if _, err := x.Call(context.Background(), wire.NewRequest("agent.getState", "", nil)); err != nil {
		t.Fatal(err)
	}
	tr := x.Transcript()
	var out map[string]any
	json.Unmarshal(tr[1].Message, &out)
	if out["frameId"] != "f-9" {
		t.Errorf("request after a frameId message = %s; want frameId f-9", tr[1].Message)
	}
	if m, err := x.Next(context.Background()); err != nil || m.Kind() != wire.KindFrameID {
		t.Errorf("Next = %v, %v; want the frameId message", m, err)
	}
}

func TestFailEndsEverything(t *testing.T) {
	x, sent, _ := fake(t, 5*time.Second)
	x.Deliver([]byte(`{"event":"agent","data":{}}`))
	go func() {
		<-sent
		x.Fail(fmt.Errorf("%w: gone", driver.ErrClosed))
	}()
	start := time.Now()
	if _, err := x.Call(context.Background(), wire.NewRequest("agent.getState", "", nil)); !errors.Is(err, driver.ErrClosed) {
		t.Errorf("pending Call = %v; want ErrClosed", err)
	}
	if time.Since(start) > 4*time.Second {
		t.Errorf("the pending call waited for its timeout instead of failing at once")
	}
	if m, err := x.Next(context.Background()); err != nil || m.Kind() != wire.KindEvent {
		t.Errorf("Next after Fail = %v, %v; want the queued event first", m, err)
	}
	if _, err := x.Next(context.Background()); !errors.Is(err, driver.ErrClosed) {
		t.Errorf("Next after the queue = %v; want ErrClosed", err)
	}
	if err := x.SendRaw(context.Background(), []byte("{}")); !errors.Is(err, driver.ErrClosed) {
		t.Errorf("SendRaw after Fail = %v; want ErrClosed", err)
	}
}

func TestMalformedAndOversized(t *testing.T) {
	x, _, _ := fake(t, time.Second)
	x.Deliver([]byte("not json"))
	if _, err := x.Next(context.Background()); !errors.Is(err, driver.ErrMalformed) ||
		!strings.Contains(err.Error(), `invalid JSON at byte offset 2`) || !strings.Contains(err.Error(), `"not json"`) {
		t.Errorf("Next after garbage = %v", err)
	}
	x.Deliver(make([]byte, wire.MaxMessageBytes+1))
	if _, err := x.Next(context.Background()); !errors.Is(err, driver.ErrTooLarge) {
		t.Errorf("Next after an oversized message = %v; want ErrTooLarge", err)
	}
	tr := x.Transcript()
	want := []string{`"not json"`, `"a 1048577-byte message over the 1048576-byte limit (not kept)"`}
	for i, e := range tr {
		if string(e.Message) != want[i] || e.Direction != driver.In || e.Origin != "http://target" {
			t.Errorf("transcript %d = %s %s %s; want in %s from the target", i, e.Direction, e.Origin, e.Message, want[i])
		}
	}
}

func TestFloodIsBounded(t *testing.T) {
	x, _, dropped := fake(t, time.Second)
	ev := []byte(`{"event":"agent","data":{"eventType":"STATE_CHANGED"}}`)
	for range MaxQueued + 1 {
		x.Deliver(ev)
	}
	if !*dropped || !errors.Is(x.Err(), driver.ErrClosed) || !strings.Contains(x.Err().Error(), "event flood") {
		t.Errorf("after %d unread events: dropped %v, err %v", MaxQueued+1, *dropped, x.Err())
	}
}

func TestNextTimesOut(t *testing.T) {
	x, _, _ := fake(t, 50*time.Millisecond)
	if _, err := x.Next(context.Background()); !errors.Is(err, driver.ErrTimeout) {
		t.Errorf("Next with nothing queued = %v; want ErrTimeout", err)
	}
}

// TestSettled: a wait's Settled closes when its reply, its near miss or the
// exchange's failure comes, not before.
func TestSettled(t *testing.T) {
	for _, c := range []struct {
		name    string
		deliver func(x *Exchange)
		want    error // nil: the reply
	}{
		{"reply", func(x *Exchange) { x.Deliver([]byte(`{"referenceId":"0","data":1}`)) }, nil},
		{"near miss", func(x *Exchange) { x.Deliver([]byte(`{"referenceId":0,"data":1}`)) }, driver.ErrBrokenEnvelope},
		{"failure", func(x *Exchange) { x.Fail(driver.ErrClosed) }, driver.ErrClosed},
	} {
		t.Run(c.name, func(t *testing.T) {
			x, _, _ := fake(t, time.Second)
			e, err := x.Expect("0", "request")
			if err != nil {
				t.Fatal(err)
			}
			x.Deliver([]byte(`{"referenceId":"other","data":1}`))
			select {
			case <-e.Settled():
				t.Fatal("settled by a reply to another referenceId")
			default:
			}
			c.deliver(x)
			<-e.Settled()
			m, err := e.Wait(context.Background())
			if c.want == nil && (err != nil || m == nil) || c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("Wait after Settled = %v, %v; want %v", m, err, c.want)
			}
		})
	}
}
