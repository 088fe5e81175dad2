package exchange

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"scapi-conformance/driver"
)

// replyEchoing is a success reply whose referenceId is the raw JSON ref.
func replyEchoing(ref string) []byte {
	return []byte(`{"referenceId":` + ref + `,"request":"agent.getState","data":1,"userAgent":"WWE Server","protocolVersion":2}`)
}

// awaitAnswered awaits id and delivers its reply, which the wait takes.
func awaitAnswered(t *testing.T, x *Exchange, id string) driver.Awaited {
	t.Helper()
	aw, err := x.Await(id, "request")
	if err != nil {
		t.Fatal(err)
	}
	x.Deliver(replyEchoing(`"` + id + `"`))
	if m, err := aw.Wait(context.Background()); err != nil || m == nil {
		t.Fatalf("the first reply to %q: Wait = %v, %v", id, m, err)
	}
	return aw
}

// awaitCancelled awaits id and gives the wait up.
func awaitCancelled(t *testing.T, x *Exchange, id string) driver.Awaited {
	t.Helper()
	aw, err := x.Await(id, "request")
	if err != nil {
		t.Fatal(err)
	}
	aw.Cancel()
	return aw
}

// TestNamed: a message for Next that names, by its referenceId, a message
// awaited since the last Release says which (Arrival.Of): a second reply,
// a reply after the wait was cancelled or timed out, a referenceId echoed as
// another JSON type with no wait to fail (by the near-miss rules: text, then
// number; null names no number; an event is named only when it is shaped as
// an answer). What Expect awaits (Call, Subscribe) is not remembered, and
// Release forgets what was.
func TestNamed(t *testing.T) {
	cases := []struct {
		name string
		// prepare sets the exchange up and returns the Awaited the message
		// must name (nil: none).
		prepare func(t *testing.T, x *Exchange) driver.Awaited
		msg     string
	}{
		{"a second reply", func(t *testing.T, x *Exchange) driver.Awaited { return awaitAnswered(t, x, "5") }, string(replyEchoing(`"5"`))},
		{"a reply after Cancel", func(t *testing.T, x *Exchange) driver.Awaited { return awaitCancelled(t, x, "5") }, string(replyEchoing(`"5"`))},
		{"a reply after the wait timed out", func(t *testing.T, x *Exchange) driver.Awaited {
			aw, _ := x.Await("5", "request")
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if _, err := aw.Wait(ctx); !errors.Is(err, driver.ErrTimeout) {
				t.Fatalf("Wait with an ended context = %v, want a timeout", err)
			}
			return aw
		}, string(replyEchoing(`"5"`))},
		{"an event carrying the referenceId", func(t *testing.T, x *Exchange) driver.Awaited { return awaitAnswered(t, x, "5") },
			`{"event":"agent","referenceId":"5","data":{}}`},
		{"a numeric echo, no call waiting", func(t *testing.T, x *Exchange) driver.Awaited { return awaitCancelled(t, x, "7") }, string(replyEchoing(`7`))},
		{"a numeric echo of an answered call", func(t *testing.T, x *Exchange) driver.Awaited { return awaitAnswered(t, x, "7") }, string(replyEchoing(`7`))},
		{"the same number written otherwise", func(t *testing.T, x *Exchange) driver.Awaited { return awaitCancelled(t, x, "1000") }, string(replyEchoing(`1e3`))},
		{"an answer-shaped event echoing a number", func(t *testing.T, x *Exchange) driver.Awaited { return awaitCancelled(t, x, "7") },
			`{"event":"subscribe","referenceId":7,"subscriptionId":"s"}`},
		{"an event echoing a number", func(t *testing.T, x *Exchange) driver.Awaited {
			awaitCancelled(t, x, "7")
			return nil // the vendor client's event, no near miss
		}, `{"event":"agent","referenceId":7,"data":{}}`},
		{"null", func(t *testing.T, x *Exchange) driver.Awaited {
			awaitCancelled(t, x, "0")
			return nil
		}, string(replyEchoing(`null`))},
		{"a referenceId never awaited", func(t *testing.T, x *Exchange) driver.Awaited {
			awaitAnswered(t, x, "5")
			return nil
		}, string(replyEchoing(`"6"`))},
		{"a second reply to Expect", func(t *testing.T, x *Exchange) driver.Awaited {
			e, _ := x.Expect("5", "request")
			x.Deliver(replyEchoing(`"5"`))
			if _, err := e.Wait(context.Background()); err != nil {
				t.Fatal(err)
			}
			return nil // Call and Subscribe leave it to Next as before
		}, string(replyEchoing(`"5"`))},
		{"released", func(t *testing.T, x *Exchange) driver.Awaited {
			awaitAnswered(t, x, "5")
			awaitCancelled(t, x, "7")
			x.Release()
			return nil
		}, string(replyEchoing(`"5"`))},
		{"released, numeric", func(t *testing.T, x *Exchange) driver.Awaited {
			awaitCancelled(t, x, "7")
			x.Release()
			return nil
		}, string(replyEchoing(`7`))},
		{"awaited again after Release", func(t *testing.T, x *Exchange) driver.Awaited {
			awaitAnswered(t, x, "4")
			x.Release()
			return awaitAnswered(t, x, "5")
		}, string(replyEchoing(`"5"`))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := New("http://a", "t", 0, func(context.Context, []byte) error { return nil }, nil)
			want := c.prepare(t, x)
			x.Deliver([]byte(c.msg))
			a, err := x.NextAfter(context.Background())
			if err != nil || a.Msg == nil || string(a.Msg.Raw) != c.msg {
				t.Fatalf("NextAfter = %+v, %v; want the message", a, err)
			}
			if a.Of != want {
				t.Errorf("Arrival.Of = %s, want %s", describe(a.Of), describe(want))
			}
		})
	}
}

