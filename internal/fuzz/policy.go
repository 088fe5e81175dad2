package fuzz

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"scapi-conformance/contract"
	"scapi-conformance/contract/control"
	"scapi-conformance/contract/inforce"
	"scapi-conformance/contract/ratelimit"
	"scapi-conformance/contract/userdata"
)

// policy is the oracles' model of one session's options: the options in
// force (package inforce, read part by part) and the fuzzer's rate-limit
// models. A part whose option does not parse is nil, and the checks that
// need it are off: the documentation says nothing of what Workspace does with
// a malformed option.
type policy struct {
	// allow, read and write are the parts of the options in force.
	allow       *inforce.Origins
	read, write *userdata.Keys
	// rates holds one model per reading of the rate-limit interpretations,
	// the strict one first (ratelimit.Variants), on a target reset before
	// the session; nil when rate limits are off, the virtual clock's time is
	// unknown or the target is not reset (then windows models them).
	rates []*ratelimit.Model
	// rateConfigs are the readings the calls' rate outcomes follow, one per
	// outcome (the strict one alone under windows).
	rateConfigs []ratelimit.Config
	now         time.Time
	// windows models the limits of a target not reset between sessions
	// (nil on one that is); expected counts the calls expect saw, and sent
	// are those a limit counts, by that count, for windows.observe.
	windows  *windows
	strict   bool
	expected int
	sent     map[int]*sent
	// unmodelled are the interpretations whose lenient readings windows
	// does not model: a rate-limit finding there holds under the strict
	// reading only.
	unmodelled []string
}

// newPolicy models opts; clock is the target's virtual time when known (the
// fixed one-minute windows start at the minutes of that clock), nil otherwise.
// strict keeps only the strict reading of every interpretation.
func newPolicy(opts control.Options, clock *time.Time, strict bool) *policy {
	p := &policy{strict: strict}
	if opts == nil {
		return p
	}
	in, _ := inforce.ParseEach(opts)
	p.allow, p.read, p.write = in.Origins(), in.ReadKeys(), in.WriteKeys()
	if c, ok := in.Rate(); ok && clock != nil && in.RateLimited() {
		p.now = *clock
		p.rateConfigs = ratelimit.Variants(c)
		if strict {
			p.rateConfigs = p.rateConfigs[:1]
		}
		for _, v := range p.rateConfigs {
			p.rates = append(p.rates, ratelimit.NewModel(v))
		}
	}
	return p
}

// policy returns the model of the next session's options opts: a fresh one
// on a target reset before each session; on one that is not, the limits it
// declares are modelled across sessions by the runner's windows.
func (r *Runner) policy(ctx context.Context, opts control.Options) *policy {
	var clock *time.Time
	if r.cfg.Clock != nil {
		if t, err := r.cfg.Clock(ctx); err == nil {
			clock = &t
		}
	}
	if r.resets(ctx) {
		return newPolicy(opts, clock, r.cfg.Strict)
	}
	return notReset(opts, &r.windows, clock, r.cfg.Strict)
}

// notReset models opts on a target not reset between sessions: the limits
// it declares are modelled across sessions by *w (made at the first session,
// when clock is the target's time then).
func notReset(opts control.Options, w **windows, clock *time.Time, strict bool) *policy {
	p := newPolicy(opts, nil, strict)
	if in, _ := inforce.ParseEach(opts); in.RateLimited() {
		if c, ok := in.Rate(); ok {
			if *w == nil {
				*w = newWindows(c)
			}
			(*w).clock(clock)
			p.windows, p.rateConfigs, p.sent = *w, []ratelimit.Config{(*w).c}, map[int]*sent{}
			for _, v := range ratelimit.Variants(c)[1:] {
				for _, id := range v.Departures() {
					if !strict && !slices.Contains(p.unmodelled, id) {
						p.unmodelled = append(p.unmodelled, id)
					}
				}
			}
			if clock != nil {
				p.now = *clock
			}
		}
	}
	return p
}

// DeclaresLimits reports whether the options opts of a target configured
// once set a rate limit (Generator.Limited).
func DeclaresLimits(opts control.Options) bool {
	in, _ := inforce.ParseEach(opts)
	_, ok := in.Rate()
	return ok && in.RateLimited()
}

