package fuzz

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// Config tunes a Runner.
type Config struct {
	// CallTimeout bounds the wait for a reply that is due (default 2 s).
	CallTimeout time.Duration
	// Quiet bounds a barrier (the end of a session, the moment before the
	// clock moves) on a target that left barriers from the same origin
	// unanswered before (default 200 ms); one that answers them is waited
	// for CallTimeout.
	Quiet time.Duration
	// Strict holds the target to the strict reading of every interpretation;
	// otherwise any recorded reading is accepted, and a violation of the
	// strict reading only is a NON-STRICT finding.
	Strict bool
	// Configured are the options of a target that cannot be steered (from
	// its profile); sessions against a steerable target set their own.
	Configured control.Options
	// Clock reads the target's virtual time (nil: unknown, and the rate-limit
	// checks are off, their windows being minutes of that clock; on a target
	// not reset before each session they start once its windows are known,
	// see windows).
	Clock func(ctx context.Context) (time.Time, error)
}

// Runner runs sessions against one target and checks them. It keeps the
// connections a session leaves open for the next one; Close releases them.
// A Runner runs one session at a time.
type Runner struct {
	d   driver.Driver
	cfg Config
	// ctx lives as long as the runner: its connections read under it.
	ctx    context.Context
	cancel context.CancelFunc
	inbox  chan incoming
	// idle are the open connections no session uses; barriers counts the
	// barrier requests sent (their referenceIds).
	idle     []*conn
	barriers int
	// barrierAnswered says, per origin, whether the target answered a
	// barrier from it (absent: not tried yet).
	barrierAnswered map[string]bool
	// canReset says whether sessions start with a reset (read once).
	canReset *bool
	// windows models the declared rate limits of a target not reset,
	// across sessions (policy.go).
	windows *windows
}

// resets reports whether each session starts with a reset of the target: a
// steerable target that allows it. Only then are connections kept from one
// session to the next (the reset ends their subscriptions).
func (r *Runner) resets(ctx context.Context) bool {
	if r.canReset == nil {
		ok := false
		if ctrl := r.d.Control(); ctrl != nil {
			caps, err := ctrl.Capabilities(ctx)
			ok = err == nil && !caps.NoReset
		}
		r.canReset = &ok
	}
	return *r.canReset
}

// NewRunner returns a Runner of sessions against the target d reaches.
func NewRunner(d driver.Driver, cfg Config) *Runner {
	if cfg.CallTimeout <= 0 {
		cfg.CallTimeout = 2 * time.Second
	}
	if cfg.Quiet <= 0 {
		cfg.Quiet = 200 * time.Millisecond
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Runner{d: d, cfg: cfg, ctx: ctx, cancel: cancel, inbox: make(chan incoming, 1024), barrierAnswered: map[string]bool{}}
}

// Close closes the connections the runner keeps (not the driver).
func (r *Runner) Close() {
	r.cancel()
	for _, cn := range r.idle {
		cn.cl.Close()
	}
	r.idle = nil
}

// Outcome is the result of one session.
type Outcome struct {
	Findings []Finding
	// Requests is how many messages were sent, Messages how many received.
	Requests, Messages int
}

// ErrHarness wraps failures of the fuzzer's own side (the control endpoint
// refused a reset, a client could not connect): they are not findings.
var ErrHarness = errors.New("fuzz harness")

// Run executes the session and checks what the target did. When ctx ends
// before the session does, Run returns ctx's error and no finding.
func (r *Runner) Run(ctx context.Context, s *Session) (*Outcome, error) {
	rec, err := r.play(ctx, s)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Findings: check(rec)}
	rec.policy.observe(rec)
	for _, e := range rec.timeline {
		if e.in {
			out.Messages++
		} else {
			out.Requests++
		}
	}
	return out, nil
}

