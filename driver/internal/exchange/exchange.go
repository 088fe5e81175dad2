// Package exchange is the transport-independent half of a driver client:
// referenceIds assigned as the vendor client does (a counter from "0"),
// replies matched to calls by the exact referenceId string, everything else
// queued for Next (naming the awaited message whose referenceId it carries,
// for the fuzzer: see Await and named), a transcript of every envelope in and out, and a bound on
// every wait. A transport (websocket, browser frame) only moves bytes: it
// gives what it sends to Exchange first, and every message it receives to
// Deliver, and reports its end with Fail.
package exchange

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// Limits on what a target can make a client hold.
const (
	// MaxQueued is the most unread messages a client keeps for Next.
	MaxQueued = 1 << 16
	// MaxQueuedBytes is the most bytes of unread messages a client keeps.
	MaxQueuedBytes = 64 << 20
	// maxNotes is how many anomalies a client remembers for its timeout errors.
	maxNotes = 8
)

// DefaultTimeout is the vendor client's own request timeout (DESIGN.md).
const DefaultTimeout = 10 * time.Second

// Sender puts one message on the transport.
type Sender func(ctx context.Context, msg []byte) error

// Exchange is one client's bookkeeping. It is safe for concurrent use.
type Exchange struct {
	origin, target string
	timeout        time.Duration
	send           Sender
	drop           func() // closes the transport after an overflow

	mu         sync.Mutex
	next       int
	pending    map[string][]*Expectation
	subscribes map[string]bool         // referenceIds of subscribe envelopes sent, until acknowledged
	awaited    map[string]*Expectation // referenceIds awaited through Await, until Release (await.go)
	queue      []queued
	queueBytes int
	wake       chan struct{}
	transcript []driver.Entry
	notes      []note
	arrived    int    // messages queued for Next so far
	answers    int    // messages that answered a waiting call so far
	frameID    string // the last frameId the service sent, echoed on requests
	err        error  // set once by Fail
	failed     chan struct{}
}

// queued is one message for Next: a decoded message, or the error of a
// malformed one, with its size.
type queued struct {
	msg     *wire.Message
	err     error
	size    int
	answers int          // how many awaited answers came before it
	of      *Expectation // the awaited message it names, if any (named)
}

type result struct {
	msg *wire.Message
	err error
	// answer is the message that ended the wait (the reply, or a near miss);
	// after is how many messages were queued for Next before it came.
	answer *wire.Message
	after  int
	rank   int // how many answers came before it
}

// note is an anomaly seen on the connection, quoted in timeout errors.
type note struct {
	at   time.Time
	text string
}

// New returns the exchange of a client presenting origin to a target whose
// own origin is target. send writes a message; drop closes the transport
// (called when the target floods the client). timeout bounds every wait
// whose context has no earlier deadline (0 = DefaultTimeout).
func New(origin, target string, timeout time.Duration, send Sender, drop func()) *Exchange {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Exchange{origin: origin, target: target, timeout: timeout, send: send, drop: drop,
		pending: map[string][]*Expectation{}, subscribes: map[string]bool{}, wake: make(chan struct{}), failed: make(chan struct{})}
}

// Origin is the origin the client presents.
func (x *Exchange) Origin() string { return x.origin }

// Timeout is the bound applied to waits.
func (x *Exchange) Timeout() time.Duration { return x.timeout }

// bound applies the exchange's timeout to ctx.
func (x *Exchange) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, x.timeout)
}

// Call sends the request and waits for the reply carrying the same
// referenceId string. It assigns the next counter value when req.ReferenceID
// is empty.
func (x *Exchange) Call(ctx context.Context, req wire.Request) (*wire.Message, error) {
	if req.ReferenceID == "" {
		req.ReferenceID = x.NextReferenceID()
	}
	return x.await(ctx, req, fmt.Sprintf("request %q", req.Request))
}

// Subscribe sends a subscribe envelope and waits for its acknowledgement
// (or an error reply with the same referenceId).
func (x *Exchange) Subscribe(ctx context.Context, names ...string) (*wire.Message, error) {
	req := wire.NewSubscribe(x.NextReferenceID(), names...)
	return x.await(ctx, req, fmt.Sprintf("subscribe %q", names))
}

