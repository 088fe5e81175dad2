package framework

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// fakeDriver is an in-memory target for the framework's own tests. Requests
// are answered by name:
//
//	"silent"               no reply (the call times out)
//	"fail"                 an error reply
//	"emit:<event>/<type>"  a success reply, then that event on the same client
//	"flood"                a success reply, then MaxBacklog+1 events
//	"late:<event>/<type>"  a success reply; that event comes just before
//	                       the answer to the client's next message
//	anything else          a success reply with data {}
//
// A subscribe sent through Call (a barrier) is answered like a request, but
// not from the origin fakeNoBarriers.
type fakeDriver struct {
	ctrl *fakeController
}

func (d *fakeDriver) Open(_ context.Context, origin string) (driver.Client, error) {
	return &fakeClient{origin: origin, queue: make(chan *wire.Message, MaxBacklog+64)}, nil
}

func (d *fakeDriver) Origins() []string {
	return []string{"https://a.example", "https://b.example", "http://c.example:8080", "https://d.example"}
}

func (d *fakeDriver) Info() driver.Info { return driver.Info{Driver: "fake"} }

func (d *fakeDriver) Control() driver.Controller {
	if d.ctrl == nil {
		return nil
	}
	return d.ctrl
}

func (d *fakeDriver) Close() error { return nil }

// fakeController records what the framework asked of it.
type fakeController struct {
	mu      sync.Mutex
	caps    control.Capabilities
	resets  int
	options []control.Options
	stimuli []string
	// now is the virtual clock AdvanceClock moves and Now reads.
	now time.Time
}

func (c *fakeController) Capabilities(context.Context) (control.Capabilities, error) {
	return c.caps, nil
}

func (c *fakeController) SetOptions(_ context.Context, o control.Options) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.options = append(c.options, o)
	return nil
}

func (c *fakeController) Stimulate(_ context.Context, s control.Stimulus) (control.StimulusResult, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stimuli = append(c.stimuli, s.Name)
	return control.StimulusResult{Result: map[string]any{"stimulus": s.Name}}, nil
}

func (c *fakeController) AdvanceClock(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return nil
}

func (c *fakeController) Now(context.Context) (time.Time, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now, nil
}

func (c *fakeController) Reset(context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.resets++
	return nil
}

// lastOptions returns the options set last.
func (c *fakeController) lastOptions() control.Options {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.options) == 0 {
		return nil
	}
	return c.options[len(c.options)-1]
}

// fakeNoBarriers is the origin (the profile scenarios') whose subscribes
// through Call, the barriers, get no answer.
const fakeNoBarriers = "https://profile.example"

type fakeClient struct {
	origin string
	queue  chan *wire.Message
	next   int
	late   *wire.Message // sent before the next answer
	// lateReply is sent before the answer after the next one.
	lateReply *wire.Message
}

func (c *fakeClient) Origin() string { return c.origin }

func (c *fakeClient) Call(ctx context.Context, req wire.Request) (*wire.Message, error) {
	ref := req.ReferenceID
	if ref == "" {
		ref = fmt.Sprint(c.next)
		c.next++
	}
	if c.late != nil {
		c.queue <- c.late
		c.late = nil
	}
	c.late, c.lateReply = c.lateReply, nil
	switch {
	case req.Request == "silent", req.Event == wire.EventSubscribe && c.origin == fakeNoBarriers:
		<-ctx.Done()
		return nil, fmt.Errorf("%w: %s", driver.ErrTimeout, req.Request)
	case req.Request == "fail":
		return fakeMessage(map[string]any{"referenceId": ref, "request": req.Request, "errorMessage": "refused"}), nil
	case req.Request == "flood":
		ev := fakeEvent("agent", "OTHER")
		for i := 0; i <= MaxBacklog; i++ {
			c.queue <- ev // queued before the reply: the wait reads them at once
		}
	case strings.HasPrefix(req.Request, "emit:"):
		event, eventType, _ := strings.Cut(strings.TrimPrefix(req.Request, "emit:"), "/")
		c.queue <- fakeEvent(event, eventType)
	case strings.HasPrefix(req.Request, "late:"):
		event, eventType, _ := strings.Cut(strings.TrimPrefix(req.Request, "late:"), "/")
		c.late = fakeEvent(event, eventType)
	}
	return fakeMessage(map[string]any{"referenceId": ref, "request": req.Request, "data": map[string]any{}}), nil
}

// Send answers a request as Call would, the answer waiting for Next ("silent"
// gets none); a request named "late" is answered just before the answer to
// the client's second message after it (it comes after a barrier's).
func (c *fakeClient) Send(_ context.Context, req wire.Request) error {
	if req.Request == "" || req.Request == "silent" {
		return nil
	}
	reply := fakeMessage(map[string]any{"referenceId": req.ReferenceID, "request": req.Request, "data": map[string]any{}})
	if req.Request == "late" {
		c.lateReply = reply
		return nil
	}
	c.queue <- reply
	return nil
}

func (c *fakeClient) SendRaw(context.Context, []byte) error { return nil }

func (c *fakeClient) Subscribe(_ context.Context, names ...string) (*wire.Message, error) {
	return fakeMessage(map[string]any{"referenceId": "s", "subscriptionId": strings.Join(names, "+")}), nil
}

func (c *fakeClient) Next(ctx context.Context) (*wire.Message, error) {
	select { // a queued message first, even when ctx has ended (as the drivers' exchange)
	case m := <-c.queue:
		return m, nil
	default:
	}
	select {
	case m := <-c.queue:
		return m, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: no message", driver.ErrTimeout)
	}
}

func (c *fakeClient) Transcript() []driver.Entry { return nil }

func (c *fakeClient) Close() error { return nil }

// fakeEvent builds an event message ("" eventType: data without one).
func fakeEvent(event, eventType string) *wire.Message {
	data := map[string]any{"frameState": "LEADING"}
	if eventType != "" {
		data = map[string]any{"eventType": eventType}
	}
	return fakeMessage(map[string]any{"event": event, "data": data, "userAgent": "WWE Server", "protocolVersion": 2})
}

func fakeMessage(v map[string]any) *wire.Message {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	m, err := wire.Decode(b)
	if err != nil {
		panic(err)
	}
	return m
}
