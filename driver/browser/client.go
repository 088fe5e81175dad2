package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/internal/exchange"
)

// pollTargets is how often Open looks for an out-of-process frame target.
const pollTargets = 10 * time.Millisecond

// Client is one client frame.
type Client struct {
	*exchange.Exchange
	d      *Driver
	id     string
	sess   *session
	unique string // the frame document's execution context
	lib    libState
	once   sync.Once
	done   chan struct{}
}

// Open embeds a new client frame on origin (one of Origins) in the service
// page and waits until its document has said hello.
func (d *Driver) Open(ctx context.Context, origin string) (driver.Client, error) {
	if !d.frames.serves(origin) {
		return nil, fmt.Errorf("browser driver: cannot present origin %q; the client frames are served on %v", origin, d.frames.origins)
	}
	id := d.newClientID()
	op := &opening{origin: origin, hello: make(chan hello, 1)}
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return nil, fmt.Errorf("browser driver: open %q: %w", origin, driver.ErrClosed)
	}
	d.opening[id] = op
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		delete(d.opening, id)
		d.mu.Unlock()
	}()
	ctx, cancel := context.WithTimeout(ctx, d.cfg.Timeout)
	defer cancel()
	u := d.frames.url(origin, id)
	if err := d.evalTop(ctx, fmt.Sprintf(`(function (u, id) {
  const f = document.createElement("iframe");
  f.src = u;
  f.setAttribute("data-scapi-client", id);
  f.style.cssText = "width:320px;height:100px;border:1px solid #999";
  (document.body || document.documentElement).appendChild(f);
})(%s, %s)`, jsString(u), jsString(id))); err != nil {
		return nil, fmt.Errorf("browser driver: embedding the client frame %s: %w", u, err)
	}
	var frame *session
	fail := func(err error) (driver.Client, error) {
		d.removeFrame(id)
		if frame != nil {
			frame.cancel()
		}
		return nil, err
	}
	tick := time.NewTicker(pollTargets)
	defer tick.Stop()
	for {
		select {
		case h := <-op.hello:
			if frame != nil && frame != h.sess {
				frame.cancel()
			}
			return d.newClient(id, origin, h)
		case <-tick.C:
			if frame != nil {
				continue
			}
			tid, err := d.findFrameTarget(ctx, u)
			if err == nil && tid != "" {
				frame, err = d.attach(ctx, tid)
			}
			if err != nil {
				return fail(fmt.Errorf("browser driver: attaching to the client frame %s: %w", u, err))
			}
		case <-ctx.Done():
			return fail(fmt.Errorf("browser driver: the client frame %s did not load within %v (a Content-Security-Policy frame-src of the service page can forbid it): %w",
				u, d.cfg.Timeout, driver.ErrTimeout))
		}
	}
}

func (d *Driver) newClient(id, origin string, h hello) (driver.Client, error) {
	c := &Client{d: d, id: id, sess: h.sess, unique: h.unique, done: make(chan struct{})}
	c.Exchange = exchange.New(origin, d.target, d.cfg.Timeout, c.post, func() { go c.Close() })
	d.mu.Lock()
	closed := d.closed
	d.clients[id] = c
	d.mu.Unlock()
	if closed {
		c.Close()
		return nil, fmt.Errorf("browser driver: open %q: %w", origin, driver.ErrClosed)
	}
	if h.sess.cancel != nil {
		if gone, err := chromedp.Detached(h.sess.ctx); err == nil {
			go func() {
				select {
				case <-gone:
					c.Fail(fmt.Errorf("%w: the client frame's target went away", driver.ErrClosed))
				case <-c.done:
				}
			}()
		}
	}
	return c, nil
}

// findFrameTarget returns the id of the out-of-process frame target showing
// u, or "" when there is none (yet, or because the frame is in-process).
func (d *Driver) findFrameTarget(ctx context.Context, u string) (string, error) {
	rctx, cancel := d.bounded(ctx, d.tab.ctx)
	defer cancel()
	infos, err := chromedp.Targets(rctx)
	if err != nil {
		return "", err
	}
	for _, info := range infos {
		if info.Type == "iframe" && info.URL == u {
			return string(info.TargetID), nil
		}
	}
	return "", nil
}