// NextReferenceID returns the counter's next value ("0", "1", …).
func (x *Exchange) NextReferenceID() string {
	x.mu.Lock()
	defer x.mu.Unlock()
	id := strconv.Itoa(x.next)
	x.next++
	return id
}

func (x *Exchange) await(ctx context.Context, req wire.Request, what string) (*wire.Message, error) {
	ctx, cancel := x.bound(ctx)
	defer cancel()
	b, err := json.Marshal(x.withFrameID(req))
	if err != nil {
		return nil, fmt.Errorf("%s: encoding: %w", what, err)
	}
	e, err := x.Expect(req.ReferenceID, what)
	if err != nil {
		return nil, err
	}
	if err := x.transmit(ctx, b); err != nil {
		e.Cancel()
		return nil, fmt.Errorf("%s (referenceId %q): %w", what, req.ReferenceID, err)
	}
	return e.Wait(ctx)
}

// Expectation is a reply awaited for one referenceId.
type Expectation struct {
	x       *Exchange
	id      string
	what    string
	ch      chan result
	settled chan struct{} // closed once the result is in ch
	since   time.Time
	arrived int
	got     result // what ended the wait, once Wait returned it
}

// Expect registers a wait for the reply or acknowledgement carrying the
// referenceId id, before the request goes out (a transport whose requests
// are built elsewhere, like the vendor library in a browser frame, calls it
// when it sees the request leave). what names the request in errors.
func (x *Exchange) Expect(id, what string) (*Expectation, error) {
	return x.expect(id, what, false)
}

// expect is Expect; remember keeps id among the referenceIds awaited until
// Release (Await).
func (x *Exchange) expect(id, what string, remember bool) (*Expectation, error) {
	e := &Expectation{x: x, id: id, what: what, ch: make(chan result, 1), settled: make(chan struct{}), since: time.Now()}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.err != nil {
		return nil, fmt.Errorf("%s: %w", what, x.err)
	}
	e.arrived = x.arrived
	x.pending[id] = append(x.pending[id], e)
	if remember {
		if x.awaited == nil {
			x.awaited = map[string]*Expectation{}
		}
		x.awaited[id] = e
	}
	return e, nil
}

// Wait returns the reply, or an error when the exchange fails or ctx ends
// (bounded by the exchange's timeout); a timeout error lists the anomalies
// seen meanwhile.
func (e *Expectation) Wait(ctx context.Context) (*wire.Message, error) {
	select {
	case r := <-e.ch: // already settled: no timer to set
		return e.took(r)
	default:
	}
	ctx, cancel := e.x.bound(ctx)
	defer cancel()
	select {
	case r := <-e.ch:
		return e.took(r)
	case <-ctx.Done():
		e.Cancel()
		select {
		case r := <-e.ch: // it came as the wait ended: an answer is never lost
			e.got = r
			if r.err == nil {
				return r.msg, nil
			}
		default:
		}
		return nil, fmt.Errorf("%s (referenceId %q): no reply within %v: %w%s",
			e.what, e.id, time.Since(e.since).Round(time.Millisecond), driver.ErrTimeout, e.x.notesSince(e.since, e.arrived))
	}
}

// took keeps the result that ended the wait and returns it.
func (e *Expectation) took(r result) (*wire.Message, error) {
	e.got = r
	if r.err != nil {
		return nil, fmt.Errorf("%s (referenceId %q): %w", e.what, e.id, r.err)
	}
	return r.msg, nil
}

// Done returns the reply when it has already arrived (ok false otherwise),
// without waiting.
func (e *Expectation) Done() (msg *wire.Message, ok bool) {
	select {
	case r := <-e.ch:
		e.ch <- r
		return r.msg, r.err == nil
	default:
		return nil, false
	}
}

// Settled is closed once the wait has its result: the reply, a near miss
// (driver.ErrBrokenEnvelope) or the exchange's failure; Wait or Done then
// returns it at once. For a transport that waits on something else too
// (the vendor library's callback).
func (e *Expectation) Settled() <-chan struct{} { return e.settled }

