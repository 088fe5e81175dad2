package exchange

import (
	"context"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// Await registers a wait for the answer to a message the caller sends
// itself with SendRaw (driver.Awaiter): the same matching as Call.
// The exchange remembers id until Release (see named).
func (x *Exchange) Await(id, what string) (driver.Awaited, error) {
	e, err := x.expect(id, what, true)
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
// (-1 with a timeout) and the awaited message it names (driver.Awaiter).
func (x *Exchange) NextAfter(ctx context.Context) (driver.Arrival, error) {
	q := x.dequeue(ctx)
	a := driver.Arrival{Msg: q.msg, Answers: q.answers}
	if q.of != nil {
		a.Of = q.of // never a nil *Expectation in the interface
	}
	return a, q.err
}

// named is the awaited message (since the last Release) that msg, a message
// for Next, names: by its referenceId string (an answer after the one the
// wait took, or after the wait ended; whatever the message's kind, as the
// referenceId is all a caller matching it would have), or, for a near miss
// whose referenceId came back as another JSON type, the one that type names
// (nearMiss and nonString, the rules a waiting call is failed by); nil when
// none; x.mu is held.
func (x *Exchange) named(msg *wire.Message) *Expectation {
	if ref, ok := msg.ReferenceID(); ok {
		return x.awaited[ref]
	}
	if id, _, miss := nearMiss(msg); !miss || id != "" {
		return nil
	}
	if id, ok := nonString(msg.Fields["referenceId"], x.awaited); ok {
		return x.awaited[id]
	}
	return nil
}

// Release forgets the referenceIds awaited so far (driver.Awaiter): later
// messages name none of them. Waits under way go on.
func (x *Exchange) Release() {
	x.mu.Lock()
	defer x.mu.Unlock()
	clear(x.awaited) // the next run's ids reuse its room
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
