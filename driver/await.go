package driver

import (
	"context"

	"scapi-conformance/contract/wire"
)

// Awaiter is a Client whose caller builds its own envelopes (the fuzzer:
// valid or not, with its own referenceIds) and still wants their answers
// matched as Call matches them, by the one exchange every driver shares.
// The clients of the ws, browser and inproc drivers are Awaiters.
//
// The exchange also remembers every referenceId awaited, until Release: a
// message for Next that names one of them (a second answer, an answer that
// came after the wait ended, one echoing the referenceId as another JSON
// type) says which awaited message it names (Arrival.Of), so the caller
// never matches referenceIds itself.
type Awaiter interface {
	// Await registers a wait for the reply or acknowledgement carrying the
	// referenceId id, before the message goes out with SendRaw. what names
	// the message in errors.
	Await(id, what string) (Awaited, error)
	// NextAfter is Next, with the message's place in the one stream the
	// target sent and the awaited message it names, if any (Arrival).
	NextAfter(ctx context.Context) (Arrival, error)
	// Arrived is how many messages for Next, and how many answers to
	// awaited messages, have arrived so far (taken or not): a caller that
	// has taken fewer knows more are on their way.
	Arrived() (messages, answers int)
	// Release forgets every referenceId awaited so far (waits still under
	// way go on): messages arriving later name none of them. A caller that
	// keeps a client across independent runs (the fuzzer, session after
	// session) releases it after each; the memory otherwise grows with
	// every message awaited.
	Release()
}

// Arrival is one message for Next (nil with an error) and its place.
type Arrival struct {
	Msg *wire.Message
	// Answers is the number of answers to awaited messages (Awaited.Wait)
	// that came before the message: together with Awaited.After, the place
	// of every message in the one stream the target sent. It is -1 when the
	// wait timed out.
	Answers int
	// Of is the awaited message (since the last Release) that Msg names
	// without being the answer its wait took: Msg carries its referenceId
	// (a second reply, or one that came after the wait was cancelled or
	// timed out), or echoes it as another JSON type as the exchange's near
	// misses do (a number for the string "7") when no wait took it. nil
	// when Msg names none.
	Of Awaited
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