// play executes the session and returns its record.
func (r *Runner) play(ctx context.Context, s *Session) (*record, error) {
	ex, err := r.start(ctx, s)
	if err != nil {
		return nil, err
	}
	defer ex.stop()
	for i, st := range s.Steps {
		ex.step = i
		if err := ex.do(st); err != nil {
			return nil, fmt.Errorf("%w: step %d (%s): %v", ErrHarness, i, st.Op, err)
		}
		ex.catchUp()
	}
	ex.step = len(s.Steps)
	ex.unsettled = nil
	late := ex.unanswered() && len(ex.clients) > 1
	ex.barrier(ex.clients)
	if late {
		// A request unanswered when the barriers went out may be handled
		// after another client's barrier, and send that client an event the
		// session would miss and the next one would get. The first round's
		// answers prove the target handled every request sent on their
		// connections; a second round on each connection then comes after
		// what that made the target send to it.
		ex.barrier(ex.clients)
	}
	if err := ctx.Err(); err != nil {
		return nil, err // cut short: what was not waited for is no evidence
	}
	return ex.rec, nil
}

// exec is one session being run.
type exec struct {
	r       *Runner
	ctx     context.Context
	cancel  context.CancelFunc
	ctrl    driver.Controller
	rec     *record
	clients []*client
	// awaiting are the answers still awaited; stop cancels them.
	awaiting []driver.Awaited
	// awaited is the call each awaited answer is for (the exchange names
	// the Awaited a message answers; barriers are none).
	awaited map[driver.Awaited]*call
	refs    map[string][]string
	step    int
	seq     int
	// unsettled are the calls sent since the last settle.
	unsettled []*call
	// acting is the client of the last client step (when acted).
	acting int
	acted  bool
}

// client is one client of the session: its connection (reopened when the
// target closed it), the calls sent on it, and its acknowledged
// subscriptions.
type client struct {
	idx    int
	origin string
	cn     *conn
	calls  []*call
	subs   []*subscription
}

// open reports whether the client has a live connection.
func (c *client) open() bool { return c.cn != nil && !c.cn.dead }

func (r *Runner) start(ctx context.Context, s *Session) (*exec, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	ex := &exec{r: r, ctx: ctx, cancel: cancel, ctrl: r.d.Control(), refs: map[string][]string{}, awaited: make(map[driver.Awaited]*call, len(s.Steps))}
	r.drop() // what came after the last session's barrier belongs to no session
	opts := r.cfg.Configured
	if ex.ctrl != nil && r.resets(ctx) {
		if err := ex.ctrl.Reset(ctx); err != nil {
			cancel()
			return nil, fmt.Errorf("%w: reset: %v", ErrHarness, err)
		}
		opts = s.Options
		if opts != nil {
			if err := ex.ctrl.SetOptions(ctx, opts); err != nil {
				cancel()
				return nil, fmt.Errorf("%w: set options: %v", ErrHarness, err)
			}
		}
	} else if s.Options != nil && r.cfg.Configured == nil {
		cancel()
		return nil, fmt.Errorf("%w: the session sets options but the target cannot be steered", ErrHarness)
	}
	ex.rec = &record{session: s, policy: r.policy(ctx, opts), strict: r.cfg.Strict}
	for i, o := range s.Origins {
		ex.clients = append(ex.clients, &client{idx: i, origin: o})
	}
	return ex, nil
}

// stop ends the session's waits and keeps its open connections for the
// next, their exchanges released: a late answer to this session names no
// call of the next.
func (ex *exec) stop() {
	for _, a := range ex.awaiting {
		a.Cancel()
	}
	ex.cancel()
	keep := ex.r.resets(ex.ctx)
	for _, c := range ex.clients {
		if c.open() && keep {
			c.cn.aw.Release()
			c.cn.forgetTranscript()
			ex.r.idle = append(ex.r.idle, c.cn)
		} else if c.cn != nil {
			c.cn.cl.Close()
		}
	}
}

// drop takes, and ignores, what arrived between sessions.
func (r *Runner) drop() {
	for {
		select {
		case in := <-r.inbox:
			in.cn.order(in)
		default:
			return
		}
	}
}

