package driver

import (
	"context"

	"scapi-conformance/contract/wire"
)

// Awaiter is a Client whose caller builds its own envelopes (the fuzzer:
// valid or not, with its own referenceIds) and still wants their answers
// matched as Call matches them, by the one exchange every driver shares.
// The clients of the ws, browser and inproc drivers are Awaiters.
type Awaiter interface {
	// Await registers a wait for the reply or acknowledgement carrying the
	// referenceId id, before the message goes out with SendRaw. what names
	// the message in errors.
	Await(id, what string) (Awaited, error)
	// NextAfter is Next, with the number of answers to awaited messages
	// (Awaited.Wait) that came before the message: together with After, the
	// place of every message in the one stream the target sent. answers is
	// -1 when the wait timed out.
	NextAfter(ctx context.Context) (msg *wire.Message, answers int, err error)
	// Arrived is how many messages for Next, and how many answers to
	// awaited messages, have arrived so far (taken or not): a caller that
	// has taken fewer knows more are on their way.
	Arrived() (messages, answers int)
}

// Awaited is one answer awaited.
type Awaited interface {
	// Wait returns the answer, or why there is none: a near miss
	// (ErrBrokenEnvelope), a closed connection, a timeout.
	Wait(ctx context.Context) (*wire.Message, error)
	// Cancel stops waiting.
	Cancel()
	// Poll reports, without waiting, whether the wait is over (an answer
	// came, in-process usually at once): Answer, After and Rank then tell it.
	Poll() bool
	// Answer is the message that ended the wait, even a near miss; nil when
	// none came.
	Answer() *wire.Message
	// After is how many of the client's messages for Next arrived before
	// the answer, and Rank how many answers, once Wait returned: its place
	// in the client's stream.
	After() int
	Rank() int
}
