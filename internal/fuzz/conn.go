package fuzz

import (
	"context"
	"errors"
	"sort"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// conn is one client connection of a Runner. It outlives a session: a
// connection still open when a session ends serves the next one (the target
// is reset between them), which spares a handshake per client per session.
//
// Replies are matched to requests by the driver's exchange (Await), not
// here. The exchange also says where each answer came among the other
// messages (After, NextAfter), so the runner rebuilds the one order the
// target sent them in: an answer is taken once as many other messages have
// been, and a message once as many answers have been.
type conn struct {
	origin string
	cl     driver.Client
	aw     driver.Awaiter
	// next is the next referenceId; frameID the last one the target named.
	next    int
	frameID string
	dead    bool // the connection failed: it is never reused
	// consumed and answered count the messages and the answers taken so
	// far; msgs and answers hold those that came too early.
	consumed, answered int
	// received counts the messages for Next the session has received.
	received int
	msgs     []incoming
	answers  []incoming
}

// incoming is one thing a connection got: a message for Next (answers =
// how many answers preceded it; of = the awaited message it names, if any),
// or the answer to an awaited message (p, or barrier for the end-of-session
// barrier; after = its place).
type incoming struct {
	cn      *conn
	msg     *wire.Message
	err     error
	answers int
	of      driver.Awaited
	// answer fields
	isAnswer bool
	p        *call
	barrier  chan struct{}
	after    int
	rank     int
	ordered  bool // an answer that came as a message (not a timeout or closure)
}

// forgetTranscript drops the driver's transcript of a connection kept for
// the next session: the session's record holds what the checks read, and a
// campaign would otherwise keep every message it ever exchanged.
func (cn *conn) forgetTranscript() {
	if f, ok := cn.cl.(interface{ ForgetTranscript() }); ok {
		f.ForgetTranscript()
	}
}

// read hands every message for Next to the runner until the connection ends.
func (r *Runner) read(cn *conn) {
	for {
		a, err := cn.aw.NextAfter(r.ctx)
		if r.ctx.Err() != nil {
			return
		}
		if errors.Is(err, driver.ErrTimeout) && a.Answers < 0 {
			continue // a quiet connection: the driver bounds each wait
		}
		if !r.post(incoming{cn: cn, msg: a.Msg, err: err, answers: a.Answers, of: a.Of}) {
			return
		}
		if err != nil && !errors.Is(err, driver.ErrMalformed) {
			return
		}
	}
}

// await waits for the answer to a message sent on cn and hands it to the
// runner; ctx ends the wait (the session is over).
func (r *Runner) await(ctx context.Context, cn *conn, a driver.Awaited, p *call, barrier chan struct{}) {
	_, err := a.Wait(ctx)
	r.post(answered(cn, a, err, p, barrier))
}

// answered is the answer a wait ended with.
func answered(cn *conn, a driver.Awaited, err error, p *call, barrier chan struct{}) incoming {
	in := incoming{cn: cn, isAnswer: true, p: p, barrier: barrier, err: err, after: a.After(), rank: a.Rank()}
	if ans := a.Answer(); ans != nil {
		in.msg, in.ordered = ans, true
	}
	return in
}

// post hands what a connection got to the session; false once the runner
// is closed.
func (r *Runner) post(in incoming) bool {
	select {
	case r.inbox <- in:
		return true
	case <-r.ctx.Done():
		return false
	}
}

// order files what came in and returns what can now be taken, in the order
// the target sent it.
func (cn *conn) order(in incoming) []incoming {
	if !in.isAnswer && (in.msg != nil || errors.Is(in.err, driver.ErrMalformed)) {
		cn.received++
	}
	if in.isAnswer && !in.ordered {
		return []incoming{in} // no message: its place does not matter
	}
	if in.isAnswer {
		cn.answers = append(cn.answers, in)
		sort.Slice(cn.answers, func(i, j int) bool { return cn.answers[i].rank < cn.answers[j].rank })
	} else {
		cn.msgs = append(cn.msgs, in)
	}
	var out []incoming
	for {
		switch {
		case len(cn.answers) > 0 && cn.answers[0].rank == cn.answered && cn.answers[0].after <= cn.consumed:
			out = append(out, cn.answers[0])
			cn.answers = cn.answers[1:]
			cn.answered++
		case len(cn.msgs) > 0 && (cn.msgs[0].answers <= cn.answered || cn.msgs[0].err != nil):
			out = append(out, cn.msgs[0])
			cn.msgs = cn.msgs[1:]
			cn.consumed++
		default:
			return out
		}
	}
}
