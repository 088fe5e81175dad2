package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/internal/exchange"
)

// libState is a client's bookkeeping of the calls it makes through the
// vendor library (Config.ClientLib).
type libState struct {
	mu      sync.Mutex
	next    int
	calls   map[string]*libCall
	waiting []*libCall // calls whose request has not been seen leaving yet
	// notes holds, per referenceId, the path of each request sent with it
	// (in order), for the transcript.
	notes map[string][]string
}

// libCall is one call through the library.
type libCall struct {
	id, what string
	ref      string                // the referenceId the library gave the request, once it left
	note     string                // the path the call took, once known
	exp      *exchange.Expectation // the reply awaited, once the request left
	sent     chan struct{}         // closed when exp is set
	cb       chan libCallback      // the library's callback
}

// libCallback is what the library passed to a success or failure callback.
type libCallback struct {
	ok   bool
	text string
}

func (l *libState) start(what string) *libCall {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.next++
	lc := &libCall{id: "L" + strconv.Itoa(l.next), what: what, sent: make(chan struct{}), cb: make(chan libCallback, 1)}
	if l.calls == nil {
		l.calls = map[string]*libCall{}
	}
	l.calls[lc.id] = lc
	l.waiting = append(l.waiting, lc)
	return lc
}

// setNote records the path lc took; it goes to the transcript with the
// request's referenceId once the request has left (before or after this).
func (l *libState) setNote(lc *libCall, note string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	lc.note = note
	if lc.exp != nil {
		l.addNoteLocked(lc.ref, note)
	}
}

// addNote records the path of a request sent with referenceId ref.
func (l *libState) addNote(ref, note string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.addNoteLocked(ref, note)
}

func (l *libState) addNoteLocked(ref, note string) {
	if l.notes == nil {
		l.notes = map[string][]string{}
	}
	l.notes[ref] = append(l.notes[ref], note)
}

// annotate sets the Note of every request in tr to the path it took
// through the frame: the notes of a referenceId go to its requests in order;
// a request without one went out raw.
func (l *libState) annotate(tr []driver.Entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	used := map[string]int{}
	for i, e := range tr {
		if e.Direction != driver.Out {
			continue
		}
		var env struct {
			ReferenceID any `json:"referenceId"`
		}
		json.Unmarshal(e.Message, &env)
		ref, _ := env.ReferenceID.(string)
		if n := l.notes[ref]; used[ref] < len(n) {
			tr[i].Note = n[used[ref]]
			used[ref]++
		} else {
			tr[i].Note = "raw"
		}
	}
}

func (l *libState) end(lc *libCall) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.calls, lc.id)
	l.unwait(lc)
}

// unwait removes lc from the calls waiting for their request; l.mu is held.
func (l *libState) unwait(lc *libCall) {
	for i, w := range l.waiting {
		if w == lc {
			l.waiting = append(l.waiting[:i:i], l.waiting[i+1:]...)
			return
		}
	}
}

// onOut takes an envelope the library posted (call is "" when it posted
// outside a call, for example from a timer): it is recorded, and the call it
// belongs to (else the oldest call still waiting for its request) starts
// waiting for the reply with its referenceId.
func (c *Client) onOut(call, text string) {
	c.Record(driver.Out, []byte(text))
	l := &c.lib
	l.mu.Lock()
	defer l.mu.Unlock()
	lc := l.calls[call]
	if lc == nil && call == "" && len(l.waiting) > 0 {
		lc = l.waiting[0]
	}
	var env struct {
		ReferenceID string `json:"referenceId"`
	}
	json.Unmarshal([]byte(text), &env)
	if lc == nil || lc.exp != nil {
		l.addNoteLocked(env.ReferenceID, "library, outside any call")
		return
	}
	l.unwait(lc)
	if e, err := c.Expect(env.ReferenceID, lc.what); err == nil {
		lc.exp, lc.ref = e, env.ReferenceID
		if lc.note != "" {
			l.addNoteLocked(lc.ref, lc.note)
		}
		close(lc.sent)
	}
}

// onCallback takes "ok|fail\nJSON" from the library's callback of call.
func (c *Client) onCallback(call, text string) {
	kind, arg, _ := strings.Cut(text, "\n")
	c.lib.mu.Lock()
	lc := c.lib.calls[call]
	c.lib.mu.Unlock()
	if lc != nil {
		select {
		case lc.cb <- libCallback{ok: kind == "ok", text: arg}:
		default:
		}
	}
}

// libRoute reports why req cannot go through the vendor library (""
// when it can): in library mode, a request whose envelope is the one the
// library builds (its own referenceId, userAgent and protocolVersion, no
// other key) goes through it. Anything else goes out raw, as with our client.
func libRoute(req wire.Request) string {
	switch {
	case req.Request == "" || req.Event != "" || req.Data != nil:
		return "not a request"
	case req.ReferenceID != "":
		return "a caller-supplied referenceId (the library numbers its own)"
	case req.UserAgent != wire.ClientUserAgent || req.ProtocolVersion != wire.ProtocolVersion || req.FrameID != "":
		return "an envelope the library would rewrite (userAgent, protocolVersion or frameId)"
	}
	return ""
}

// callPath is the path a call took through the frame (libCall in client.html).
type callPath struct {
	Path    string `json:"path"` // "library", "sendMessage" or "raw"
	Via     string `json:"via"`  // the library function called
	Why     string `json:"why"`  // why not the library's own method
	Problem string `json:"problem"`
}

// note renders the path for the transcript.
func (p callPath) note() string {
	s := p.Path
	if p.Via != "" {
		s += " " + p.Via
	}
	if p.Why != "" {
		s += " (" + p.Why + ")"
	}
	return s
}

