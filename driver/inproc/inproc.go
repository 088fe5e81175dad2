// Package inproc is the driver of a Workspace living in this process (the
// reference Workspace, or a test double): no transport, every message handed
// over as bytes, the same exchange (referenceIds, reply matching, transcript,
// limits and timeouts) as the websocket and browser drivers. It is the fast
// path of fuzzing campaigns and their shrinking.
//
// The driver depends on nothing but the Service interface, which a service
// satisfies with plain function types: the reference Workspace is bound to it
// in fixtures/inprocess without either package importing the other.
package inproc

import (
	"context"
	"fmt"
	"sync"
	"time"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/internal/exchange"
)

// Service is a Workspace in this process.
type Service interface {
	// Connect attaches a client presenting origin. The service calls deliver
	// with every message for the client, one JSON document each (possibly
	// before Connect returns, from any goroutine); it calls drop when it ends
	// the connection itself. The client hands every message it sends to
	// handle (never changed afterwards), and calls close once when it
	// disconnects. handle must not block for long; deliver and drop never call back into the service.
	Connect(origin string, deliver func(msg []byte), drop func(reason error)) (handle func(msg []byte), close func())
}

// DefaultOrigins are the origins the driver presents unless told otherwise:
// two same-site and two cross-site, serialised as browsers report
// event.origin. They are never dialled.
var DefaultOrigins = []string{
	"http://127.0.0.1:8801", "http://127.0.0.1:8802", "http://localhost:8803", "https://client.example",
}

// Config configures a Driver.
type Config struct {
	// Service is the Workspace.
	Service Service
	// Control steers it (nil = not steerable).
	Control driver.Controller
	// Target names it in Info and in the transcripts ("" = "in-process").
	Target string
	// Origins the driver presents (nil = DefaultOrigins).
	Origins []string
	// Timeout bounds every wait whose context has no earlier deadline
	// (0 = the vendor client's 10 s).
	Timeout time.Duration
}

// Driver connects in-process clients to one Service.
type Driver struct {
	cfg Config

	mu      sync.Mutex
	clients map[*Client]bool
	closed  bool
}

// New returns a driver of cfg.Service.
func New(cfg Config) *Driver {
	if cfg.Target == "" {
		cfg.Target = "in-process"
	}
	if cfg.Origins == nil {
		cfg.Origins = DefaultOrigins
	}
	return &Driver{cfg: cfg, clients: map[*Client]bool{}}
}

// Open connects a client presenting origin.
func (d *Driver) Open(ctx context.Context, origin string) (driver.Client, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%w: %v", driver.ErrTimeout, err)
	}
	c := &Client{d: d}
	c.Exchange = exchange.New(origin, d.cfg.Target, d.cfg.Timeout, c.send, func() { go c.Close() })
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return nil, fmt.Errorf("%w: driver closed", driver.ErrClosed)
	}
	d.clients[c] = true
	d.mu.Unlock()
	c.handle, c.close = d.cfg.Service.Connect(origin, c.Deliver, c.dropped)
	return c, nil
}

// Origins lists the origins the driver presents.
func (d *Driver) Origins() []string { return append([]string(nil), d.cfg.Origins...) }

// Info describes the driver.
func (d *Driver) Info() driver.Info { return driver.Info{Driver: "inproc", Target: d.cfg.Target} }

// Control returns the service's controller, nil when it cannot be steered.
func (d *Driver) Control() driver.Controller { return d.cfg.Control }

// Close disconnects every client.
func (d *Driver) Close() error {
	d.mu.Lock()
	d.closed = true
	clients := make([]*Client, 0, len(d.clients))
	for c := range d.clients {
		clients = append(clients, c)
	}
	d.mu.Unlock()
	for _, c := range clients {
		c.Close()
	}
	return nil
}

// Client is one in-process client.
type Client struct {
	*exchange.Exchange
	d      *Driver
	handle func([]byte)
	close  func()
	once   sync.Once
}

// send hands one message to the service.
func (c *Client) send(_ context.Context, b []byte) error {
	if err := c.Err(); err != nil {
		return err
	}
	if len(b) > wire.MaxMessageBytes {
		return fmt.Errorf("%w: a %d-byte message (limit %d)", driver.ErrTooLarge, len(b), wire.MaxMessageBytes)
	}
	c.handle(b)
	return nil
}

// dropped is the service ending the connection.
func (c *Client) dropped(reason error) {
	c.Fail(fmt.Errorf("%w: the target closed the connection: %v", driver.ErrClosed, reason))
}

// Close disconnects the client; pending calls fail with driver.ErrClosed.
func (c *Client) Close() error {
	c.once.Do(func() {
		c.Fail(fmt.Errorf("%w: client closed", driver.ErrClosed))
		if c.close != nil {
			c.close()
		}
		c.d.mu.Lock()
		delete(c.d.clients, c)
		c.d.mu.Unlock()
	})
	return nil
}

var (
	_ driver.Driver = (*Driver)(nil)
	_ driver.Client = (*Client)(nil)
)
