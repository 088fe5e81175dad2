package framework

import (
	"context"
	"fmt"
	"strings"

	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/suites/matchers"
)

// recordingClient is the driver.Client a Session hands out: it counts what the
// spec observed, records the requests sent for the coverage gate, and keeps the
// messages a spec read past (the backlog) for later expectations.
type recordingClient struct {
	driver.Client
	s       *Session
	backlog []*wire.Message
	// seq numbers messages in arrival order, for order checks.
	seq map[*wire.Message]int
	// barrierless: the target left a Barrier from this client unanswered.
	barrierless bool
}

// maxRateRetries bounds how often a request the target rate-limited,
// although the suite's budget let it go, is sent again after the wait.
const maxRateRetries = 2

// Call counts the request against the options in force (Session.spend: it
// may wait for a rate-limit window, or skip the spec) before sending it; the
// wait for the reply starts once the request is sent. A rate-limit error the
// budget did not predict (traffic the suite could not see) teaches the budget
// the target's quarantine, and the request is sent again after it.
func (c *recordingClient) Call(ctx context.Context, req wire.Request) (*wire.Message, error) {
	ginkgo.GinkgoHelper()
	for attempt := 0; ; attempt++ {
		sendCtx, cancel := c.s.spendFor(ctx, c.Origin(), req.Request)
		recordRequest(req)
		m, err := c.Client.Call(sendCtx, req)
		cancel()
		if m == nil {
			return m, err
		}
		c.s.observed.Add(1)
		if !c.s.unexpectedRateLimit(req.Request, m, attempt < maxRateRetries) {
			return m, err
		}
	}
}

func (c *recordingClient) Send(ctx context.Context, req wire.Request) error {
	ginkgo.GinkgoHelper()
	sendCtx, cancel := c.s.spendFor(ctx, c.Origin(), req.Request)
	defer cancel()
	recordRequest(req)
	return c.Client.Send(sendCtx, req)
}

func (c *recordingClient) Subscribe(ctx context.Context, names ...string) (*wire.Message, error) {
	ginkgo.GinkgoHelper()
	c.s.mayListen(c.Origin())
	recordRequest(wire.NewSubscribe("", names...))
	m, err := c.Client.Subscribe(ctx, names...)
	if m != nil {
		c.s.observed.Add(1)
	}
	return m, err
}

// Next returns the oldest backlog message first, then reads from the target.
func (c *recordingClient) Next(ctx context.Context) (*wire.Message, error) {
	if len(c.backlog) > 0 {
		m := c.backlog[0]
		c.backlog = c.backlog[1:]
		return m, nil
	}
	return c.read(ctx)
}

// read reads one new message from the target.
func (c *recordingClient) read(ctx context.Context) (*wire.Message, error) {
	m, err := c.Client.Next(ctx)
	if m != nil {
		c.s.observed.Add(1)
	}
	return m, err
}

// take removes and returns the oldest backlog event matching, or nil.
func (c *recordingClient) take(event, eventType string) *wire.Message {
	for i, m := range c.backlog {
		if matchers.IsEvent(m, event, eventType) {
			c.backlog = append(c.backlog[:i:i], c.backlog[i+1:]...)
			return m
		}
	}
	return nil
}

// stamp numbers a message in arrival order (once).
func (c *recordingClient) stamp(m *wire.Message) {
	if c.seq == nil {
		c.seq = map[*wire.Message]int{}
	}
	if _, done := c.seq[m]; !done {
		c.seq[m] = len(c.seq) + 1
	}
}

// describeBacklog lists the unconsumed messages for a failure message.
func (c *recordingClient) describeBacklog() string {
	if len(c.backlog) == 0 {
		return "none"
	}
	parts := make([]string, len(c.backlog))
	for i, m := range c.backlog {
		parts[i] = matchers.Describe(m)
	}
	return strings.Join(parts, "; ")
}

// MaxBacklog bounds the messages a client keeps unconsumed: a target flooding
// a client with messages no expectation takes fails the spec instead of
// exhausting memory.
const MaxBacklog = 10000

// keep adds m to the backlog, failing the spec past MaxBacklog.
func (c *recordingClient) keep(m *wire.Message) {
	if len(c.backlog) >= MaxBacklog {
		ginkgo.GinkgoHelper() // here only: it costs a stack walk per message

		ginkgo.Fail(fmt.Sprintf("%s received more than %d messages no expectation took (the last: %s)", c.Origin(), MaxBacklog, matchers.Describe(m)))
	}
	c.backlog = append(c.backlog, m)
}
