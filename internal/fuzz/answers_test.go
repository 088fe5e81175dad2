package fuzz

import (
	"context"
	"encoding/json"
	"strconv"
	"sync"
	"testing"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver/inproc"
)

// numericRef is the referenceId of req as a JSON number.
func numericRef(req map[string]any) any {
	n, _ := strconv.Atoi(req["referenceId"].(string))
	return n
}

// TestAnswersRecorded: what the exchange says a message answers is what
// the call records: its reply, further replies with its referenceId
// (extra), and an answer echoing the referenceId as a number (badRef),
// whether the call was still waiting or already answered; an answer naming
// no call of the session, or null, is no answer of the call.
func TestAnswersRecorded(t *testing.T) {
	origins := inprocOrigins[:1]
	opts := control.Options{"service-client-api.accepted-web-content-origins": origins[0]}
	with := func(edit func(req map[string]any, first map[string]any) []map[string]any) func(string, map[string]any) []map[string]any {
		return func(o string, req map[string]any) []map[string]any {
			if req["request"] == nil {
				return succeedAll(o, req) // the end barrier
			}
			return edit(req, succeedAll(o, req)[0])
		}
	}
	copyWith := func(m map[string]any, key string, v any) map[string]any {
		c := map[string]any{}
		for k, x := range m {
			c[k] = x
		}
		c[key] = v
		return c
	}
	cases := []struct {
		name                 string
		answer               func(string, map[string]any) []map[string]any
		reply, badRef, extra int // entries expected: 0 or 1 reply and badRef, the number of extras
	}{
		{"one reply", succeedAll, 1, 0, 0},
		{"a second reply", with(func(_, first map[string]any) []map[string]any {
			return []map[string]any{first, first}
		}), 1, 0, 1},
		{"three replies", with(func(_, first map[string]any) []map[string]any {
			return []map[string]any{first, first, first}
		}), 1, 0, 2},
		{"a numeric echo, the call waiting", with(func(req, first map[string]any) []map[string]any {
			return []map[string]any{copyWith(first, "referenceId", numericRef(req))}
		}), 0, 1, 0},
		{"a numeric echo after the reply", with(func(req, first map[string]any) []map[string]any {
			return []map[string]any{first, copyWith(first, "referenceId", numericRef(req))}
		}), 1, 1, 0},
		{"two numeric echoes", with(func(req, first map[string]any) []map[string]any {
			num := copyWith(first, "referenceId", numericRef(req))
			return []map[string]any{num, num}
		}), 0, 1, 0},
		{"null after the reply", with(func(_, first map[string]any) []map[string]any {
			return []map[string]any{first, copyWith(first, "referenceId", nil)}
		}), 1, 0, 0},
		{"a reply to a referenceId never sent", with(func(_, first map[string]any) []map[string]any {
			return []map[string]any{first, copyWith(first, "referenceId", "99")}
		}), 1, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := NewRunner(fakeTarget(c.answer), Config{CallTimeout: time.Second, Quiet: time.Millisecond})
			defer r.Close()
			rec, err := r.play(context.Background(), &Session{Origins: origins, Options: opts,
				Steps: []Step{{Op: OpCall, Request: "agent.getState", NoParams: true}}})
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.calls) != 1 {
				t.Fatalf("%d calls recorded, want 1", len(rec.calls))
			}
			p := rec.calls[0]
			if got := count(p.reply); got != c.reply {
				t.Errorf("reply: %d entries, want %d", got, c.reply)
			}
			if got := count(p.badRef); got != c.badRef {
				t.Errorf("badRef: %d entries, want %d", got, c.badRef)
			}
			if len(p.extra) != c.extra {
				t.Errorf("extra: %d entries, want %d", len(p.extra), c.extra)
			}
			if p.badRef != nil && p.badRef.msg.Fields["referenceId"][0] == '"' {
				t.Errorf("badRef %s echoes the referenceId as a string", p.badRef.raw)
			}
		})
	}
}

// count is 1 for an entry, 0 for none.
func count(e *entry) int {
	if e == nil {
		return 0
	}
	return 1
}

// heldService is a target that answers each request late: when the next
// message comes on the same connection (a request, or the end-of-session
// barrier, which it acknowledges).
type heldService struct{}

func (heldService) Connect(origin string, deliver func([]byte), _ func(error)) (func([]byte), func()) {
	var held []byte
	return func(b []byte) {
		var req map[string]any
		if json.Unmarshal(b, &req) != nil {
			return
		}
		if held != nil {
			deliver(held)
			held = nil
		}
		if req["event"] == wire.EventSubscribe {
			deliver(ack(req))
			return
		}
		held, _ = json.Marshal(succeedAll(origin, req)[0])
	}, func() {}
}

// ack acknowledges a subscribe (a barrier: to nothing).
func ack(req map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"referenceId": req["referenceId"], "subscriptionId": "s-" + req["referenceId"].(string),
		"userAgent": wire.ServerUserAgent, "protocolVersion": wire.ProtocolVersion})
	return b
}

