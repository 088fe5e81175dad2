// Package ws is the websocket driver: each client is one websocket to a
// target that carries the SCAPI envelopes one per text frame (the reference
// Workspace, or a bridge in front of a real one), presenting its origin in
// the handshake's Origin header.
package ws

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/coder/websocket"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/controlclient"
	"scapi-conformance/driver/internal/exchange"
)

// Config says which target to drive.
type Config struct {
	// URL is the websocket endpoint, ws://… or wss://….
	URL string
	// ControlURL is the target's control endpoint; "" = not steerable.
	ControlURL string
	// Timeout bounds every wait whose context has no earlier deadline
	// (0 = the vendor client's 10 s).
	Timeout time.Duration
}

// origins is the fixed set of client origins the websocket driver presents:
// distinct schemes, hosts and ports, as browsers serialise event.origin.
// They are only ever written into handshake headers, never dialled.
var origins = []string{
	"https://app.example.com",
	"https://other.example.com",
	"http://app.example.com:8080",
	"https://client.example.org",
}

// Driver is the websocket driver.
type Driver struct {
	cfg     Config
	target  string // the target's origin, for In transcript entries
	control driver.Controller

	mu      sync.Mutex
	clients map[*Client]struct{}
	closed  bool
}

// New checks that the target answers a websocket handshake and returns the driver.
func New(ctx context.Context, c Config) (driver.Driver, error) {
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "ws" && u.Scheme != "wss") || u.Host == "" {
		return nil, fmt.Errorf("ws driver: URL %q is not a ws:// or wss:// URL", c.URL)
	}
	if c.Timeout <= 0 {
		c.Timeout = exchange.DefaultTimeout
	}
	scheme := "http"
	if u.Scheme == "wss" {
		scheme = "https"
	}
	d := &Driver{cfg: c, target: scheme + "://" + u.Host, clients: map[*Client]struct{}{}}
	if c.ControlURL != "" {
		d.control = controlclient.New(c.ControlURL)
	}
	conn, err := d.dial(ctx, origins[0])
	if err != nil {
		return nil, err
	}
	conn.CloseNow()
	return d, nil
}

// dial opens one websocket presenting origin, bounded by the timeout.
func (d *Driver) dial(ctx context.Context, origin string) (*websocket.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, d.cfg.Timeout)
	defer cancel()
	h := http.Header{}
	if origin != "" {
		h.Set("Origin", origin)
	}
	conn, resp, err := websocket.Dial(ctx, d.cfg.URL, &websocket.DialOptions{HTTPHeader: h})
	if err != nil {
		if resp != nil {
			return nil, fmt.Errorf("ws driver: %s as %q: %w: handshake answered %s", d.cfg.URL, origin, driver.ErrUnreachable, resp.Status)
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("ws driver: %s as %q: %w: %v", d.cfg.URL, origin, driver.ErrTimeout, err)
		}
		return nil, fmt.Errorf("ws driver: %s as %q: %w: %v", d.cfg.URL, origin, driver.ErrUnreachable, err)
	}
	// The driver reads at most one byte over the limit, then fails the client.
	conn.SetReadLimit(wire.MaxMessageBytes)
	return conn, nil
}

// Open connects a new client presenting origin (any origin: the websocket
// driver writes it into the handshake).
func (d *Driver) Open(ctx context.Context, origin string) (driver.Client, error) {
	d.mu.Lock()
	closed := d.closed
	d.mu.Unlock()
	if closed {
		return nil, fmt.Errorf("ws driver: open %q: %w", origin, driver.ErrClosed)
	}
	conn, err := d.dial(ctx, origin)
	if err != nil {
		return nil, err
	}
	c := newClient(conn, origin, d.target, d.cfg.Timeout, d.forget)
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		c.Close()
		return nil, fmt.Errorf("ws driver: open %q: %w", origin, driver.ErrClosed)
	}
	d.clients[c] = struct{}{}
	d.mu.Unlock()
	return c, nil
}

func (d *Driver) forget(c *Client) {
	d.mu.Lock()
	delete(d.clients, c)
	d.mu.Unlock()
}

// Origins lists the fixed synthetic origins the driver offers.
func (d *Driver) Origins() []string { return append([]string(nil), origins...) }

// Info describes the driver and its target.
func (d *Driver) Info() driver.Info {
	extra := map[string]string{}
	if d.cfg.ControlURL != "" {
		extra["control"] = d.cfg.ControlURL
	}
	return driver.Info{Driver: "ws", Target: d.cfg.URL, Extra: extra}
}

// Control returns the target's controller, or nil when not steerable.
func (d *Driver) Control() driver.Controller { return d.control }

// Close disconnects every client.
func (d *Driver) Close() error {
	d.mu.Lock()
	d.closed = true
	cs := make([]*Client, 0, len(d.clients))
	for c := range d.clients {
		cs = append(cs, c)
	}
	d.mu.Unlock()
	var errs []error
	for _, c := range cs {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}