// settle hands the wait its result; called once, with the exchange's lock
// held (the channel has room for it).
func (e *Expectation) settle(r result) {
	e.ch <- r
	close(e.settled)
}

// Cancel stops waiting.
func (e *Expectation) Cancel() { e.x.forget(e) }

// withFrameID sets the frameId the service gave, as the vendor client echoes
// it on every request once received, unless the request carries its own.
func (x *Exchange) withFrameID(req wire.Request) wire.Request {
	x.mu.Lock()
	defer x.mu.Unlock()
	if req.FrameID == "" {
		req.FrameID = x.frameID
	}
	return req
}

// forget removes a waiter that gave up.
func (x *Exchange) forget(e *Expectation) {
	x.mu.Lock()
	defer x.mu.Unlock()
	id := e.id
	ws := x.pending[id]
	for i, w := range ws {
		if w == e {
			ws = append(ws[:i:i], ws[i+1:]...)
			break
		}
	}
	if len(ws) == 0 {
		delete(x.pending, id) // a subscribe given up stays in x.subscribes: its late acknowledgement is no near miss
	} else {
		x.pending[id] = ws
	}
}

// Send sends an envelope without waiting for anything.
func (x *Exchange) Send(ctx context.Context, req wire.Request) error {
	b, err := json.Marshal(x.withFrameID(req))
	if err != nil {
		return fmt.Errorf("send: encoding: %w", err)
	}
	return x.SendRaw(ctx, b)
}

// SendRaw sends arbitrary bytes as one message.
func (x *Exchange) SendRaw(ctx context.Context, b []byte) error {
	ctx, cancel := x.bound(ctx)
	defer cancel()
	x.mu.Lock()
	err := x.err
	x.mu.Unlock()
	if err != nil {
		return err
	}
	return x.transmit(ctx, b)
}

// transmit records the message and hands it to the transport.
func (x *Exchange) transmit(ctx context.Context, b []byte) error {
	x.Record(driver.Out, b)
	if err := x.send(ctx, b); err != nil {
		if ctx.Err() != nil && !errors.Is(err, driver.ErrClosed) && !errors.Is(err, driver.ErrTimeout) {
			return fmt.Errorf("sending: %w: %v", driver.ErrTimeout, err)
		}
		return err
	}
	return nil
}

// Record adds a transcript entry for a message that went out (client →
// service) or came in. Messages that are not JSON are kept as a JSON string.
func (x *Exchange) Record(dir driver.Direction, b []byte) {
	raw := json.RawMessage(append([]byte(nil), b...))
	if !wire.Valid(raw) {
		raw, _ = json.Marshal(string(b))
	}
	x.record(dir, raw, b)
}

// record adds the transcript entry of b, whose valid JSON (or JSON string)
// is raw, a copy the transcript keeps.
func (x *Exchange) record(dir driver.Direction, raw json.RawMessage, b []byte) {
	origin := x.origin
	if dir == driver.In {
		origin = x.target
	}
	x.mu.Lock()
	x.transcript = append(x.transcript, driver.Entry{Time: time.Now(), Direction: dir, Origin: origin, Message: raw})
	if dir == driver.Out {
		x.noteSubscribe(b)
	}
	x.mu.Unlock()
}