// conn returns the client's connection: an idle one presenting its origin,
// else a new one; a connection the target closed is replaced.
func (ex *exec) conn(c *client) (*conn, error) {
	if c.open() {
		return c.cn, nil
	}
	if c.cn != nil {
		c.cn.cl.Close()
		for _, s := range c.subs {
			if s.endSeq == 0 {
				s.endSeq = ex.seq // the connection that held it is gone
			}
		}
		c.subs = nil
		c.calls = nil
	}
	r := ex.r
	for i, cn := range r.idle {
		if cn.origin == c.origin {
			r.idle = append(r.idle[:i:i], r.idle[i+1:]...)
			// The referenceIds go on counting: a late answer to the last
			// session is never taken for one to this session.
			c.cn = cn
			return cn, nil
		}
	}
	cl, err := r.d.Open(ex.ctx, c.origin)
	if err != nil {
		return nil, fmt.Errorf("open a client as %s: %v", c.origin, err)
	}
	aw, ok := cl.(driver.Awaiter)
	if !ok {
		cl.Close()
		return nil, fmt.Errorf("the %s driver's clients cannot await raw messages (driver.Awaiter)", r.d.Info().Driver)
	}
	c.cn = &conn{origin: c.origin, cl: cl, aw: aw}
	go r.read(c.cn)
	return c.cn, nil
}

