package fuzz

import (
	"encoding/json"
	"strings"
	"testing"

	"scapi-conformance/contract"
	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/inforce"
	"scapi-conformance/contract/wire"
)

// Findings are told apart by requirement, check and key, and NON-STRICT ones
// apart from FAILs, never by requirement alone.
func TestFindingSignature(t *testing.T) {
	a := Finding{Requirement: "agent.getState.1", Check: "schema"}.keyed("media.State", "/type")
	same := a
	same.Step, same.Detail = 9, "another session"
	otherKey := Finding{Requirement: "agent.getState.1", Check: "schema"}.keyed("media.State", "/operationName")
	otherCheck := Finding{Requirement: "agent.getState.1", Check: "method-fails"}.keyed("media.State", "/type")
	nonStrict := a.nonStrict("INT-SCHEMA-5")
	if a.Signature() != same.Signature() {
		t.Errorf("the same violation in two sessions has two signatures: %q, %q", a.Signature(), same.Signature())
	}
	for _, o := range []Finding{otherKey, otherCheck, nonStrict} {
		if o.Signature() == a.Signature() {
			t.Errorf("%v and %v share the signature %q", a, o, a.Signature())
		}
		if o.FileName() == a.FileName() {
			t.Errorf("%v and %v share the file name %q", a, o, a.FileName())
		}
	}
	fail, ns := Split([]Saved{{Finding: a}, {Finding: nonStrict}, {Finding: otherKey}})
	if len(fail) != 2 || len(ns) != 1 || !ns[0].Finding.NonStrict {
		t.Errorf("Split gave %d FAIL and %d NON-STRICT, want 2 and 1", len(fail), len(ns))
	}
	if got, want := nonStrict.String(), "NON-STRICT (INT-SCHEMA-5) agent.getState.1 [schema] step 0, client 0: "; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// A strict run holds the target to the strict reading: what a lenient run
// reports NON-STRICT is a FAIL there.
func TestStrictRunFailsNonStrictFindings(t *testing.T) {
	const name = "fz-non-strict"
	registerCheck(name, func(r *record) []Finding {
		return []Finding{finding("envelope.reply.5", name, 0, 0, nil, "x").nonStrict(intRefusal)}
	})
	defer delete(checks, name)
	for _, strict := range []bool{false, true} {
		var got *Finding
		for _, f := range check(&record{session: &Session{}, policy: &policy{}, strict: strict}) {
			if f.Check == name {
				got = &f
			}
		}
		if got == nil || got.NonStrict == strict {
			t.Errorf("strict=%v: finding %v, want NonStrict=%v", strict, got, !strict)
		}
	}
}

// An error reply to a refused subscribe carries no request name (the
// subscribe had none): the schema check accepts it, as the specs'
// HaveRepliedWithError does; the same reply to a request lacks its name.
func TestErrorReplyToSubscribeNeedsNoRequestName(t *testing.T) {
	raw := []byte(`{"referenceId":"0","errorMessage":"refused","userAgent":"WWE Server","protocolVersion":2}`)
	m, err := wire.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	_ = json.Unmarshal(raw, &v)
	reply := &entry{in: true, msg: m, raw: raw, value: v}
	sub := &call{subscribe: []string{"agent"}, reply: reply}
	if out := checkSchema(&record{calls: []*call{sub}}); len(out) != 0 {
		t.Errorf("the error reply to a subscribe gives %v", out)
	}
	method := mustLookupWire("agent.getState")
	req := &call{request: "agent.getState", method: &method, reply: reply}
	out := checkSchema(&record{calls: []*call{req}})
	if len(out) != 1 || out[0].Requirement != reqReplyShape || out[0].NonStrict {
		t.Errorf("the same reply to agent.getState gives %v, want one FAIL of %s", out, reqReplyShape)
	}
}

// A getter the allow-list grants that fails is one finding per method under
// the method's own requirement when the origin is served otherwise, and
// security.origin.1 when the same getter succeeds for another origin.
func TestFailingGetterRequirement(t *testing.T) {
	reply := func(raw string) *entry {
		m, err := wire.Decode([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		return &entry{in: true, msg: m, raw: []byte(raw)}
	}
	getState, getStateList := mustLookupWire("agent.getState"), mustLookupWire("agent.getStateList")
	allowed := expectation{policyKnown: true, allowed: true, replyDue: true, runs: true}
	mk := func(origin string, m *contract.Method, raw string) *call {
		return &call{origin: origin, request: m.Wire, method: m, wellFormed: true, expect: allowed, reply: reply(raw)}
	}
	fails := `{"referenceId":"1","request":"agent.getState","errorMessage":"Not supported","userAgent":"WWE Server","protocolVersion":2}`
	works := `{"referenceId":"2","request":"agent.getStateList","data":[],"userAgent":"WWE Server","protocolVersion":2}`
	al, _, err := allowlist.Parse("*")
	if err != nil {
		t.Fatal(err)
	}
	pol := &policy{allow: inforce.NewOrigins(al)}
	cases := []struct {
		name  string
		calls []*call
		want  Finding
	}{
		{"not implemented", []*call{mk("https://a.example", &getStateList, works), mk("https://a.example", &getState, fails), mk("https://a.example", &getState, fails)},
			Finding{Requirement: "agent.getState.1", Check: checkMethodFails, Key: "agent.getState"}},
		{"refused to one origin", []*call{mk("https://b.example", &getState, strings.Replace(works, "agent.getStateList", "agent.getState", 1)), mk("https://a.example", &getState, fails)},
			Finding{Requirement: reqOriginListed, Check: "allowed-getter", Key: "agent.getState"}},
	}
	for _, c := range cases {
		rec := &record{calls: c.calls, policy: pol}
		out := append(failingGetters(rec, false), failingGetters(rec, true)...)
		if len(out) != 1 || out[0].Requirement != c.want.Requirement || out[0].Check != c.want.Check || out[0].Key != c.want.Key {
			t.Errorf("%s: %v, want one %s [%s] keyed %s", c.name, out, c.want.Requirement, c.want.Check, c.want.Key)
		}
	}
}

// An error reply to a subscribe whose errorMessage is no string fails, as
// HaveRepliedWithError fails it in the specs.
func TestSubscribeErrorReplyNeedsAStringMessage(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want int
	}{
		{`{"referenceId":"0","errorMessage":"refused","userAgent":"WWE Server","protocolVersion":2}`, 0},
		{`{"referenceId":"0","errorMessage":null,"userAgent":"WWE Server","protocolVersion":2}`, 1},
	} {
		m, err := wire.Decode([]byte(c.raw))
		if err != nil {
			t.Fatal(err)
		}
		sub := &call{subscribe: []string{"agent"}, refID: "0", origin: "https://a.example", reply: &entry{in: true, msg: m, raw: []byte(c.raw)}}
		al, _, _ := allowlist.Parse("https://a.example")
		if out := checkSubscribeAck(&record{calls: []*call{sub}, policy: &policy{allow: inforce.NewOrigins(al)}}); len(out) != c.want {
			t.Errorf("%s: %v, want %d finding(s)", c.raw, out, c.want)
		}
	}
}
