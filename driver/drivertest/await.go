package drivertest

import (
	"context"
	"testing"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// checkAwaited: the client is a driver.Awaiter (the fuzzer runs on every
// driver). An answer to a message sent raw ends its wait and stays out of
// Next; the reply to a message whose wait was given up comes to Next naming
// that wait (Arrival.Of), after the answers before it; once released, a
// referenceId names nothing.
func checkAwaited(t *testing.T, d driver.Driver) {
	prepare(t, d, d.Origins()...)
	ctx := context.Background()
	c := openClient(t, d, d.Origins()[0])
	aw, ok := c.(driver.Awaiter)
	if !ok {
		t.Fatalf("the %s driver's client (%T) is no driver.Awaiter", d.Info().Driver, c)
	}
	send := func(id string) {
		t.Helper()
		if err := c.Send(ctx, wire.NewRequest("agent.getState", id, nil)); err != nil {
			t.Fatalf("Send %q: %v", id, err)
		}
	}
	answered, err := aw.Await("aw-1", "agent.getState")
	if err != nil {
		t.Fatal(err)
	}
	send("aw-1")
	m, err := answered.Wait(ctx)
	if err != nil {
		t.Fatalf("the wait for aw-1: %v", err)
	}
	checkReply(t, m, "agent.getState", "aw-1")
	if answered.Answer() != m || answered.Rank() != 0 {
		t.Errorf("Answer() = %v, Rank() = %d; want the reply, the first answer", answered.Answer(), answered.Rank())
	}
	cancelled, err := aw.Await("aw-2", "agent.getState")
	if err != nil {
		t.Fatal(err)
	}
	cancelled.Cancel()
	send("aw-2")
	if a := nextNaming(t, aw, "aw-2"); a.Of != cancelled || a.Answers != 1 {
		t.Errorf("the reply to aw-2, whose wait was cancelled: Of %v, after %d answers; want the cancelled wait, after 1", a.Of, a.Answers)
	}
	released, err := aw.Await("aw-3", "agent.getState")
	if err != nil {
		t.Fatal(err)
	}
	released.Cancel()
	aw.Release()
	send("aw-3")
	if a := nextNaming(t, aw, "aw-3"); a.Of != nil {
		t.Errorf("the reply to aw-3, sent after Release: Of %v; want none", a.Of)
	}
}

// nextNaming returns the next message for Next carrying referenceId id,
// after checking that those before it (a frameId message) name no awaited
// message.
func nextNaming(t *testing.T, aw driver.Awaiter, id string) driver.Arrival {
	t.Helper()
	for {
		a, err := aw.NextAfter(context.Background())
		if err != nil {
			t.Fatalf("waiting for the reply to %s: %v", id, err)
		}
		if ref, _ := a.Msg.ReferenceID(); ref == id {
			return a
		}
		if a.Of != nil {
			t.Errorf("%s names an awaited message", a.Msg.Raw)
		}
	}
}
