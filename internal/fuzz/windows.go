package fuzz

import (
	"time"

	"scapi-conformance/contract/ratelimit"
)

func init() { registerCheck("rate-limit-message", checkRateMessage) }

// windows models the declared rate limits of a target that is not reset
// between sessions (configured once), across the sessions of one runner.
// What the target counted before the runner's first session is unknown, so
// a request type's window starts unknown: its calls may run, get the
// documented error or be ignored. The type's state becomes known at a
// minute boundary S (strict reading, INT-RATE-3: fixed windows on the
// minutes of the target's clock) when S is after the first session's time
// (the count restarts at S and every request counted since is the runner's
// own) and the type is known not to be quarantined at S: an anchor (the first
// session's time plus the quarantine delay, by when any quarantine from
// before has ended, or a call of the type that ran) precedes S and every call
// of the type from max(anchor, S - delay) to S ran. From S the strict model
// replays the type's calls and predicts the next ones. Only a target with a
// virtual clock whose time the runner reads gets there; without one every
// type stays unknown. The fuzzer's own traffic must be the only traffic.
type windows struct {
	c       ratelimit.Config // the strict reading of the declared limits
	start   time.Time        // the target's time at the runner's first session
	clocked bool             // start is known
	history map[string][]*sent
	models  map[string]*ratelimit.Model // the types whose window is known
	// blind are the times of messages any type's window may have counted
	// (raw messages), the last ones only (prune).
	blind []time.Time
}

// sent is a call a limit counts: when it was sent, what the windows
// predicted (known), and what the target did once the session is over.
type sent struct {
	request string
	at      time.Time
	known   bool
	message string // the documented error message for the request
	as      seenAs
}

// seenAs is what the target did with a call: a ratelimit.Action, or one of
// the states below.
type seenAs int

// What the target did with a call, beyond the ratelimit actions.
const (
	seenRun     = seenAs(ratelimit.Run)
	seenPending = seenAs(-1) // the session is not over
	seenUnsure  = seenAs(-2) // the connection closed first, or the answer could not be matched
	seenLost    = seenAs(-3) // never sent: the target did not get it
)

// newWindows starts the windows of the limits c, every type unknown.
func newWindows(c ratelimit.Config) *windows {
	return &windows{c: ratelimit.Variants(c)[0], history: map[string][]*sent{}, models: map[string]*ratelimit.Model{}}
}

// clock takes the target's time at the start of a session (nil when it
// could not be read): the first one known is when the runner's own traffic
// starts, as far as the windows go; until one is known every type stays
// unknown.
func (w *windows) clock(now *time.Time) {
	if now != nil && !w.clocked {
		w.start, w.clocked = *now, true
	}
}

// decide records a call of request at now and predicts what the target
// does with it under the strict reading; known is false while the type's
// window is unknown.
func (w *windows) decide(request string, now time.Time) (s *sent, out ratelimit.Outcome, known bool) {
	w.prune(request, now.Truncate(time.Minute))
	m := w.models[request]
	if m == nil && w.clocked {
		m = w.sync(request, now)
	}
	s = &sent{request: request, at: now, known: m != nil, message: ratelimit.Message(request, w.c.QuarantineDelay), as: seenPending}
	w.history[request] = append(w.history[request], s)
	if m == nil {
		return s, out, false
	}
	return s, m.Decide(request, now), true
}

// sync returns the strict model of request's window from the minute of now
// (nil when that window's state cannot be known yet), with the type's calls
// since that minute replayed.
func (w *windows) sync(request string, now time.Time) *ratelimit.Model {
	at := now.Truncate(time.Minute)
	delay := w.c.QuarantineDelay
	h := w.history[request]
	if at.Before(w.start) {
		return nil // the window holds what the target counted before the runner's first session
	}
	var anchor time.Time
	anchored := false
	if delay > 0 && !at.Before(w.start.Add(delay)) {
		anchor, anchored = w.start.Add(delay), true
	}
	for _, s := range h {
		if s.as == seenRun && s.at.Before(at) && (!anchored || s.at.After(anchor)) {
			anchor, anchored = s.at, true
		}
	}
	if !anchored {
		return nil
	}
	from := anchor
	if delay > 0 && at.Add(-delay).After(from) {
		from = at.Add(-delay)
	}
	for _, s := range h {
		switch {
		case s.at.Before(from) || s.as == seenLost:
		case s.as == seenUnsure:
			return nil // the target may have counted it or not: the window is not known before the next minute
		case s.at.Before(at) && s.as != seenRun:
			return nil // a call that may have started a quarantine lasting into the window, or told nothing
		}
	}
	for _, t := range w.blind {
		if !t.Before(from) {
			return nil
		}
	}
	m := ratelimit.NewModel(w.c)
	for _, s := range h {
		if !s.at.Before(at) && s.as != seenLost {
			m.Decide(request, s.at)
		}
	}
	w.models[request] = m
	return m
}

// prune drops the calls of request that no later sync at or after the
// minute at needs (with a quarantine delay of 0, an anchor can be any older
// call that ran: nothing is dropped).
func (w *windows) prune(request string, at time.Time) {
	h := w.history[request]
	if delay := w.c.QuarantineDelay; delay > 0 && w.clocked && !at.Before(w.start.Add(delay)) {
		i := 0
		for i < len(h) && h[i].at.Before(at.Add(-delay)) {
			i++
		}
		w.history[request] = h[i:]
		for len(w.blind) > 0 && w.blind[0].Before(at.Add(-delay)) {
			w.blind = w.blind[1:]
		}
	}
}

// unsure notes a message sent at now that the target may have counted
// against request ("" for any request): that window is unknown again.
func (w *windows) unsure(request string, now time.Time) {
	if request == "" {
		w.blind = append(w.blind, now)
		clear(w.models)
		return
	}
	w.history[request] = append(w.history[request], &sent{request: request, at: now, as: seenUnsure})
	delete(w.models, request)
}

// observe records what the target did with s; a call the target may have
// handled otherwise than its known window predicted (lost, unsure) makes the
// window unknown again.
func (w *windows) observe(s *sent, as seenAs) {
	s.as = as
	if as == seenLost || as == seenUnsure {
		delete(w.models, s.request)
	}
}

// checkRateMessage: on a target not reset, a call whose window is unknown
// may get the rate-limit error; in a strict run its message is the
// documented one with the declared delay (the lenient reading accepts any
// message starting with the delay-independent prefix, INT-RATE-5, which is
// how the error is told from others).
func checkRateMessage(r *record) []Finding {
	p := r.policy
	if p.windows == nil || !r.strict {
		return nil
	}
	n := 0
	for _, c := range r.calls {
		if c.subscribe != nil {
			continue
		}
		n++
		s := p.sent[n]
		if s == nil || s.known || c.badRef != nil || observed(c) != ratelimit.Reject {
			continue
		}
		if msg, _ := c.reply.msg.ErrorMessage(); msg != s.message {
			return []Finding{finding(reqRateMessage, "rate-limit-message", c.step, c.client, c.reply,
				"%s (referenceId %q): the rate-limit error says %q, the documented message with the declared delay is %q",
				c.request, c.refID, msg, s.message)}
		}
	}
	return nil
}
