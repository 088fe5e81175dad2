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
	// Grace is how long a reply that may not come is waited for (a request
	// the allow-list refuses, an unknown one, one a rate-limit reading
	// ignores; default 100 ms): it is still checked when it comes.
	Grace time.Duration
	// Quiet is how long the end of a session waits for late messages
	// (default 20 ms).
	Quiet time.Duration
	// Strict holds the target to the strict reading of every interpretation;
	// otherwise any recorded reading is accepted (a fuzzer finding is never
	// a NON-STRICT result).
	Strict bool
	// Configured are the options of a target that cannot be steered (from
	// its profile); sessions against a steerable target set their own.
	Configured control.Options
	// Clock reads the target's virtual time (nil: unknown, and the rate-limit
	// checks are off, their windows being minutes of that clock).
	Clock func(ctx context.Context) (time.Time, error)
}

// Runner runs sessions against one target and checks them.
type Runner struct {
	t   Target
	cfg Config
}

// NewRunner returns a Runner of sessions against t.
func NewRunner(t Target, cfg Config) *Runner {
	if cfg.CallTimeout <= 0 {
		cfg.CallTimeout = 2 * time.Second
	}
	if cfg.Grace <= 0 {
		cfg.Grace = 100 * time.Millisecond
	}
	if cfg.Quiet <= 0 {
		cfg.Quiet = 20 * time.Millisecond
	}
	return &Runner{t: t, cfg: cfg}
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
	}
	ex.step = len(s.Steps)
	ex.settle()
	ex.pumpFor(r.cfg.Quiet)
	if err := ctx.Err(); err != nil {
		return nil, err // cut short: what was not waited for is no evidence
	}
	out := &Outcome{Findings: check(ex.rec)}
	for _, e := range ex.rec.timeline {
		if e.in {
			out.Messages++
		} else {
			out.Requests++
		}
	}
	return out, nil
}

// exec is one session being run.
type exec struct {
	r       *Runner
	ctx     context.Context
	cancel  context.CancelFunc
	ctrl    driver.Controller
	rec     *record
	clients []*client
	inbox   chan incoming
	refs    map[string][]string
	step    int
	seq     int
	// unsettled are the calls sent since the last settle.
	unsettled []*call
}

type client struct {
	idx     int
	origin  string
	ep      Endpoint
	gen     int // connection generation: a closed connection is reopened
	next    int // next referenceId
	frameID string
	pending map[string]*call
	subs    []*subscription
	open    bool
}

type incoming struct {
	client, gen int
	msg         *wire.Message
	err         error
}

func (r *Runner) start(ctx context.Context, s *Session) (*exec, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	ex := &exec{r: r, ctx: ctx, cancel: cancel, ctrl: r.t.Control(), inbox: make(chan incoming, 256),
		refs: map[string][]string{}}
	opts := r.cfg.Configured
	if ex.ctrl != nil {
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
	var clock *time.Time
	if r.cfg.Clock != nil {
		if t, err := r.cfg.Clock(ctx); err == nil {
			clock = &t
		}
	}
	ex.rec = &record{session: s, policy: newPolicy(opts, clock, r.cfg.Strict), strict: r.cfg.Strict}
	for i, o := range s.Origins {
		ex.clients = append(ex.clients, &client{idx: i, origin: o, pending: map[string]*call{}})
	}
	return ex, nil
}

func (ex *exec) stop() {
	ex.cancel()
	for _, c := range ex.clients {
		if c.ep != nil {
			c.ep.Close()
		}
	}
}

// conn returns the client's connection, opening it (again) when needed.
func (ex *exec) conn(c *client) (Endpoint, error) {
	if c.open {
		return c.ep, nil
	}
	if c.ep != nil {
		c.ep.Close()
	}
	ep, err := ex.r.t.Open(ex.ctx, c.origin)
	if err != nil {
		return nil, fmt.Errorf("open a client as %s: %v", c.origin, err)
	}
	c.gen++
	c.ep, c.open, c.frameID = ep, true, ""
	c.pending = map[string]*call{}
	for _, s := range c.subs {
		if s.endSeq == 0 {
			s.endSeq = ex.seq // the connection that held it is gone
		}
	}
	c.subs = nil
	go ex.read(c.idx, c.gen, ep)
	return ep, nil
}

func (ex *exec) read(idx, gen int, ep Endpoint) {
	for {
		m, err := ep.Next(ex.ctx)
		if err != nil && ex.ctx.Err() != nil {
			return
		}
		if errors.Is(err, driver.ErrTimeout) {
			continue // a quiet connection: the driver bounds each wait
		}
		select {
		case ex.inbox <- incoming{client: idx, gen: gen, msg: m, err: err}:
		case <-ex.ctx.Done():
			return
		}
		if err != nil && !errors.Is(err, driver.ErrMalformed) {
			return
		}
	}
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
		case in := <-ex.inbox:
			ex.receive(in)
		case <-t.C:
			return
		case <-ex.ctx.Done():
			return
		}
	}
}