// Deliver takes one message received from the target: it is recorded, then
// handed to the call waiting for its referenceId (replies and acks, as the
// vendor client classifies them), or queued for Next (events, frameId
// messages, unsolicited replies). A near miss meant for a waiting call (see
// nearMiss) fails that call at once with driver.ErrBrokenEnvelope. A message
// that is not a JSON object is queued as an error wrapping
// driver.ErrMalformed.
func (x *Exchange) Deliver(b []byte) {
	if len(b) > wire.MaxMessageBytes {
		x.TooLarge(len(b))
		return
	}
	msg, err := wire.Decode(b)
	if err != nil {
		x.Reject(b, err.Error())
		return
	}
	x.record(driver.In, msg.Raw, b) // a copy of b, valid JSON: wire.Decode took it
	if x.refuse(msg, b) {
		return
	}
	ref, hasRef := msg.ReferenceID()
	switch msg.Kind() {
	case wire.KindReply, wire.KindAck:
		if hasRef && x.claim(ref, msg) {
			return
		}
		if hasRef {
			x.note(fmt.Sprintf("a %s for referenceId %q, which no call is waiting for", msg.Kind(), ref))
		} else {
			x.note(fmt.Sprintf("a %s whose referenceId is not a string: %s", msg.Kind(), quote(b)))
		}
	case wire.KindEvent:
		if msg.Has("referenceId") {
			x.note(fmt.Sprintf("a message with an \"event\" key and referenceId %s, taken for an event as the vendor client does: %s",
				msg.Fields["referenceId"], quote(b)))
		}
	case wire.KindFrameID:
		if id, ok := msg.String("frameId"); ok {
			x.mu.Lock()
			x.frameID = id
			x.mu.Unlock()
		} else {
			x.note(fmt.Sprintf("a frameId message whose frameId is not a string: %s", quote(b)))
		}
	case wire.KindUnknown:
		x.note(fmt.Sprintf("a message the vendor client ignores (no event, referenceId or frameId): %s", quote(b)))
	}
	x.enqueue(msg, nil, len(b))
}

// claim hands msg to the first call waiting for referenceId ref; false when
// none is.
func (x *Exchange) claim(ref string, msg *wire.Message) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	w := x.pop(ref)
	if w == nil {
		return false
	}
	// Sent under the lock (the channel has room for it): a wait that gives
	// up (Cancel, then a last look) either finds it or was never matched.
	w.settle(result{msg: msg, answer: msg, after: x.arrived, rank: x.answers})
	x.answers++
	return true
}

// pop removes and returns the first call waiting for referenceId ref, nil
// when none is; x.mu is held.
func (x *Exchange) pop(ref string) *Expectation {
	ws := x.pending[ref]
	if len(ws) == 0 {
		return nil
	}
	if len(ws) == 1 {
		delete(x.pending, ref)
		delete(x.subscribes, ref)
	} else {
		x.pending[ref] = ws[1:]
	}
	return ws[0]
}

// Reject queues, as an error wrapping driver.ErrMalformed, a received message
// the transport or the decoder refused for the reason given; the message is
// recorded.
func (x *Exchange) Reject(b []byte, reason string) {
	x.Record(driver.In, b)
	err := fmt.Errorf("%w: %s: %s", driver.ErrMalformed, reason, quote(b))
	x.note(err.Error())
	x.enqueue(nil, err, len(b))
}

// TooLarge ends the exchange because the target sent a message of n bytes,
// over wire.MaxMessageBytes (n < 0: size unknown); the transcript notes it
// without keeping the message.
func (x *Exchange) TooLarge(n int) {
	size := "a message"
	if n >= 0 {
		size = fmt.Sprintf("a %d-byte message", n)
	}
	text := fmt.Sprintf("%s over the %d-byte limit (not kept)", size, wire.MaxMessageBytes)
	x.Record(driver.In, []byte(strconv.Quote(text)))
	x.Fail(fmt.Errorf("%w: the target sent %s", driver.ErrTooLarge, text))
}

// enqueue adds a message (or a malformed-message error) for Next; past the
// limits the client fails and the transport is dropped.
func (x *Exchange) enqueue(msg *wire.Message, err error, size int) {
	x.mu.Lock()
	if x.err != nil {
		x.mu.Unlock()
		return
	}
	if len(x.queue)+1 > MaxQueued || x.queueBytes+size > MaxQueuedBytes {
		x.mu.Unlock()
		x.Fail(fmt.Errorf("%w: the target sent more than %d unread messages or %d unread bytes (event flood); connection dropped",
			driver.ErrClosed, MaxQueued, MaxQueuedBytes))
		if x.drop != nil {
			x.drop()
		}
		return
	}
	q := queued{msg: msg, err: err, size: size, answers: x.answers}
	if msg != nil && len(x.awaited) > 0 {
		q.of = x.named(msg)
	}
	x.queue = append(x.queue, q)
	x.queueBytes += size
	x.arrived++
	x.signal()
	x.mu.Unlock()
}