// libEval runs one of the frame's library entry points, which returns a T.
func libEval[T any](ctx context.Context, c *Client, script string) (T, error) {
	rctx, cancel := c.d.bounded(ctx, c.sess.ctx)
	defer cancel()
	v, err := chromedp.Run(rctx, chromedp.Evaluate[T](script,
		func(p *runtime.EvaluateParams) { p.UniqueContextID = c.unique }))
	if err != nil {
		return v, fmt.Errorf("%w: calling into the client frame: %v", driver.ErrClosed, err)
	}
	return v, nil
}

// libCallRequest sends req through the vendor library: by its wire name
// through the library's own method, else through its generic sendMessage,
// and returns the reply the target sent once the library has called back.
// When the library has neither, the request goes out raw. The transcript
// notes the path. A library that never calls back although the reply came
// (it dropped the reply), or that fails without a reply, is reported as a
// timeout naming what happened.
func (c *Client) libCallRequest(ctx context.Context, req wire.Request) (*wire.Message, error) {
	what := fmt.Sprintf("request %q via the client library", req.Request)
	params := req.Parameters
	if params == nil {
		params = []any{}
	}
	args, err := json.Marshal(params)
	if err != nil {
		return nil, fmt.Errorf("%s: encoding the parameters: %w", what, err)
	}
	lc := c.lib.start(what)
	defer c.lib.end(lc)
	ctx, cancel := context.WithTimeout(ctx, c.Timeout())
	defer cancel()
	path, err := libEval[callPath](ctx, c, fmt.Sprintf("window.__scapiClient.libCall(%s, %s, %s)",
		jsString(lc.id), jsString(req.Request), args))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if path.Path == "raw" {
		c.lib.end(lc)
		return c.rawCall(ctx, req, "raw ("+path.Why+")")
	}
	c.lib.setNote(lc, path.note())
	if path.Via != "" {
		what += " (" + path.Via + ")"
	}
	if path.Problem != "" {
		return nil, fmt.Errorf("%s: %s", what, path.Problem)
	}
	return c.libAwait(ctx, lc, what)
}

// rawCall sends req as our own client does, noting why in the transcript.
func (c *Client) rawCall(ctx context.Context, req wire.Request, note string) (*wire.Message, error) {
	if req.ReferenceID == "" {
		req.ReferenceID = c.NextReferenceID()
	}
	c.lib.addNote(req.ReferenceID, note)
	return c.Exchange.Call(ctx, req)
}

// libAwait waits for the library's callback of lc and the reply it stands for.
func (c *Client) libAwait(ctx context.Context, lc *libCall, what string) (*wire.Message, error) {
	sent, settled := lc.sent, (<-chan struct{})(nil)
	for {
		select {
		case <-sent:
			sent, settled = nil, lc.exp.Settled()
			continue
		case <-settled:
			settled = nil
			if _, ok := lc.reply(); !ok {
				// A near miss (or the exchange's end): the library drops
				// the answer; say so now instead of at the timeout.
				_, err := lc.exp.Wait(ctx)
				return nil, err
			}
			continue // the reply came: the library's callback follows
		case cb := <-lc.cb:
			if msg, ok := lc.reply(); ok {
				return msg, nil
			}
			return nil, fmt.Errorf("%s: the library called its %s callback with %s, and no reply came from the target: %w",
				what, map[bool]string{true: "success", false: "failure"}[cb.ok], cb.text, driver.ErrTimeout)
		case <-c.Failed():
			return nil, fmt.Errorf("%s: %w", what, c.Err())
		case <-ctx.Done():
			if msg, ok := lc.reply(); ok {
				return nil, fmt.Errorf("%s: the target replied %s, but the library never called back (it dropped the reply): %w",
					what, msg.Raw, driver.ErrTimeout)
			}
			select {
			case <-lc.sent:
				_, err := lc.exp.Wait(ctx)
				return nil, err
			default:
				return nil, fmt.Errorf("%s: the library posted no request to window.parent within %v: %w", what, c.Timeout(), driver.ErrTimeout)
			}
		}
	}
}

// reply is the target's reply to the call, if it has come.
func (lc *libCall) reply() (*wire.Message, bool) {
	select {
	case <-lc.sent:
		return lc.exp.Done()
	default:
		return nil, false
	}
}

// libSubscribe subscribes through genesys.wwe.service.subscribe and waits
// for the acknowledgement of the request the library sent.
func (c *Client) libSubscribe(ctx context.Context, names []string) (*wire.Message, error) {
	what := fmt.Sprintf("subscribe %q via the client library (genesys.wwe.service.subscribe)", names)
	lc := c.lib.start(what)
	defer c.lib.end(lc)
	c.lib.setNote(lc, "library genesys.wwe.service.subscribe")
	ctx, cancel := context.WithTimeout(ctx, c.Timeout())
	defer cancel()
	// One name goes as a string, several as a list, as our own client sends them.
	var data any = names
	if len(names) == 1 {
		data = names[0]
	}
	list, _ := json.Marshal(data)
	problem, err := libEval[string](ctx, c, fmt.Sprintf("window.__scapiClient.libSubscribe(%s, %s)", jsString(lc.id), list))
	if err == nil && problem != "" {
		err = errors.New(problem)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	select {
	case <-lc.sent:
		return lc.exp.Wait(ctx)
	case <-c.Failed():
		return nil, fmt.Errorf("%s: %w", what, c.Err())
	case <-ctx.Done():
		return nil, fmt.Errorf("%s: the library posted no subscribe request to window.parent within %v: %w", what, c.Timeout(), driver.ErrTimeout)
	}
}
