package fuzz

import (
	"strings"
	"sync"

	"scapi-conformance/contract"
	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/ratelimit"
)

const getAllowedServices = "system.getAllowedServices"

// checkMethodFails names the findings of a method the target does not
// implement, keyed by its wire request: the campaign stops generating it.
const checkMethodFails = "method-fails"

func init() {
	registerCheck("origin-denied", checkOriginDenied)
	registerCheck("allowed-services", checkAllowedServices)
	registerCheck("unknown-fails", checkUnknownFails)
	registerCheck("allowed-getter", func(r *record) []Finding { return failingGetters(r, false) })
	registerCheck("method-fails", func(r *record) []Finding { return failingGetters(r, true) })
}

// getter reports whether a method only reads state that always exists: a
// documented result, no parameter, no state it needs.
func getter(m *contract.Method) bool {
	return m != nil && m.Result != "" && len(m.Params) == 0 && len(m.Needs) == 0 && !m.ChangesState
}

// failingGetters: a getter the allow-list grants to the origin succeeds:
// it has no parameter and needs no state, so its preconditions always hold.
// An error reply where the same request succeeded for another origin of the
// session, or for an origin no request succeeded for, is the target's
// reading of the allow-list denying what the documentation grants
// (security.origin.1); otherwise the target does not implement the method:
// one finding per method, under the method's own requirement.
//
// notImplemented selects the findings of one of the two checks that share
// this judgement: method-fails (the campaign stops generating the request)
// or allowed-getter.
func failingGetters(r *record, notImplemented bool) []Finding {
	ok := map[string]map[string]bool{} // request → origins it succeeded for
	served := map[string]bool{}        // origins some request succeeded for
	for _, c := range r.calls {
		if c.succeeded() {
			served[c.origin] = true
		}
		if getter(c.method) && c.succeeded() {
			if ok[c.request] == nil {
				ok[c.request] = map[string]bool{}
			}
			ok[c.request][c.origin] = true
		}
	}
	var out []Finding
	seen := map[string]bool{}
	for _, c := range r.calls {
		if !getter(c.method) || !c.runs() || !c.failed() || c.reply.msg.Has("data") || seen[c.request] {
			continue // a reply with data and errorMessage is checkReplyEnvelope's
		}
		msg, _ := c.reply.msg.ErrorMessage()
		if strings.HasPrefix(msg, ratelimit.MessagePrefix(c.request)) {
			continue // the rate-limit check's
		}
		seen[c.request] = true
		origin := len(ok[c.request]) > 0 || !served[c.origin]
		if origin == notImplemented {
			continue // the other check's
		}
		if origin {
			out = append(out, finding(reqOriginListed, "allowed-getter", c.reply.step, c.client, c.reply,
				"%s from %s fails (%q) although the allow-list %q grants it through entry %s; it succeeds for %v, and any request for %s: %t",
				c.request, c.origin, msg, r.policy.allow.String(), c.expect.allowEntry, sortedKeysOf(ok[c.request]), c.origin, served[c.origin]).keyed(c.request))
			continue
		}
		out = append(out, finding(methodRequirement(c.method.Request()), "method-fails", c.reply.step, c.client, c.reply,
			"%s from %s fails (%q): it takes no parameter and needs no state, and the allow-list %q grants it through entry %s",
			c.request, c.origin, msg, r.policy.allow.String(), c.expect.allowEntry).keyed(c.request))
	}
	return out
}

// refusal names the requirement that makes the allow-list refuse a call.
func (r *record) refusal(c *call) string {
	switch {
	case !r.policy.allow.Listed(c.origin) && c.request == getAllowedServices:
		return reqAllowedSvcFail
	case !r.policy.allow.Listed(c.origin):
		return reqOriginListed
	case c.method != nil && c.method.AllowKeyword == allowlist.JwtRequest:
		return reqOriginJwt
	}
	return reqOriginFilter
}

// checkOriginDenied: a request the allow-list refuses to the origin is not
// executed: it does not succeed (INT-SPEC-1). getAllowedServices answered to
// a listed origin whose filter leaves it out is NON-STRICT (INT-ORIGIN-6).
func checkOriginDenied(r *record) []Finding {
	var out []Finding
	for _, c := range r.calls {
		if !c.expect.policyKnown || c.expect.allowed || !c.succeeded() {
			continue
		}
		f := finding(r.refusal(c), "origin-denied", c.reply.step, c.client, c.reply,
			"%s from %s succeeded although the allow-list %q refuses it", c.request, c.origin, r.policy.allow.String()).keyed(c.request)
		if c.request == getAllowedServices && r.policy.allow.Listed(c.origin) {
			f = f.nonStrict(intOriginFilter)
		}
		out = append(out, f)
	}
	return out
}

// checkAllowedServices: what getAllowedServices reports is allowed to the
// caller (the report may name fewer requests, never more).
func checkAllowedServices(r *record) []Finding {
	var out []Finding
	allowed := map[[2]string]bool{} // the allow-list's decisions by origin and keyword
	for _, c := range r.calls {
		if c.request != getAllowedServices || !c.expect.policyKnown || !c.succeeded() {
			continue
		}
		names, ok := serviceNames.decode(c.reply.msg.Data())
		if !ok {
			continue // the schema check reports a data that is not a list of strings
		}
		for _, n := range names {
			kw := allowKeyword(n)
			ok, decided := allowed[[2]string{c.origin, kw}]
			if !decided {
				ok = r.policy.allow.Decide(c.origin, kw).Allowed
				allowed[[2]string{c.origin, kw}] = ok
			}
			if ok {
				continue
			}
			f := finding(reqAllowedSvc, "allowed-services", c.reply.step, c.client, c.reply,
				"getAllowedServices reports %s to %s, which the allow-list %q refuses", n, c.origin, r.policy.allow.String()).keyed(kw)
			if kw == getAllowedServices {
				// It answered, so it is allowed under the reading that a
				// listed origin always gets it (INT-ORIGIN-6).
				f = f.nonStrict(intOriginFilter)
			}
			out = append(out, f)
			break
		}
	}
	return out
}

// allowKeywords caches allowKeyword for the catalog's names (the catalog
// never changes).
var allowKeywords sync.Map

// allowKeyword is the allow-list keyword of a request named by its catalog
// or wire name, the name itself when the catalog lacks it.
func allowKeyword(name string) string {
	if kw, ok := allowKeywords.Load(name); ok {
		return kw.(string)
	}
	m, ok := contract.Lookup(name)
	if !ok {
		if m, ok = contract.LookupWire(name); !ok {
			return name // not remembered: a target may name anything
		}
	}
	allowKeywords.Store(name, m.AllowKeyword)
	return m.AllowKeyword
}

// checkUnknownFails: a request the catalog does not know never succeeds
// (INT-SPEC-5: an error reply, or silence in lenient mode).
func checkUnknownFails(r *record) []Finding {
	for _, c := range r.calls {
		if c.subscribe == nil && c.method == nil && !c.alias && c.succeeded() {
			return []Finding{finding(reqUnknown, "unknown-fails", c.reply.step, c.client, c.reply,
				"the unknown request %q succeeded", c.request).keyed(c.request)}
		}
	}
	return nil
}
