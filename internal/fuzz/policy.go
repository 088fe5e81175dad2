package fuzz

import (
	"strings"
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
	// the strict one first (ratelimit.Variants); nil when rate limits are off
	// or the virtual clock's time is unknown.
	rates       []*ratelimit.Model
	rateConfigs []ratelimit.Config
	now         time.Time
}

// newPolicy models opts; clock is the target's virtual time when known (the
// fixed one-minute windows start at the minutes of that clock), nil otherwise.
// strict keeps only the strict reading of every interpretation.
func newPolicy(opts control.Options, clock *time.Time, strict bool) *policy {
	p := &policy{}
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

// expect is what the oracles predict for a call of the wire request name from
// origin with params, before it is sent: the catalog entry (nil for a name
// the catalog does not know), whether the name is a catalog name sent instead
// of the wire name (INT-CAT-1: no expectation), whether the parameters are
// well-formed, the allow-list and rate-limit expectation and each rate-limit
// reading's outcome.
func (p *policy) expect(origin, request string, params []any) (m *contract.Method, alias, wellFormedParams bool, e expectation, rates []ratelimit.Outcome) {
	// subscribe and unsubscribe are event envelopes, not requests: sent as a
	// request name they are unknown requests.
	if wm, ok := contract.LookupWire(request); ok && wm.Namespace != "" {
		m = &wm
		e, rates = p.decide(origin, wm.AllowKeyword, request)
		// A refused request gets an error reply at once; silence is a
		// lenient reading (INT-SPEC-1).
		e.strictDue = e.policyKnown && !e.allowed
		return m, false, wellFormed(wm, params), e, rates
	}
	if m, ok := contract.Lookup(request); ok && m.Namespace != "" {
		return nil, true, false, e, nil
	}
	e.replyDue = true // an unknown request gets an error reply; silence is no reading (INT-SPEC-5)
	return nil, false, false, e, nil
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
		return e, nil
	}
	// A namespace wildcard is read one way by the oracle and another by the
	// documentation's own example (INT-ORIGIN): a refusal is then no finding,
	// so neither is silence.
	certain := !strings.HasSuffix(d.Filter, ".*")
	if p.rates == nil {
		e.replyDue, e.runs = certain, certain
		return e, nil
	}
	outs := make([]ratelimit.Outcome, len(p.rates))
	e.replyDue, e.runs = certain, certain
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