func (ex *exec) pumpFor(d time.Duration) { ex.pumpUntil(func() bool { return false }, d) }

// drain processes what has already arrived, without waiting.
func (ex *exec) drain() {
	for {
		select {
		case in := <-ex.inbox:
			ex.receive(in)
		default:
			return
		}
	}
}

// receive records one incoming message and matches it to its call.
func (ex *exec) receive(in incoming) {
	c := ex.clients[in.client]
	if in.gen != c.gen {
		return // from a connection already replaced
	}
	ex.seq++
	e := &entry{seq: ex.seq, step: ex.step, client: in.client, in: true, msg: in.msg, err: in.err}
	ex.rec.timeline = append(ex.rec.timeline, e)
	if in.err != nil {
		if !errors.Is(in.err, driver.ErrMalformed) {
			c.open = false
			for _, p := range c.pending {
				p.closed = true
			}
		}
		return
	}
	e.raw = in.msg.Raw
	e.value, _ = in.msg.Value()
	ex.capture(e.value)
	if f, ok := in.msg.String("frameId"); ok && in.msg.Kind() == wire.KindFrameID {
		c.frameID = f
	}
	ref, ok := in.msg.ReferenceID()
	if !ok {
		if raw, has := in.msg.Fields["referenceId"]; has && in.msg.Kind() != wire.KindEvent {
			if p := c.pending[string(raw)]; p != nil && p.badRef == nil {
				p.badRef = e
			}
		}
		return
	}
	p := c.pending[ref]
	if p == nil {
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
func (ex *exec) capture(v any) {
	walk(v, func(key string, val any) {
		if s, ok := refValue(key, val); ok {
			ex.remember(key, s)
		}
	})
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
	case OpCall:
		return ex.call(st)
	case OpRaw:
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
	ep, err := ex.conn(c)
	if err != nil {
		return err
	}
	ex.seq++
	e := &entry{seq: ex.seq, step: ex.step, client: c.idx, raw: b, call: p}
	ex.rec.timeline = append(ex.rec.timeline, e)
	if p != nil {
		p.sent = e
		c.pending[p.refID] = p
		ex.unsettled = append(ex.unsettled, p)
	}
	if err := ep.SendRaw(ex.ctx, b); err != nil {
		if errors.Is(err, driver.ErrTooLarge) {
			return nil // refused by our own transport: nothing was sent
		}
		c.open = false
		e.err = err
		if p != nil {
			p.closed = true
		}
	}
	return nil
}

// envelope builds a client → service envelope as the vendor client does.
func (ex *exec) envelope(c *client, fields map[string]any) (string, []byte) {
	ref := strconv.Itoa(c.next)
	c.next++
	fields["referenceId"] = ref
	fields["userAgent"] = wire.ClientUserAgent
	fields["protocolVersion"] = wire.ProtocolVersion
	if c.frameID != "" {
		fields["frameId"] = c.frameID
	}
	b, err := json.Marshal(fields)
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
	b, err := json.Marshal(v)
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
	args := map[string]any{}
	for k, a := range st.Args {
		args[k] = ex.resolve(a)
	}
	// Messages caused by earlier steps are recorded before the stimulus, so
	// the order of references follows the session.
	ex.drain()
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

// settle gives the calls sent since the last settle that have no reply yet
// the grace period to get one: the target has then handled them before the
// virtual clock moves (the control endpoint is another channel than the
// clients'), and a late reply is still checked.
func (ex *exec) settle() {
	pending := ex.unsettled
	ex.unsettled = nil
	ex.pumpUntil(func() bool {
		for _, p := range pending {
			if !p.answered() {
				return false
			}
		}
		return true
	}, ex.r.cfg.Grace)
}
