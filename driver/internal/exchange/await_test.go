package exchange

import (
	"context"
	"errors"
	"testing"
	"time"

	"scapi-conformance/driver"
)

// TestAwait: an answer to a message sent raw is matched as Call matches it,
// kept out of Next, and placed among the messages Next returns; a near miss
// ends the wait with the message it was.
func TestAwait(t *testing.T) {
	ctx := context.Background()
	x := New("http://a", "t", 0, func(context.Context, []byte) error { return nil }, nil)
	var _ driver.Awaiter = x
	aw, err := x.Await("5", "request")
	if err != nil {
		t.Fatal(err)
	}
	x.Deliver([]byte(`{"event":"agent","data":{"eventType":"X"},"userAgent":"WWE Server","protocolVersion":2}`))
	x.Deliver([]byte(`{"referenceId":"5","request":"agent.get","data":1,"userAgent":"WWE Server","protocolVersion":2}`))
	m, err := aw.Wait(ctx)
	if err != nil || string(m.Data()) != "1" || aw.Answer() != m || aw.After() != 1 || aw.Rank() != 0 {
		t.Fatalf("Wait = %v, %v; Answer %v, After %d; want the reply, after 1 message", m, err, aw.Answer(), aw.After())
	}
	if e, err := x.Next(ctx); err != nil || !e.Has("event") {
		t.Fatalf("Next = %v, %v; want the event only", e, err)
	}
	aw, _ = x.Await("6", "request")
	x.Deliver([]byte(`{"referenceId":6,"request":"agent.get","data":1,"userAgent":"WWE Server","protocolVersion":2}`))
	if m, err := aw.Wait(ctx); !errors.Is(err, driver.ErrBrokenEnvelope) || m != nil || aw.Answer() == nil || aw.After() != 1 || aw.Rank() != 1 {
		t.Fatalf("Wait on a near miss = %v, %v, Answer %v, After %d; want ErrBrokenEnvelope and the message", m, err, aw.Answer(), aw.After())
	}
}

// TestNextAfter: each message for Next says how many awaited answers came
// before it.
func TestNextAfter(t *testing.T) {
	ctx := context.Background()
	x := New("http://a", "t", 0, func(context.Context, []byte) error { return nil }, nil)
	ev := []byte(`{"event":"agent","data":{"eventType":"X"},"userAgent":"WWE Server","protocolVersion":2}`)
	x.Deliver(ev)
	aw, _ := x.Await("1", "request")
	x.Deliver([]byte(`{"referenceId":"1","request":"agent.get","data":1,"userAgent":"WWE Server","protocolVersion":2}`))
	x.Deliver(ev)
	if n, a := x.Arrived(); n != 2 || a != 1 {
		t.Errorf("Arrived() = %d, %d; want 2 messages for Next and 1 answer", n, a)
	}
	for i, want := range []int{0, 1} {
		if a, err := x.NextAfter(ctx); err != nil || a.Answers != want || a.Of != nil {
			t.Errorf("message %d: NextAfter = %+v, %v; want %d answers before it, naming no awaited message", i, a, err, want)
		}
	}
	if _, err := aw.Wait(ctx); err != nil || aw.After() != 1 {
		t.Errorf("Wait = %v, After %d; want the answer after 1 message", err, aw.After())
	}
}

// TestPoll: Poll says whether the answer has come without waiting, and
// leaves it for Wait.
func TestPoll(t *testing.T) {
	x := New("http://a", "t", 0, func(context.Context, []byte) error { return nil }, nil)
	aw, _ := x.Await("1", "request")
	if aw.Poll() || aw.Answer() != nil {
		t.Fatal("Poll before the answer: want false and no answer")
	}
	x.Deliver([]byte(`{"referenceId":"1","request":"agent.get","data":1,"userAgent":"WWE Server","protocolVersion":2}`))
	if !aw.Poll() || aw.Answer() == nil || aw.Rank() != 0 {
		t.Fatalf("Poll after the answer: want true and the answer, got %v rank %d", aw.Answer(), aw.Rank())
	}
	if m, err := aw.Wait(context.Background()); err != nil || string(m.Data()) != "1" {
		t.Fatalf("Wait after Poll = %v, %v; want the answer", m, err)
	}
}

func TestForgetTranscript(t *testing.T) {
	x, _, _ := fake(t, time.Second)
	x.Deliver([]byte(`{"event":"agent","data":{}}`))
	x.Record(driver.Out, []byte(`not json`))
	if got := len(x.Transcript()); got != 2 {
		t.Fatalf("transcript before: %d entries, want 2", got)
	}
	x.ForgetTranscript()
	if got := x.Transcript(); len(got) != 0 {
		t.Fatalf("transcript after ForgetTranscript: %v, want none", got)
	}
	x.Deliver([]byte(`{"event":"agent","data":{"n":1}}`))
	got := x.Transcript()
	if len(got) != 1 || string(got[0].Message) != `{"event":"agent","data":{"n":1}}` || got[0].Direction != driver.In || got[0].Origin != "http://target" {
		t.Fatalf("transcript after a later message: %+v, want that message alone, in, from the target", got)
	}
}
