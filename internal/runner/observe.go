package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/internal/preflight"
	"scapi-conformance/internal/report"
	"scapi-conformance/suites/framework"
)

// jwtRequest is the request whose replies carry secrets (001 Auth namespace >
// getJwtToken); every string in their data is learned by the redactor.
const jwtRequest = "auth.getJwtToken"

// observer wraps the driver the specs use: it learns the tokens the target
// hands out so that no report or log shows them, and keeps the clients opened
// by the current spec so that a failure carries their transcript.
type observer struct {
	driver.Driver
	redactor *report.Redactor
	// stimuli are the stimuli the profile declares available (nil = all).
	stimuli []string

	mu      sync.Mutex
	clients []driver.Client
	// last is the last request the current spec sent, with its client's origin.
	last string
	// waitedOut says that a wait of the current spec for the target (a
	// reply, an acknowledgement, a message) ended in driver.ErrTimeout.
	waitedOut bool
}

func (o *observer) Open(ctx context.Context, origin string) (driver.Client, error) {
	c, err := o.Driver.Open(ctx, origin)
	if err != nil {
		return nil, err
	}
	oc := &observedClient{Client: c, o: o}
	o.mu.Lock()
	o.clients = append(o.clients, oc)
	o.mu.Unlock()
	return oc, nil
}

// beginSpec forgets the clients of the previous spec.
func (o *observer) beginSpec() {
	o.mu.Lock()
	o.clients, o.last, o.waitedOut = nil, "", false
	o.mu.Unlock()
}

// sent notes the last request of the current spec.
func (o *observer) sent(origin string, req wire.Request) {
	name := req.Request
	if name == "" {
		name = req.Event
	}
	o.mu.Lock()
	o.last = name + " as " + origin
	o.mu.Unlock()
}

// waited notes how a wait for the target ended.
func (o *observer) waited(err error) {
	if errors.Is(err, driver.ErrTimeout) {
		o.mu.Lock()
		o.waitedOut = true
		o.mu.Unlock()
	}
}

// timedOut reports whether a wait of the current spec for the target timed
// out.
func (o *observer) timedOut() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.waitedOut
}

// subject is the last request the current spec sent and the origin it sent
// it as ("agent.get as https://a.example"); "" when it sent none.
func (o *observer) subject() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.last
}

// lostTimeout bounds the check that a target still answers.
const lostTimeout = 3 * time.Second

// lost checks, after a failed spec, that the target still accepts a client
// and, when a wait of the spec for the target timed out and the preflight saw it
// acknowledge subscribes, that it still answers a subscribe from an origin
// the options in force list (the latest spec's,
// or one the preflight saw accepted when they are not known: a target
// nobody steers keeps its options); it returns why not ("" when it does). A
// target that stopped answering fails no requirement: the run is
// INCOMPLETE from there on, instead of every later spec waiting out its
// timeouts to fail on silence.
func (o *observer) lost(ctx context.Context, wait time.Duration, pre *preflight.Report) string {
	if wait <= 0 || wait > lostTimeout {
		wait = lostTimeout
	}
	origins := o.Driver.Origins()
	if len(origins) == 0 {
		return ""
	}
	base := context.WithoutCancel(ctx)
	ctx, cancel := context.WithTimeout(base, wait)
	defer cancel()
	c, err := o.Driver.Open(ctx, origins[0])
	if err != nil {
		return err.Error()
	}
	c.Close()
	if !o.timedOut() || pre == nil || !pre.AnswersSubscribes() {
		return ""
	}
	listed := framework.Current().ListedOrigin()
	if listed == "" && !pre.Steered && len(pre.Accepted) > 0 {
		listed = pre.Accepted[0]
	}
	if listed == "" {
		return ""
	}
	// A wait of its own: opening a browser frame above may have taken most
	// of the first one on a loaded machine.
	return preflight.Answers(base, o.Driver, listed, wait)
}