// attach opens a session on an out-of-process frame target, installs the
// binding there and lets the frame flush what it queued before.
func (d *Driver) attach(ctx context.Context, tid string) (*session, error) {
	s := &session{d: d, contexts: map[runtime.ExecutionContextID]contextInfo{}}
	// Detach on cancel: closing an iframe target would close the tab.
	s.ctx, s.cancel = chromedp.NewContext(d.tab.ctx, chromedp.WithTargetID(target.ID(tid)),
		chromedp.WithDetachOnCancel(), chromedp.WithListener(s.onEvent))
	stop := watchdog(ctx, d.cfg.Timeout, s.cancel)
	_, err := chromedp.Call(s.ctx, runtime.AddBinding, runtime.AddBindingParams{Name: d.binding})
	if !stop() {
		return nil, fmt.Errorf("attaching: %w", driver.ErrTimeout)
	}
	if err != nil {
		s.cancel()
		return nil, err
	}
	rctx, cancel := d.bounded(ctx, s.ctx)
	defer cancel()
	if err := chromedp.Do(rctx, chromedp.Evaluate[chromedp.Void](`window.__scapiClient && window.__scapiClient.flush()`)); err != nil {
		s.cancel()
		return nil, err
	}
	return s, nil
}

// evalTop evaluates a script in the service page's main world.
func (d *Driver) evalTop(ctx context.Context, script string) error {
	rctx, cancel := d.bounded(ctx, d.tab.ctx)
	defer cancel()
	return chromedp.Do(rctx, chromedp.Evaluate[chromedp.Void](script))
}

// removeFrame takes the client's iframe out of the service page.
func (d *Driver) removeFrame(id string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	d.evalTop(ctx, fmt.Sprintf(`(function (id) {
  const f = document.querySelector('iframe[data-scapi-client="' + id + '"]');
  if (f) f.remove();
})(%s)`, jsString(id)))
}

// post hands one message to the frame, which posts it to window.parent.
func (c *Client) post(ctx context.Context, b []byte) error {
	rctx, cancel := c.d.bounded(ctx, c.sess.ctx)
	defer cancel()
	err := chromedp.Do(rctx, chromedp.Evaluate[chromedp.Void]("window.__scapiClient.post("+jsString(string(b))+")",
		func(p *runtime.EvaluateParams) { p.UniqueContextID = c.unique }))
	if err == nil {
		return nil
	}
	if e := c.Err(); e != nil {
		return e
	}
	if c.sess.ctx.Err() == nil && rctx.Err() != nil {
		return fmt.Errorf("%w: posting to the client frame: %v", driver.ErrTimeout, err)
	}
	return fmt.Errorf("%w: posting to the client frame: %v", driver.ErrClosed, err)
}

// Call sends a request and waits for its reply; a failure keeps artifacts.
//
// With Config.ClientLib, a request whose envelope the library would build
// itself goes through the library (libCallRequest); others (and Send,
// SendRaw) go out raw. The transcript notes each request's path.
func (c *Client) Call(ctx context.Context, req wire.Request) (*wire.Message, error) {
	var m *wire.Message
	var err error
	switch why := libRoute(req); {
	case c.d.cfg.ClientLib == "":
		m, err = c.Exchange.Call(ctx, req)
	case why == "":
		m, err = c.libCallRequest(ctx, req)
	default:
		m, err = c.rawCall(ctx, req, "raw ("+why+")")
	}
	return m, c.d.keepArtifacts(c, req.Request, err)
}

// Transcript returns every envelope in and out so far; with
// Config.ClientLib each request's Note says the path it took (library
// method, sendMessage or raw, and why).
func (c *Client) Transcript() []driver.Entry {
	tr := c.Exchange.Transcript()
	if c.d.cfg.ClientLib != "" {
		c.lib.annotate(tr)
	}
	return tr
}

// Subscribe subscribes and waits for the acknowledgement; a failure keeps artifacts.
// With Config.ClientLib it goes through genesys.wwe.service.subscribe.
func (c *Client) Subscribe(ctx context.Context, names ...string) (*wire.Message, error) {
	var m *wire.Message
	var err error
	if c.d.cfg.ClientLib != "" {
		m, err = c.libSubscribe(ctx, names)
	} else {
		m, err = c.Exchange.Subscribe(ctx, names...)
	}
	return m, c.d.keepArtifacts(c, "subscribe "+strings.Join(names, ","), err)
}

// Close removes the client frame; pending calls fail with driver.ErrClosed.
func (c *Client) Close() error {
	c.end(fmt.Errorf("%w: client closed", driver.ErrClosed))
	return nil
}

func (c *Client) end(why error) {
	c.once.Do(func() {
		c.Fail(why)
		c.d.removeFrame(c.id)
		if c.sess.cancel != nil {
			c.sess.cancel()
		}
		c.d.mu.Lock()
		delete(c.d.clients, c.id)
		c.d.mu.Unlock()
		close(c.done)
	})
}

// jsString renders s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

var _ driver.Client = (*Client)(nil)