// pumpUntil processes incoming messages until done() or the timeout.
func (ex *exec) pumpUntil(done func() bool, timeout time.Duration) {
	if done() {
		return
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	for !done() {
		select {
		case in := <-ex.r.inbox:
			ex.take(in)
		case <-t.C:
			return
		case <-ex.ctx.Done():
			return
		}
	}
}

// catchUp takes every message and answer that has reached a client of the
// session: what a step made the target send to other clients than the one
// that acted is then recorded under that step, as far as the transport has
// delivered it.
func (ex *exec) catchUp() {
	behind := func() bool {
		for _, c := range ex.clients {
			if !c.open() {
				continue
			}
			if n, a := c.cn.aw.Arrived(); c.cn.received < n || c.cn.answered < a {
				return true
			}
		}
		return false
	}
	ex.pumpUntil(func() bool { return !behind() }, ex.r.cfg.CallTimeout) // our own goroutines: microseconds
}

// barrier replaces a fixed wait: on each open connection of clients it
// sends a message whose answer, one connection keeping its order, comes after
// everything the target sent the client before it (at the end of a session,
// its last events). A connection whose target leaves the barrier unanswered
// (an origin it ignores) is waited for Quiet.
func (ex *exec) barrier(clients []*client) {
	type wait struct {
		origin string
		ch     chan struct{}
	}
	var waits []wait
	bound := ex.r.cfg.Quiet
	for _, c := range clients {
		if !c.open() {
			continue
		}
		if answers, tried := ex.r.barrierAnswered[c.origin]; answers || !tried {
			// A target that answers barriers (or may) is waited for as a
			// reply that is due: on a loaded machine an answer can take
			// longer than Quiet, and a session cut short loses its end.
			bound = ex.r.cfg.CallTimeout
		}
		ex.r.barriers++
		ref := "barrier-" + strconv.Itoa(ex.r.barriers)
		b := mustMarshal(wire.NewBarrier(ref))
		a, err := c.cn.aw.Await(ref, "barrier")
		if err != nil {
			continue
		}
		if c.cn.cl.SendRaw(ex.ctx, b) != nil {
			a.Cancel()
			continue
		}
		ch := make(chan struct{})
		waits = append(waits, wait{c.origin, ch})
		if a.Poll() {
			_, err := a.Wait(ex.ctx)
			ex.take(answered(c.cn, a, err, nil, ch))
			continue
		}
		ex.awaiting = append(ex.awaiting, a)
		go ex.r.await(ex.ctx, c.cn, a, nil, ch)
	}
	passed := func() bool {
		for _, w := range waits {
			select {
			case <-w.ch:
			default:
				return false
			}
		}
		return true
	}
	ex.pumpUntil(passed, bound)
	for _, w := range waits {
		select {
		case <-w.ch:
			ex.r.barrierAnswered[w.origin] = true
		default:
			if !ex.r.barrierAnswered[w.origin] {
				ex.r.barrierAnswered[w.origin] = false // tried: Quiet from now on
			}
		}
	}
}

// unanswered reports whether a call of the session has had no answer yet
// (no reply, no reply-like message) on a connection still open: the target
// may still be handling it, and send events for it after another client's
// barrier. That holds for a call whose reply is not due too: one the
// oracle cannot tell will run (allowed through a namespace wildcard, a rate
// limit whose window is unknown, a reading of the limits that ignores it) is
// not waited for, yet the target may act on it; only one every reading says
// is ignored would change nothing, and telling it apart is not worth the
// second round's cost.
func (ex *exec) unanswered() bool {
	for _, p := range ex.rec.calls {
		if p.reply == nil && p.badRef == nil && !p.closed {
			return true
		}
	}
	return false
}

// drain processes what has already arrived, without waiting.
func (ex *exec) drain() {
	for {
		select {
		case in := <-ex.r.inbox:
			ex.take(in)
		default:
			return
		}
	}
}

// take files what a connection got and records what can be taken, in the
// order the target sent it.
func (ex *exec) take(in incoming) {
	for _, x := range in.cn.order(in) {
		if x.barrier != nil {
			close(x.barrier)
			continue
		}
		c := ex.clientOf(x.cn)
		if c == nil {
			continue // a connection the session no longer uses
		}
		ex.receive(c, x)
	}
}

// clientOf is the session's client on connection cn, nil when none.
func (ex *exec) clientOf(cn *conn) *client {
	for _, c := range ex.clients {
		if c.cn == cn {
			return c
		}
	}
	return nil
}

// receive records one message and what it answers: the exchange says which
// call an answer is for, and which call a message it did not match names (a
// second reply, a late one, a referenceId sent back as another JSON type,
// kept as such: badRef).
func (ex *exec) receive(c *client, in incoming) {
	if in.isAnswer && in.msg == nil {
		if errors.Is(in.err, driver.ErrClosed) {
			in.p.closed = true
		}
		return // no answer came (closed, timed out, or the session ended)
	}
	ex.seq++
	e := &entry{seq: ex.seq, step: ex.step, client: c.idx, in: true, msg: in.msg}
	if in.msg == nil {
		e.err = in.err
	}
	ex.rec.timeline = append(ex.rec.timeline, e)
	if in.msg == nil {
		if !errors.Is(in.err, driver.ErrMalformed) {
			c.cn.dead = true
			for _, p := range c.calls {
				p.closed = true
			}
		}
		return
	}
	e.raw = in.msg.Raw
	e.value, _ = in.msg.Value()
	e.walk(ex.captured)
	if f, ok := in.msg.String("frameId"); ok && in.msg.Kind() == wire.KindFrameID {
		c.cn.frameID = f
	}
	p := in.p
	if p == nil {
		if p = ex.awaited[in.of]; p == nil {
			return // names no call of the session
		}
	}
	if _, ok := in.msg.ReferenceID(); !ok {
		if p.badRef == nil {
			p.badRef = e // a near miss: the referenceId came back as another type
		}
		return
	}
	if p.reply != nil {
		p.extra = append(p.extra, e)
		return
	}
	p.reply, e.call = e, p
	if s, ok := in.msg.String("data"); ok && p.succeeded() && s != "" {
		ex.remember(p.request, s) // an identifier returned as the whole result (popupToast)
	}
	if p.subscribe != nil && in.msg.Kind() == wire.KindAck {
		id, _ := in.msg.String("subscriptionId")
		s := &subscription{client: c.idx, id: id, events: p.subscribe, ack: e}
		c.subs = append(c.subs, s)
		ex.rec.subs = append(ex.rec.subs, s)
	}
}

// capture remembers every identifier the target reported, in order, so that
// references of later steps resolve to them.
func (ex *exec) capture(v any) { walk(v, ex.captured) }

// captured remembers the identifier an object member reports, if any.
func (ex *exec) captured(key string, val any) {
	if s, ok := refValue(key, val); ok {
		ex.remember(key, s)
	}
}

// remember adds a reported identifier under key, once.
func (ex *exec) remember(key, s string) {
	if !slices.Contains(ex.refs[key], s) {
		ex.refs[key] = append(ex.refs[key], s)
	}
}

// resolve turns an argument into a JSON value.
func (ex *exec) resolve(a Arg) any {
	if a.Ref == "" {
		var v any
		_ = json.Unmarshal(a.JSON, &v) // validated with the session
		return v
	}
	if vals := ex.refs[a.Ref]; a.N < len(vals) {
		return refArg(a.Ref, vals[a.N])
	}
	if len(a.Fallback) > 0 {
		var v any
		_ = json.Unmarshal(a.Fallback, &v)
		return v
	}
	return unknownPrefix + a.Ref
}

// unknownPrefix starts the value of a reference that the target never
// reported: an identifier that cannot exist.
const unknownPrefix = "unknown-"

func (ex *exec) do(st Step) error {
	switch st.Op {
	case OpCall, OpRaw, OpSubscribe, OpUnsubscribe:
		// Connections are independent channels: before another client
		// acts, the target has handled what the last one sent (a refused
		// resume from one client must not overtake the hold of another).
		if ex.acted && ex.acting != st.Client {
			ex.settle()
		}
		ex.acted, ex.acting = true, st.Client
	}
	switch st.Op {
	case OpCall:
		return ex.call(st)
	case OpRaw:
		ex.rec.policy.raw() // it may be a request a rate limit counts
		return ex.send(ex.clients[st.Client], st.rawBytes(), nil)
	case OpSubscribe:
		return ex.subscribe(st)
	case OpUnsubscribe:
		return ex.unsubscribe(st)
	case OpStimulus:
		return ex.stimulate(st)
	case OpClock:
		return ex.advance(st)
	}
	return fmt.Errorf("unknown op %q", st.Op)
}

// send sends one message and records it; a connection closed by the target
// is reopened once (the target may close on garbage).
func (ex *exec) send(c *client, b []byte, p *call) error {
	cn, err := ex.conn(c)
	if err != nil {
		return err
	}
	ex.seq++
	e := &entry{seq: ex.seq, step: ex.step, client: c.idx, raw: b, call: p}
	ex.rec.timeline = append(ex.rec.timeline, e)
	var a driver.Awaited
	if p != nil {
		p.sent = e
		c.calls = append(c.calls, p)
		ex.unsettled = append(ex.unsettled, p)
		if a, err = cn.aw.Await(p.refID, "fuzz message"); err != nil {
			a = nil // the connection failed: SendRaw says so below
		} else {
			ex.awaited[a] = p
		}
	}
	if err := cn.cl.SendRaw(ex.ctx, b); err != nil {
		if a != nil {
			a.Cancel()
		}
		if errors.Is(err, driver.ErrTooLarge) {
			return nil // refused by our own transport: nothing was sent
		}
		cn.dead = true
		e.err = err
		if p != nil {
			p.closed = true
		}
		return nil
	}
	switch {
	case a != nil && a.Poll(): // answered already (in-process): no goroutine to wake
		_, err := a.Wait(ex.ctx)
		ex.take(answered(cn, a, err, p, nil))
	case a != nil:
		ex.awaiting = append(ex.awaiting, a)
		go ex.r.await(ex.ctx, cn, a, p, nil)
	}
	return nil
}

// envelope builds a client → service envelope as the vendor client does.
func (ex *exec) envelope(c *client, fields map[string]any) (string, []byte) {
	cn, _ := ex.conn(c) // a failure shows when the envelope is sent
	ref := "0"
	if cn != nil {
		ref = strconv.Itoa(cn.next)
		cn.next++
		if cn.frameID != "" {
			fields["frameId"] = cn.frameID
		}
	}
	fields["referenceId"] = ref
	fields["userAgent"] = wire.ClientUserAgent
	fields["protocolVersion"] = wire.ProtocolVersion
	b, err := wire.Marshal(fields) // json.Marshal's bytes
	if err != nil {
		panic(fmt.Sprintf("fuzz: envelope does not marshal: %v", err)) // values come from JSON
	}
	return ref, b
}

func (ex *exec) call(st Step) error {
	c := ex.clients[st.Client]
	if _, err := ex.conn(c); err != nil {
		return err
	}
	p := &call{step: ex.step, client: c.idx, origin: c.origin, request: st.Request}
	fields := map[string]any{"request": st.Request}
	if !st.NoParams {
		p.params = make([]any, len(st.Params))
		for i, a := range st.Params {
			p.params[i] = ex.resolve(a)
		}
		fields["parameters"] = p.params
	}
	p.method, p.alias, p.wellFormed, p.expect, p.rates = ex.rec.policy.expect(c.origin, st.Request, p.params)
	var b []byte
	p.refID, b = ex.envelope(c, fields)
	ex.rec.calls = append(ex.rec.calls, p)
	if err := ex.send(c, b, p); err != nil {
		return err
	}
	if p.expect.replyDue || p.expect.strictDue {
		ex.pumpUntil(p.answered, ex.r.cfg.CallTimeout)
	}
	return nil
}

func mustMarshal(v any) []byte {
	b, err := wire.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("fuzz: %v", err))
	}
	return b
}