// describe names an Awaited in a failure message.
func describe(a driver.Awaited) string {
	if a == nil {
		return "none"
	}
	return fmt.Sprintf("the message awaited as %q", a.(*Expectation).id)
}

// TestReleaseKeepsWaits: Release forgets the referenceIds, not the waits
// under way: a wait still takes its answer, and a near miss still fails it.
func TestReleaseKeepsWaits(t *testing.T) {
	ctx := context.Background()
	x := New("http://a", "t", 0, func(context.Context, []byte) error { return nil }, nil)
	ok, _ := x.Await("1", "request")
	miss, _ := x.Await("2", "request")
	x.Release()
	x.Deliver(replyEchoing(`"1"`))
	x.Deliver(replyEchoing(`2`))
	if m, err := ok.Wait(ctx); err != nil || string(m.Data()) != "1" {
		t.Errorf("the wait for \"1\" after Release = %v, %v; want its reply", m, err)
	}
	if _, err := miss.Wait(ctx); !errors.Is(err, driver.ErrBrokenEnvelope) {
		t.Errorf("the wait for \"2\" after Release, answered with the number 2 = %v; want ErrBrokenEnvelope", err)
	}
	if n, a := x.Arrived(); n != 0 || a != 2 {
		t.Errorf("Arrived() = %d, %d; want no message for Next and 2 answers", n, a)
	}
}

// TestNamedWhileWaiting: a numeric echo while the call waits is its answer
// (a near miss), never a message for Next; a second one names it.
func TestNamedWhileWaiting(t *testing.T) {
	ctx := context.Background()
	x := New("http://a", "t", 0, func(context.Context, []byte) error { return nil }, nil)
	aw, _ := x.Await("7", "request")
	x.Deliver(replyEchoing(`7`))
	if _, err := aw.Wait(ctx); !errors.Is(err, driver.ErrBrokenEnvelope) || aw.Answer() == nil {
		t.Fatalf("Wait = %v, Answer %v; want ErrBrokenEnvelope and the message", err, aw.Answer())
	}
	x.Deliver(replyEchoing(`7`))
	a, err := x.NextAfter(ctx)
	if err != nil || a.Of != aw || a.Answers != 1 {
		t.Fatalf("NextAfter = %+v, %v; want the second echo, after 1 answer, naming the wait for \"7\"", a, err)
	}
	if n, _ := x.Arrived(); n != 1 {
		t.Errorf("Arrived() = %d messages for Next, want 1", n)
	}
}