// signal wakes every Next waiter; x.mu is held.
func (x *Exchange) signal() {
	close(x.wake)
	x.wake = make(chan struct{})
}

// Next returns the next queued message (or the error of a malformed one),
// waiting until ctx ends or the exchange's timeout passes. After Fail, the
// queued messages are still returned, then the failure.
func (x *Exchange) Next(ctx context.Context) (*wire.Message, error) {
	q := x.dequeue(ctx)
	return q.msg, q.err
}

// dequeue waits for the next queued message, or the failure or timeout that
// ends the wait (as an error without a message).
func (x *Exchange) dequeue(ctx context.Context) queued {
	q, ok, wake := x.take()
	if ok { // already there: no timer to set
		return q
	}
	ctx, cancel := x.bound(ctx)
	defer cancel()
	start := time.Now()
	for {
		select {
		case <-wake:
		case <-ctx.Done():
			return queued{err: fmt.Errorf("no message from the target within %v: %w", time.Since(start).Round(time.Millisecond), driver.ErrTimeout), answers: -1}
		}
		if q, ok, wake = x.take(); ok {
			return q
		}
	}
}

// take returns the next queued message, or the failure once the queue is
// empty, without waiting; when there is neither (ok false), wake is closed
// once there is.
func (x *Exchange) take() (q queued, ok bool, wake chan struct{}) {
	x.mu.Lock()
	defer x.mu.Unlock()
	switch {
	case len(x.queue) > 0:
		q = x.queue[0]
		x.queue[0] = queued{}
		x.queue = x.queue[1:]
		x.queueBytes -= q.size
		return q, true, nil
	case x.err != nil:
		return queued{err: x.err, answers: x.answers}, true, nil
	}
	return queued{}, false, x.wake
}

// Fail ends the exchange: every waiting call gets err at once, later calls
// fail with it, and Next returns it after the queued messages. The first
// failure wins.
func (x *Exchange) Fail(err error) {
	x.mu.Lock()
	if x.err != nil {
		x.mu.Unlock()
		return
	}
	x.err = err
	close(x.failed)
	pending := x.pending
	x.pending = map[string][]*Expectation{}
	x.subscribes = map[string]bool{}
	x.signal()
	for _, ws := range pending {
		for _, w := range ws {
			w.settle(result{err: err})
		}
	}
	x.mu.Unlock()
}

// Failed is closed when the exchange fails (see Err).
func (x *Exchange) Failed() <-chan struct{} { return x.failed }

// Err is the failure that ended the exchange, or nil.
func (x *Exchange) Err() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.err
}

// Transcript returns a copy of every envelope in and out so far.
func (x *Exchange) Transcript() []driver.Entry {
	x.mu.Lock()
	defer x.mu.Unlock()
	return append([]driver.Entry(nil), x.transcript...)
}

// note remembers an anomaly for later timeout errors.
func (x *Exchange) note(text string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.notes = append(x.notes, note{at: time.Now(), text: text})
	if len(x.notes) > maxNotes {
		x.notes = x.notes[len(x.notes)-maxNotes:]
	}
}

// notesSince renders, for a timeout error, the anomalies seen since t and
// how many messages were queued for Next since the count was arrived.
func (x *Exchange) notesSince(t time.Time, arrived int) string {
	x.mu.Lock()
	defer x.mu.Unlock()
	var parts []string
	for _, n := range x.notes {
		if !n.at.Before(t) {
			parts = append(parts, "; meanwhile the target sent "+n.text)
		}
	}
	if n := x.arrived - arrived; n > 0 {
		parts = append(parts, fmt.Sprintf("; meanwhile %d other messages arrived (events, unsolicited replies)", n))
	}
	return strings.Join(parts, "")
}

// quote renders at most 120 bytes of a message for an error.
func quote(b []byte) string {
	if len(b) > 120 {
		return strconv.Quote(string(b[:120])) + fmt.Sprintf("… (%d bytes)", len(b))
	}
	return strconv.Quote(string(b))
}