func (ex *exec) subscribe(st Step) error {
	c := ex.clients[st.Client]
	if _, err := ex.conn(c); err != nil {
		return err
	}
	var data any = st.Events
	if len(st.Events) == 1 {
		data = st.Events[0]
	}
	fields := map[string]any{"event": wire.EventSubscribe, "data": data}
	p := &call{step: ex.step, client: c.idx, origin: c.origin, subscribe: st.Events}
	var b []byte
	p.refID, b = ex.envelope(c, fields)
	ex.rec.calls = append(ex.rec.calls, p)
	if err := ex.send(c, b, p); err != nil {
		return err
	}
	// An origin no entry lists gets no acknowledgement (INT-ORIGIN-6).
	if al := ex.rec.policy.allow; al == nil || al.Listed(c.origin) {
		ex.pumpUntil(p.answered, ex.r.cfg.CallTimeout)
	}
	return nil
}

func (ex *exec) unsubscribe(st Step) error {
	c := ex.clients[st.Client]
	if st.Sub >= len(c.subs) || c.subs[st.Sub].endSeq != 0 {
		return nil // nothing to end: the step is a no-op in this run
	}
	s := c.subs[st.Sub]
	b := mustMarshal(wire.NewUnsubscribe(s.id))
	if err := ex.send(c, b, nil); err != nil {
		return err
	}
	s.endSeq = ex.seq
	return nil
}