// expect is what the oracles predict for a call of the wire request name from
// origin with params, before it is sent: the catalog entry (nil for a name
// the catalog does not know), whether the name is a catalog name sent instead
// of the wire name (INT-CAT-1: no expectation), whether the parameters are
// well-formed, the allow-list and rate-limit expectation and each rate-limit
// reading's outcome.
func (p *policy) expect(origin, request string, params []any) (m *contract.Method, alias, wellFormedParams bool, e expectation, rates []ratelimit.Outcome) {
	p.expected++
	// subscribe and unsubscribe are event envelopes, not requests: sent as a
	// request name they are unknown requests.
	if wm := lookupWire(request); wm != nil && wm.Namespace != "" {
		m = wm
		e, rates = p.decide(origin, wm.AllowKeyword, request)
		// A refused request gets an error reply at once; silence is a
		// lenient reading (INT-SPEC-1).
		e.strictDue = e.policyKnown && !e.allowed
		return m, false, wellFormed(*wm, params), e, rates
	}
	if m, ok := contract.Lookup(request); ok && m.Namespace != "" {
		if p.windows != nil {
			// Whether, and under which name, the target counts a
			// catalog name is open (INT-CAT-1).
			p.windows.unsure(m.Wire, p.now)
		}
		return nil, true, false, e, nil
	}
	e.replyDue = true // an unknown request gets an error reply; silence is no reading (INT-SPEC-5)
	return nil, false, false, e, nil
}

// wireMethods caches lookupWire for the catalog's wire names (the catalog
// never changes; a call only reads its method).
var wireMethods sync.Map // wire name → *contract.Method

// lookupWire is contract.LookupWire, shared: nil for a name the catalog
// lacks.
func lookupWire(name string) *contract.Method {
	if m, ok := wireMethods.Load(name); ok {
		return m.(*contract.Method)
	}
	m, ok := contract.LookupWire(name)
	if !ok {
		return nil // not remembered: a session may send any name
	}
	wireMethods.Store(name, &m)
	return &m
}

// decide fills the allow-list and rate-limit parts of a call's expectation
// and returns each rate-limit reading's outcome. keyword is the catalog's
// allow-list keyword, request the wire name.
func (p *policy) decide(origin, keyword, request string) (expectation, []ratelimit.Outcome) {
	var e expectation
	if p.allow == nil {
		return e, nil
	}
	d := p.allow.Decide(origin, keyword)
	e.policyKnown = true
	e.allowed = d.Allowed
	e.allowEntry = d.Entry
	if !d.Allowed {
		return e, nil // a refused request is not counted (INT-RATE-4)
	}
	// A namespace wildcard is read one way by the oracle and another by the
	// documentation's own example (INT-ORIGIN): a refusal is then no finding,
	// so neither is silence.
	certain := !strings.HasSuffix(d.Filter, ".*")
	e.replyDue, e.runs = certain, certain
	if p.windows != nil {
		return p.decideWindows(e, request)
	}
	if p.rates == nil {
		return e, nil
	}
	outs := make([]ratelimit.Outcome, len(p.rates))
	for i, m := range p.rates {
		outs[i] = m.Decide(request, p.now)
		if outs[i].Action == ratelimit.Ignore {
			e.replyDue = false
		}
		if outs[i].Action != ratelimit.Run {
			e.runs = false
		}
	}
	return e, outs
}

// decideWindows is decide's rate-limit part on a target not reset: a request
// no limit counts is unaffected; one whose window the fuzzer cannot know yet
// may run, get the documented error (its message is still judged) or be
// ignored; one whose window it knows follows the strict reading, the only
// one it models there, so a reply is due only in a strict run.
func (p *policy) decideWindows(e expectation, request string) (expectation, []ratelimit.Outcome) {
	c := p.rateConfigs[0]
	if limit, _ := c.Limit(request); limit <= 0 {
		return e, nil
	}
	s, out, known := p.windows.decide(request, p.now)
	p.sent[p.expected] = s
	if !known {
		e.replyDue, e.runs = false, false // any of the three; checkRateMessage judges an error's message
		return e, nil
	}
	e.runs = e.runs && out.Action == ratelimit.Run
	e.replyDue = e.replyDue && p.strict && out.Action != ratelimit.Ignore
	return e, []ratelimit.Outcome{out}
}

// raw notes a raw message sent now: on a target not reset, it may be a
// request some limit counts, under any name.
func (p *policy) raw() {
	if p.windows != nil {
		p.windows.unsure("", p.now)
	}
}

// observe tells the runner's windows what the target did with the session's
// calls a limit counts (after the session's checks).
func (p *policy) observe(r *record) {
	if p.windows == nil {
		return
	}
	n := 0
	for _, c := range r.calls {
		if c.subscribe != nil {
			continue // expect saw every call but these
		}
		n++
		if s := p.sent[n]; s != nil {
			p.windows.observe(s, seen(c))
		}
	}
}

// seen is what the target did with a call as far as its windows go: lost
// when the call was never sent, unsure when the connection closed before an
// answer or the answer could not be matched.
func seen(c *call) seenAs {
	switch {
	case c.sent == nil || c.sent.err != nil:
		return seenLost
	case c.badRef != nil || c.reply == nil && c.closed:
		return seenUnsure
	}
	return seenAs(observed(c))
}
