package fuzz

import (
	"context"
	"fmt"
	"sync"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/fixtures/reference"
)

// inprocOrigins are the origins the in-process target offers: two same-site
// and two cross-site, as a browser would report them.
var inprocOrigins = []string{
	"http://127.0.0.1:8801", "http://127.0.0.1:8802", "http://localhost:8803", "https://client.example",
}

// InProcess returns the reference Workspace running the mutant ("" = none),
// driven through Connect/Handle without any transport: the fast path for
// campaigns, shrinking and tests.
func InProcess(mutant string) (Target, error) {
	w, err := reference.New(mutant)
	if err != nil {
		return nil, err
	}
	return &inproc{w: w}, nil
}

type inproc struct{ w *reference.Workspace }

func (t *inproc) Open(_ context.Context, origin string) (Endpoint, error) {
	ep := &inprocEndpoint{notify: make(chan struct{}, 1)}
	ep.conn = t.w.Connect(origin, ep.deliver)
	return ep, nil
}

func (t *inproc) Origins() []string          { return append([]string(nil), inprocOrigins...) }
func (t *inproc) Control() driver.Controller { return inprocControl{t.w} }
func (t *inproc) Close() error               { return nil }

// inprocEndpoint queues what the Workspace delivers; delivery never blocks.
type inprocEndpoint struct {
	conn   *reference.Conn
	notify chan struct{}

	mu     sync.Mutex
	queue  [][]byte
	closed bool
}

func (e *inprocEndpoint) deliver(msg []byte) {
	e.mu.Lock()
	e.queue = append(e.queue, append([]byte(nil), msg...))
	e.mu.Unlock()
	select {
	case e.notify <- struct{}{}:
	default:
	}
}

func (e *inprocEndpoint) SendRaw(_ context.Context, b []byte) error {
	e.mu.Lock()
	closed := e.closed
	e.mu.Unlock()
	if closed {
		return driver.ErrClosed
	}
	if len(b) > wire.MaxMessageBytes {
		return driver.ErrTooLarge
	}
	e.conn.Handle(b)
	return nil
}

func (e *inprocEndpoint) Next(ctx context.Context) (*wire.Message, error) {
	for {
		e.mu.Lock()
		if len(e.queue) > 0 {
			b := e.queue[0]
			e.queue = e.queue[1:]
			e.mu.Unlock()
			m, err := wire.Decode(b)
			if err != nil {
				return nil, fmt.Errorf("%w: %v", driver.ErrMalformed, err)
			}
			return m, nil
		}
		closed := e.closed
		e.mu.Unlock()
		if closed {
			return nil, driver.ErrClosed
		}
		select {
		case <-e.notify:
		case <-ctx.Done():
			return nil, fmt.Errorf("%w: %v", driver.ErrTimeout, ctx.Err())
		}
	}
}

func (e *inprocEndpoint) Close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	e.mu.Unlock()
	e.conn.Close()
	select {
	case e.notify <- struct{}{}:
	default:
	}
	return nil
}

// inprocControl steers the in-process Workspace.
type inprocControl struct{ w *reference.Workspace }

func (c inprocControl) Capabilities(context.Context) (control.Capabilities, error) {
	return c.w.Capabilities(), nil
}
func (c inprocControl) SetOptions(_ context.Context, o control.Options) error {
	return c.w.SetOptions(o)
}
func (c inprocControl) Stimulate(_ context.Context, s control.Stimulus) (control.StimulusResult, error) {
	return c.w.Stimulate(s)
}
func (c inprocControl) AdvanceClock(_ context.Context, d time.Duration) error {
	c.w.AdvanceClock(d)
	return nil
}
func (c inprocControl) Reset(context.Context) error {
	c.w.Reset()
	return nil
}

// Now reads the virtual clock.
func (c inprocControl) Now(context.Context) (time.Time, error) { return c.w.Now(), nil }
