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

	"scapi-conformance/contract"
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
}

// libCall is one call through the library.
type libCall struct {
	id, what string
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
	if lc == nil || lc.exp != nil {
		return
	}
	l.unwait(lc)
	var env struct {
		ReferenceID string `json:"referenceId"`
	}
	json.Unmarshal([]byte(text), &env)
	if e, err := c.Expect(env.ReferenceID, lc.what); err == nil {
		lc.exp = e
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

// viaLib reports whether req goes through the vendor library: in library
// mode, a request of the catalog without a caller-supplied referenceId (the
// library numbers its own). Anything else goes out raw, as with our client.
func (c *Client) viaLib(req wire.Request) (contract.Method, bool) {
	if c.d.cfg.ClientLib == "" || req.ReferenceID != "" || req.Request == "" {
		return contract.Method{}, false
	}
	return contract.LookupWire(req.Request)
}

// libEval runs one of the frame's library entry points; it returns what the
// frame says went wrong, if anything.
func (c *Client) libEval(ctx context.Context, script string) error {
	rctx, cancel := c.d.bounded(ctx, c.sess.ctx)
	defer cancel()
	problem, err := chromedp.Run(rctx, chromedp.Evaluate[string](script,
		func(p *runtime.EvaluateParams) { p.UniqueContextID = c.unique }))
	switch {
	case err != nil:
		return fmt.Errorf("%w: calling into the client frame: %v", driver.ErrClosed, err)
	case problem != "":
		return errors.New(problem)
	}
	return nil
}

// libCallMethod calls m through genesys.wwe.service and returns the reply
// the target sent for it, once the library has called back. A library that
// never calls back although the reply came (it dropped the reply), or that
// fails without a reply, is reported as a timeout naming what happened.
func (c *Client) libCallMethod(ctx context.Context, m contract.Method, params []any) (*wire.Message, error) {
	what := fmt.Sprintf("request %q via the client library (genesys.wwe.service.%s.%s)", m.Wire, m.Namespace, m.Name)
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
	if err := c.libEval(ctx, fmt.Sprintf("window.__scapiClient.libCall(%s, %s, %s, %s)",
		jsString(lc.id), jsString(m.Namespace), jsString(m.Name), args)); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	select {
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
	what := fmt.Sprintf("subscribe %q via the client library", names)
	lc := c.lib.start(what)
	defer c.lib.end(lc)
	ctx, cancel := context.WithTimeout(ctx, c.Timeout())
	defer cancel()
	list, _ := json.Marshal(names)
	if err := c.libEval(ctx, fmt.Sprintf("window.__scapiClient.libSubscribe(%s, %s)", jsString(lc.id), list)); err != nil {
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
