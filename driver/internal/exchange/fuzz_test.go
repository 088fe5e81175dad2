package exchange

import (
	"context"
	"errors"
	"testing"
	"time"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// FuzzDeliver feeds a target's arbitrary message to a client with one call
// pending: it must not panic, the message must be recorded, and it must end
// up somewhere — the call's reply, a queued message, or a malformed-message
// error, or the call's near-miss error — never lost.
func FuzzDeliver(f *testing.F) {
	for _, s := range []string{`{"referenceId":"0","data":1}`, `{"event":"agent","referenceId":"0"}`,
		`{"frameId":7}`, `[]`, `"x"`, `{`, `{"referenceId":"0","subscriptionId":null}`, "\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		x := New("https://a.example", "http://t", time.Second, func(context.Context, []byte) error { return nil }, nil)
		e, err := x.Expect("0", "fuzz")
		if err != nil {
			t.Fatal(err)
		}
		x.Deliver(b)
		if got := len(x.Transcript()); got != 1 {
			t.Fatalf("transcript has %d entries; want 1", got)
		}
		if _, ok := e.Done(); ok {
			return
		}
		select {
		case r := <-e.ch:
			if errors.Is(r.err, driver.ErrBrokenEnvelope) {
				return // a near miss, refused to the call it was meant for
			}
			t.Fatalf("the pending call got %v", r.err)
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		defer cancel()
		m, err := x.Next(ctx)
		switch {
		case err == nil && m != nil:
		case len(b) > wire.MaxMessageBytes && errors.Is(err, driver.ErrTooLarge):
		case errors.Is(err, driver.ErrMalformed):
		default:
			t.Fatalf("message %q went nowhere: Next = %v, %v", b, m, err)
		}
	})
}
