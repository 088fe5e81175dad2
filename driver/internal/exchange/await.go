package exchange

import (
	"context"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// Await registers a wait for the answer to a message the caller sends
// itself with SendRaw (driver.Awaiter): the same matching as Call.
func (x *Exchange) Await(id, what string) (driver.Awaited, error) {
	e, err := x.Expect(id, what)
	if err != nil {
		return nil, err
	}
	return e, nil
}

// Answer is the message that ended the wait: the reply, or the near miss
// meant for it (Wait then returns driver.ErrBrokenEnvelope); nil before Wait
// returned it, or when the wait ended otherwise.
func (e *Expectation) Answer() *wire.Message { return e.got.answer }

// After is how many messages of the client were queued for Next before the
// answer arrived: its place among them.
func (e *Expectation) After() int { return e.got.after }

// Poll reports, without waiting, whether the answer (or the failure that
// ends the wait) has come; when it has, Answer, After and Rank tell it, and
// Wait returns it at once.
func (e *Expectation) Poll() bool {
	select {
	case r := <-e.ch:
		e.ch <- r
		e.got = r
		return true
	default:
		return false
	}
}

// Rank is how many answers to waiting calls came before this one.
func (e *Expectation) Rank() int { return e.got.rank }

// NextAfter is Next, with how many awaited answers came before the message
// (driver.Awaiter); -1 with a timeout.
func (x *Exchange) NextAfter(ctx context.Context) (*wire.Message, int, error) {
	q := x.dequeue(ctx)
	return q.msg, q.answers, q.err
}

// Arrived is how many messages were queued for Next, and how many answered
// a waiting call, so far (driver.Awaiter).
func (x *Exchange) Arrived() (messages, answers int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.arrived, x.answers
}

// ForgetTranscript drops the transcript so far: a caller that keeps one
// connection across independent runs and records what it needs itself (the
// fuzzer, session after session) does not hold every message ever sent.
func (x *Exchange) ForgetTranscript() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.transcript = nil
}
