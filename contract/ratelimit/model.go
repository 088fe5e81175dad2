package ratelimit

import (
	"fmt"
	"maps"
	"sync"
	"time"
)

// Action is what Workspace does with one request.
type Action int

const (
	// Run: the request is processed normally.
	Run Action = iota
	// Reject: the request is answered with the documented error message (the
	// first request after the limit is reached).
	Reject
	// Ignore: the request gets no answer at all (quarantine).
	Ignore
)

// String names the action.
func (a Action) String() string {
	switch a {
	case Run:
		return "run"
	case Reject:
		return "reject"
	case Ignore:
		return "ignore"
	}
	return fmt.Sprintf("Action(%d)", int(a))
}

// Outcome is the model's prediction for one request.
type Outcome struct {
	Action Action
	// Message is the documented errorMessage, for Reject.
	Message string
	// Until is when the quarantine of the request type ends, for Reject and
	// Ignore; the zero time when it lasts forever.
	Until time.Time
}

// Model replays a timeline of requests against a Config. It is safe for
// concurrent use; requests must be given in time order (an earlier time than
// the previous one is taken as the previous one).
type Model struct {
	mu          sync.Mutex
	c           Config
	last        time.Time
	counters    map[string]*counter
	quarantines map[string]quarantine
}

type counter struct {
	start time.Time // window start
	count int
}

type quarantine struct {
	forever bool
	until   time.Time
}

// NewModel returns a model with no request seen yet.
func NewModel(c Config) *Model {
	return &Model{c: c, counters: map[string]*counter{}, quarantines: map[string]quarantine{}}
}

// Decide records a request sent at now and predicts what Workspace does.
// request is the request name of the envelope, as on the wire (INT-RATE-2);
// requests refused by the allow-list must not be given (INT-RATE-4).
func (m *Model) Decide(request string, now time.Time) Outcome {
	m.mu.Lock()
	defer m.mu.Unlock()
	if now.Before(m.last) {
		now = m.last
	}
	m.last = now
	limit, own := m.c.Limit(request)
	if limit <= 0 {
		return Outcome{Action: Run}
	}
	key := request
	if !own && m.c.Counting == Shared {
		key = ""
	}
	if q, ok := m.quarantines[request]; ok {
		if q.forever || now.Before(q.until) {
			return Outcome{Action: Ignore, Until: q.until}
		}
		delete(m.quarantines, request)
		if m.c.AfterQuarantine == ResetCount {
			delete(m.counters, key)
		}
	}
	c := m.counter(key, now)
	if c.count < limit {
		c.count++
		return Outcome{Action: Run}
	}
	q := quarantine{forever: m.c.QuarantineDelay <= 0}
	if !q.forever {
		q.until = now.Add(m.c.QuarantineDelay)
	}
	m.quarantines[request] = q
	return Outcome{Action: Reject, Message: Message(request, m.c.QuarantineDelay), Until: q.until}
}

// Peek predicts what Decide would answer for request at now without recording
// it: a caller that must stay within the limits asks first and sends only
// what runs.
func (m *Model) Peek(request string, now time.Time) Outcome {
	m.mu.Lock()
	c := &Model{c: m.c, last: m.last, counters: make(map[string]*counter, len(m.counters)), quarantines: maps.Clone(m.quarantines)}
	for k, v := range m.counters {
		cp := *v
		c.counters[k] = &cp
	}
	m.mu.Unlock()
	return c.Decide(request, now)
}

// counter returns the counter of key for the window containing now.
func (m *Model) counter(key string, now time.Time) *counter {
	c, ok := m.counters[key]
	switch m.c.Window {
	case Aligned:
		start := now.Truncate(time.Minute)
		if !ok || !c.start.Equal(start) {
			c = &counter{start: start}
		}
	default:
		if !ok || now.Sub(c.start) >= time.Minute {
			c = &counter{start: now}
		}
	}
	m.counters[key] = c
	return c
}

// Message is the documented errorMessage for a request type whose limit was
// reached, with the configured quarantine delay in seconds (0 when it lasts
// forever, INT-RATE-5).
func Message(request string, delay time.Duration) string {
	return fmt.Sprintf("The rate limit for the request '%s' has been reached.\nFurther requests of the same type will be ignored for %d seconds.",
		request, int64(delay/time.Second))
}

// MessagePrefix is the part of Message that does not depend on the delay:
// lenient mode accepts any errorMessage that starts with it (INT-RATE-5).
func MessagePrefix(request string) string {
	return fmt.Sprintf("The rate limit for the request '%s' has been reached.", request)
}
