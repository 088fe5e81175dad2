package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/runtime"

	"scapi-conformance/driver"
)

// contextInfo is what a session knows of one JavaScript execution context.
type contextInfo struct {
	origin, unique string
}

// session is one CDP target the driver listens to: the tab (service page and
// the client frames in its process) or an out-of-process client frame.
type session struct {
	d      *Driver
	ctx    context.Context    // the chromedp context of the target
	cancel context.CancelFunc // detaches a frame session; nil for the tab

	mu       sync.Mutex
	contexts map[runtime.ExecutionContextID]contextInfo
}

// onEvent runs on chromedp's reading goroutine: it must be quick and must
// not issue commands.
func (s *session) onEvent(ev any) {
	switch e := ev.(type) {
	case *runtime.EventExecutionContextCreated:
		s.mu.Lock()
		s.contexts[e.Context.ID] = contextInfo{origin: e.Context.Origin, unique: e.Context.UniqueID}
		s.mu.Unlock()
	case *runtime.EventExecutionContextDestroyed:
		s.d.contextGone(s, e.ExecutionContextUniqueID)
	case *runtime.EventExecutionContextsCleared:
		s.d.contextGone(s, "")
	case *runtime.EventBindingCalled:
		if e.Name == s.d.binding {
			s.mu.Lock()
			info, ok := s.contexts[e.ExecutionContextID]
			s.mu.Unlock()
			if !ok {
				return
			}
			batch, isBatch := strings.CutPrefix(e.Payload, "batch\n")
			if !isBatch {
				s.d.onBinding(s, info, e.Payload)
				return
			}
			var reports []string
			if json.Unmarshal([]byte(batch), &reports) == nil {
				for _, r := range reports {
					s.d.onBinding(s, info, r)
				}
			}
		}
	}
}

// hello is a client frame announcing itself from an execution context.
type hello struct {
	sess   *session
	unique string
}

// opening is a client frame being opened, waiting for its hello.
type opening struct {
	origin string
	hello  chan hello
}

// onBinding routes one report of a client frame ("KIND ID\nTEXT"). Only the
// execution context that said hello for a client, from the client's
// origin, speaks for it: neither the service page nor another frame can
// forge its traffic.
func (d *Driver) onBinding(s *session, info contextInfo, payload string) {
	head, text, _ := strings.Cut(payload, "\n")
	kind, id, _ := strings.Cut(head, " ")
	d.mu.Lock()
	op, c := d.opening[id], d.clients[id]
	d.mu.Unlock()
	if kind == "hello" {
		if op != nil && info.origin == op.origin {
			select {
			case op.hello <- hello{sess: s, unique: info.unique}:
			default:
			}
		}
		return
	}
	if c == nil || c.sess != s || c.unique != info.unique {
		return
	}
	switch kind {
	case "in":
		c.Deliver([]byte(text))
	case "big":
		n, err := strconv.Atoi(text)
		if err != nil {
			n = -1 // "at least N": the frame stopped counting, the size is unknown
		}
		c.TooLarge(n)
	case "bad":
		c.Reject(nil, text)
	case "out":
		call, env, _ := strings.Cut(text, "\n")
		c.onOut(call, env)
	case "cb":
		call, rest, _ := strings.Cut(text, "\n")
		c.onCallback(call, rest)
	}
}

// contextGone fails the clients whose document lived in the destroyed
// execution context (every context of the session when unique is "").
func (d *Driver) contextGone(s *session, unique string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, c := range d.clients {
		if c.sess == s && (unique == "" || c.unique == unique) {
			c.Fail(fmt.Errorf("%w: the client frame's document went away (the service page removed or reloaded it, or navigated)", driver.ErrClosed))
		}
	}
}