// TestLateReply: a reply that comes after the wait for it ended (the
// exchange's timeout) is still the call's reply: the exchange names the
// call, not the fuzzer's own lookup of referenceIds.
func TestLateReply(t *testing.T) {
	origins := inprocOrigins[:1]
	d := inproc.New(inproc.Config{Service: heldService{}, Control: fakeControl{}, Timeout: time.Millisecond})
	r := NewRunner(d, Config{CallTimeout: 50 * time.Millisecond, Quiet: time.Millisecond})
	defer r.Close()
	call := Step{Op: OpCall, Request: "agent.getState", NoParams: true}
	rec, err := r.play(context.Background(), &Session{Origins: origins,
		Options: control.Options{"service-client-api.accepted-web-content-origins": origins[0]}, Steps: []Step{call, call}})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range rec.calls {
		if p.reply == nil || p.reply.msg.Fields["referenceId"] == nil {
			t.Errorf("call %d (referenceId %q): no reply recorded, though it came late", i, p.refID)
			continue
		}
		if ref, _ := p.reply.msg.ReferenceID(); ref != p.refID || p.reply.call != p || len(p.extra) != 0 || p.badRef != nil {
			t.Errorf("call %d (referenceId %q): reply %s, %d extra, badRef %v", i, p.refID, p.reply.raw, len(p.extra), p.badRef)
		}
	}
}

// crossService is a target that handles a request of the first client
// only once the second client's end barrier has come: it acknowledges that
// barrier, then answers the request (and the first client's barrier after
// it) and makes an event for the second client, which goes out on that
// connection before whatever the target sends it next (the order one
// connection keeps). Every other message is answered at once.
type crossService struct {
	mu      sync.Mutex
	a       func([]byte)
	held    [][]byte // the first client's messages not handled yet
	toB     [][]byte // events for the second client not sent yet
	crossed bool
	origins []string
}

func (s *crossService) Connect(origin string, deliver func([]byte), _ func(error)) (func([]byte), func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	first := origin == s.origins[0]
	if first {
		s.a = deliver
	}
	return func(b []byte) {
		var req map[string]any
		if json.Unmarshal(b, &req) != nil {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if !first {
			for _, ev := range s.toB {
				deliver(ev)
			}
			s.toB = nil
		}
		switch {
		case first && !s.crossed && (req["request"] != nil || len(s.held) > 0):
			s.held = append(s.held, b) // the request, then its connection's barrier
		case !first && !s.crossed && len(s.held) > 0 && req["event"] == wire.EventSubscribe:
			s.crossed = true
			deliver(ack(req))
			for _, h := range s.held {
				var r map[string]any
				_ = json.Unmarshal(h, &r)
				s.answer(s.a, r)
				if r["request"] != nil {
					s.toB = append(s.toB, []byte(`{"event":"agent","data":{"eventType":"CrossedOver"},"userAgent":"WWE Server","protocolVersion":2}`))
				}
			}
			s.held = nil
		default:
			s.answer(deliver, req)
		}
	}, func() {}
}

// answer answers one message: a subscribe with its acknowledgement, a
// request with a success.
func (s *crossService) answer(deliver func([]byte), req map[string]any) {
	if req["event"] == wire.EventSubscribe {
		deliver(ack(req))
		return
	}
	b, _ := json.Marshal(succeedAll("", req)[0])
	deliver(b)
}

// TestSecondEndBarrierRound: a request still unanswered when the end
// barriers go out, handled after another client's barrier, makes an event
// for that client after its barrier's answer; the second round of barriers
// brings it into the session that caused it (else the next session would
// get it). The request is one the fuzzer does not wait for: its fate
// unknown (no options), or its reply not due although the options are known
// (allowed through a namespace wildcard, which the oracle reads two ways).
func TestSecondEndBarrierRound(t *testing.T) {
	origins := inprocOrigins[:2]
	for _, c := range []struct {
		name    string
		options control.Options
	}{
		{"policy unknown", nil},
		{"reply not due", control.Options{options.AcceptedOrigins: origins[0] + " (agent.*), " + origins[1]}},
	} {
		t.Run(c.name, func(t *testing.T) {
			svc := &crossService{origins: origins}
			r := NewRunner(inproc.New(inproc.Config{Service: svc, Control: fakeControl{}}), Config{CallTimeout: time.Second, Quiet: time.Millisecond})
			defer r.Close()
			rec, err := r.play(context.Background(), &Session{Origins: origins, Options: c.options, Steps: []Step{
				{Op: OpCall, Client: 1, Request: "agent.getState", NoParams: true},
				{Op: OpCall, Client: 0, Request: "agent.getState", NoParams: true},
			}})
			if err != nil {
				t.Fatal(err)
			}
			if p := rec.calls[1]; p.expect.replyDue || (c.options != nil && !p.expect.policyKnown) {
				t.Fatalf("the held request's expectation %+v: the scenario needs a reply not due", p.expect)
			}
			if !svc.crossed {
				t.Fatal("the target never handled the held request (the scenario did not happen)")
			}
			var crossed bool
			for _, e := range rec.timeline {
				if e.in && e.client == 1 && e.msg != nil && e.msg.Kind() == wire.KindEvent {
					crossed = true
				}
			}
			if !crossed {
				t.Errorf("the event the first client's request made for the second client after its barrier is not in the session")
			}
			if rec.calls[1].reply == nil {
				t.Errorf("the held request's reply is not in the session")
			}
		})
	}
}
