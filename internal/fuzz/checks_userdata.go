package fuzz

import (
	"sort"
	"strconv"
	"strings"

	"scapi-conformance/contract/wire"
)

// tokenPrefix starts the values the generator writes into user data: each is
// unique in its session, so seeing one proves the write took effect.
const tokenPrefix = "fz-tok-"

const setUserData = "interaction.setUserData"

func init() {
	registerCheck("userdata-read", checkUserDataRead)
	registerCheck("userdata-write", checkUserDataWrite)
}

// checkUserDataRead: every userData object in a reply or an event carries
// only keys that read-allowed lists.
func checkUserDataRead(r *record) []Finding {
	if r.policy.read == nil || r.policy.read.AllowsAll() {
		return nil
	}
	var first, firstEvent *entry
	var bad []string
	for _, e := range r.timeline {
		if !e.in || e.msg == nil {
			continue
		}
		keys := unreadable(r, e)
		if len(keys) == 0 {
			continue
		}
		if e.msg.Kind() != wire.KindEvent {
			first, bad = e, keys
			break
		}
		if firstEvent == nil {
			firstEvent, bad = e, keys
		}
	}
	req := reqUserDataRead
	if first == nil {
		first, req = firstEvent, reqUserDataEvents
	}
	if first == nil {
		return nil
	}
	return []Finding{finding(req, "userdata-read", first.step, first.client, first,
		"userData key(s) %s reach the client in a%s although read-allowed is %q", strings.Join(bad, ", "),
		map[bool]string{true: "n event", false: " reply"}[req == reqUserDataEvents], r.policy.read.String())}
}

// unreadable lists the keys of the userData objects in e that read-allowed
// does not list.
func unreadable(r *record, e *entry) []string {
	var bad []string
	e.walk(func(key string, val any) {
		ud, ok := val.(map[string]any)
		if key != "userData" || !ok {
			return
		}
		for k := range ud {
			if !r.policy.read.Allows(k) {
				bad = append(bad, k)
			}
		}
	})
	sort.Strings(bad)
	return bad
}

// checkUserDataWrite: a setUserData the write filter or the allow-list
// refuses has no effect: the unique value it tried to write never shows up.
func checkUserDataWrite(r *record) []Finding {
	if r.policy.write == nil {
		return nil
	}
	var out []Finding
	for _, c := range r.calls {
		if c.request != setUserData || len(c.params) < 2 || c.sent == nil {
			continue
		}
		kv, ok := c.params[1].(map[string]any)
		if !ok {
			continue
		}
		for _, k := range sortedKeys(kv) {
			tok, ok := kv[k].(string)
			if !ok || !strings.HasPrefix(tok, tokenPrefix) {
				continue
			}
			req, why := reqUserDataWrite, "write-allowed is "+strconv.Quote(r.policy.write.String())
			switch {
			case c.expect.policyKnown && !c.expect.allowed:
				req, why = r.refusal(c), "the allow-list refuses "+setUserData+" to "+c.origin+" (INT-SPEC-2)"
			case r.policy.write.Allows(k):
				continue
			}
			if e := firstWith(r, c.sent.seq, tok); e != nil {
				out = append(out, finding(req, "userdata-write", e.step, e.client, e,
					"key %q written by step %d shows up with its value %q although %s", k, c.step, tok, why))
				return out
			}
		}
	}
	return out
}

// firstWith returns the first incoming message after seq that carries the
// string value s (anywhere, as a whole value).
func firstWith(r *record, seq int, s string) *entry {
	for _, e := range r.timeline {
		if !e.in || e.seq <= seq {
			continue
		}
		if carries(e, s) {
			return e
		}
	}
	return nil
}

// carries reports whether a message has the string s as one of its values.
func carries(e *entry, s string) bool {
	found := false
	e.walk(func(_ string, v any) { found = found || v == s })
	return found
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