func (ex *exec) stimulate(st Step) error {
	if ex.ctrl == nil {
		return nil
	}
	// The target has handled what the clients sent (the control endpoint
	// is another channel), and messages caused by earlier steps are recorded
	// before the stimulus, so the order of references follows the session.
	ex.settle()
	ex.drain()
	args := map[string]any{}
	for k, a := range st.Args {
		args[k] = ex.resolve(a)
	}
	res, err := ex.ctrl.Stimulate(ex.ctx, control.Stimulus{Name: st.Stimulus, Args: args})
	if err != nil {
		return nil // a stimulus the state does not allow (releasing a released call)
	}
	ex.rec.stimuli = append(ex.rec.stimuli, stimulus{step: ex.step, seq: ex.seq, name: st.Stimulus, args: args, result: res.Result})
	ex.capture(map[string]any(res.Result))
	for _, k := range sortedKeys(res.Result) {
		if v, ok := res.Result[k].(string); ok && v != "" {
			ex.remember(st.Stimulus+"."+k, v) // what this stimulus made: "inbound-call.interactionId"
		}
	}
	return nil
}

func (ex *exec) advance(st Step) error {
	if ex.ctrl == nil {
		return nil
	}
	d := time.Duration(st.Millis) * time.Millisecond
	ex.settle()
	if err := ex.ctrl.AdvanceClock(ex.ctx, d); err != nil {
		return err
	}
	ex.rec.policy.now = ex.rec.policy.now.Add(d)
	return nil
}

// settle makes sure the target has handled the calls sent since the last
// settle before the virtual clock moves (the control endpoint is another
// channel than the clients'): a barrier on each connection with a call still
// unanswered, whose answer comes after any late reply, which is then checked.
func (ex *exec) settle() {
	var open []*client
	for _, p := range ex.unsettled {
		if c := ex.clients[p.client]; !p.answered() && c.open() && !slices.Contains(open, c) {
			open = append(open, c)
		}
	}
	ex.unsettled = nil
	ex.barrier(open)
}