// transcript renders every envelope the current spec's clients sent and
// received, in time order, redacted; "" when there was none.
func (o *observer) transcript() string {
	type line struct {
		driver.Entry
		client int
	}
	o.mu.Lock()
	var entries []line
	for i, c := range o.clients {
		for _, e := range c.Transcript() {
			entries = append(entries, line{e, i + 1})
		}
	}
	o.mu.Unlock()
	if len(entries) == 0 {
		return ""
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Time.Before(entries[j].Time) })
	var b strings.Builder
	start := entries[0].Time
	for i, e := range entries {
		if i == maxTranscriptEntries {
			fmt.Fprintf(&b, "… %d more envelopes not shown\n", len(entries)-i)
			break
		}
		// An entry's origin is its sender's: the client's own on what it
		// sent, the target's on what it got.
		who := fmt.Sprintf("→ sent by client %d (%s)", e.client, e.Origin)
		if e.Direction == driver.In {
			who = fmt.Sprintf("← got by client %d from %s", e.client, e.Origin)
		}
		msg := string(e.Message)
		if len(msg) > maxTranscriptMessage {
			msg = fmt.Sprintf("%s… (%d bytes in all)", msg[:maxTranscriptMessage], len(msg))
		}
		note := ""
		if e.Note != "" {
			note = " (" + e.Note + ")"
		}
		fmt.Fprintf(&b, "%+9.1fms %s%s %s\n", float64(e.Time.Sub(start).Microseconds())/1000, who, note, msg)
	}
	return o.redactor.String(b.String())
}

// Bounds on the transcript a failure carries, so that a target sending huge
// or endless messages cannot bloat the reports.
const (
	maxTranscriptEntries = 200
	maxTranscriptMessage = 4096
)

// learn teaches the redactor the strings of a getJwtToken reply's data.
func (o *observer) learn(request string, m *wire.Message) {
	if m == nil {
		return
	}
	if name, _ := m.String("request"); name != jwtRequest && request != jwtRequest {
		return
	}
	var data any
	if json.Unmarshal(m.Data(), &data) != nil {
		return
	}
	for _, s := range stringsIn(data) {
		if len(s) >= 8 {
			o.redactor.Learn(s)
		}
	}
}

func stringsIn(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, stringsIn(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range v {
			out = append(out, stringsIn(e)...)
		}
		return out
	}
	return nil
}

type observedClient struct {
	driver.Client
	o *observer
}

func (c *observedClient) Call(ctx context.Context, req wire.Request) (*wire.Message, error) {
	c.o.sent(c.Origin(), req)
	m, err := c.Client.Call(ctx, req)
	c.o.waited(err)
	c.o.learn(req.Request, m)
	return m, err
}

func (c *observedClient) Send(ctx context.Context, req wire.Request) error {
	c.o.sent(c.Origin(), req)
	return c.Client.Send(ctx, req)
}

func (c *observedClient) Subscribe(ctx context.Context, names ...string) (*wire.Message, error) {
	c.o.sent(c.Origin(), wire.Request{Event: "subscribe"})
	m, err := c.Client.Subscribe(ctx, names...)
	c.o.waited(err)
	return m, err
}

func (c *observedClient) Next(ctx context.Context) (*wire.Message, error) {
	m, err := c.Client.Next(ctx)
	c.o.waited(err)
	c.o.learn("", m)
	return m, err
}

// Control narrows a steerable target's stimuli to those the profile declares
// available (all of them when the profile lists none).
func (o *observer) Control() driver.Controller {
	c := o.Driver.Control()
	if c == nil || o.stimuli == nil {
		return c
	}
	n := &narrowedController{Controller: c, stimuli: o.stimuli}
	if clock, ok := c.(clockReader); ok {
		// The specs read the target's virtual clock through Now: narrowing
		// the stimuli must not hide it.
		return &narrowedClockController{narrowedController: n, clock: clock}
	}
	return n
}

// clockReader is a controller that can read the target's virtual clock (as
// driver/controlclient does); suites/framework looks for it.
type clockReader interface {
	Now(ctx context.Context) (time.Time, error)
}

// narrowedClockController is a narrowedController over a controller that
// reads the target's clock, and keeps reading it.
type narrowedClockController struct {
	*narrowedController
	clock clockReader
}

// Now is the target's virtual clock.
func (c *narrowedClockController) Now(ctx context.Context) (time.Time, error) {
	return c.clock.Now(ctx)
}

// narrowedController offers only the stimuli of the profile.
type narrowedController struct {
	driver.Controller
	stimuli []string
}

func (c *narrowedController) Capabilities(ctx context.Context) (control.Capabilities, error) {
	caps, err := c.Controller.Capabilities(ctx)
	if err != nil {
		return caps, err
	}
	var kept []string
	for _, s := range caps.Stimuli {
		if slices.Contains(c.stimuli, s) {
			kept = append(kept, s)
		}
	}
	caps.Stimuli = kept
	return caps, nil
}

func (c *narrowedController) Stimulate(ctx context.Context, s control.Stimulus) (control.StimulusResult, error) {
	if !slices.Contains(c.stimuli, s.Name) {
		return control.StimulusResult{}, fmt.Errorf("stimulus %q is not among the profile's stimuli %v", s.Name, c.stimuli)
	}
	return c.Controller.Stimulate(ctx, s)
}
