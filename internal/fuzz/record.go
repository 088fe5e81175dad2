package fuzz

import (
	"slices"
	"strings"

	"scapi-conformance/contract"
	"scapi-conformance/contract/ratelimit"
	"scapi-conformance/contract/wire"
)

// record is everything one run of a session saw, in arrival order; the checks
// read it after the session ends.
type record struct {
	session *Session
	policy  *policy
	strict  bool
	// timeline holds every message in and out, in the order the runner saw
	// them (per client, the order of the connection).
	timeline []*entry
	calls    []*call
	subs     []*subscription
	stimuli  []stimulus
	// interactions caches interactionsOf, and life lifeEvents, once
	// lifeDecoded.
	interactions, life []lifeEntry
	lifeDecoded        bool
}

// stimulus is one stimulus the target accepted.
type stimulus struct {
	step, seq    int
	name         string
	args, result map[string]any
}

// entry is one message of the timeline.
type entry struct {
	seq    int
	step   int // the step running when it was sent or received
	client int
	in     bool
	msg    *wire.Message // decoded incoming message (nil for outgoing or malformed)
	raw    []byte
	value  any // msg decoded to generic JSON
	err    error
	call   *call // the call an outgoing entry starts, or an incoming reply answers
	// event and eventType cache eventName once named.
	event, eventType string
	named            bool
	// members caches, once walked, the object members of value in walk's
	// order: every check that looks through a message reads them.
	members []member
	walked  bool
	// faith caches faithful: 0 unknown, 1 yes, 2 no.
	faith int8
}

// member is one object member walk meets.
type member struct {
	key string
	val any
}

// call is one request or subscribe the session sent with a referenceId.
type call struct {
	step      int
	client    int
	origin    string
	refID     string
	request   string // wire request name ("" for subscribe)
	subscribe []string
	method    *contract.Method // nil for an unknown request name
	// alias is true for a catalog name sent instead of the wire name
	// (voice.muteMicrophone for sipEndpoint.muteMicrophone, INT-CAT-1).
	alias  bool
	params []any
	// wellFormed is true when the parameters match the catalog's arity and types.
	wellFormed bool
	sent       *entry
	reply      *entry   // the first message that answered it
	extra      []*entry // further messages with the same referenceId
	// badRef is a reply-like message whose referenceId is the one sent, but
	// not as a string (the vendor client's === never matches it).
	badRef *entry
	expect expectation
	// rates are the rate-limit outcomes under each reading (nil when off).
	rates  []ratelimit.Outcome
	closed bool // the connection closed before a reply came
}

// expectation is what the oracles predicted before the call was sent.
type expectation struct {
	// policyKnown is false when the options are unknown or unparsable: the
	// allow-list and rate-limit checks are then off.
	policyKnown bool
	allowed     bool
	allowEntry  string
	// replyDue is true when a reply (success or error) must come under every
	// reading; strictDue when under the strict one (a refused request,
	// INT-SPEC-1).
	replyDue, strictDue bool
	// runs is true when the request must be processed as documented: allowed
	// for certain and run under every reading of the rate limits.
	runs bool
}

// subscription is one acknowledged subscribe and, when it ended, the
// unsubscribe that ended it.
type subscription struct {
	client int
	id     string
	events []string
	ack    *entry
	endSeq int // seq of the unsubscribe entry; 0 while active
}

// succeeded reports whether a call got a success reply.
func (c *call) succeeded() bool {
	return c.reply != nil && c.reply.msg != nil && c.reply.msg.Kind() == wire.KindReply && !c.reply.msg.Has("errorMessage")
}

// answered reports whether waiting for the call's reply is over.
func (c *call) answered() bool { return c.reply != nil || c.badRef != nil || c.closed }

// runs reports whether the target must process the call as documented: a
// well-formed catalog request the allow-list allows, with a reply due under
// every reading of the rate limits.
func (c *call) runs() bool {
	return c.method != nil && c.wellFormed && c.expect.runs
}

// failed reports whether a call got an error reply.
func (c *call) failed() bool {
	return c.reply != nil && c.reply.msg != nil && c.reply.msg.Has("errorMessage")
}

// isEvent reports whether an entry is an incoming event (a message with an
// event key that does not answer one of the session's calls).
func isEvent(e *entry) bool {
	return e.in && e.msg != nil && e.call == nil && e.msg.Kind() == wire.KindEvent
}

// eventName returns the event name and eventType of an event message.
func eventName(m *wire.Message) (event, eventType string) {
	event, _ = m.String("event")
	return event, wire.EventType(m.Data()) // a non-object data is the schema check's business
}

// eventName returns the event name and eventType of an incoming event
// entry, decoded once.
func (e *entry) eventName() (event, eventType string) {
	if !e.named {
		e.event, e.eventType = eventName(e.msg)
		e.named = true
	}
	return e.event, e.eventType
}

// coversEvent reports whether a subscription to name delivers events named
// event (messenger channels are "messenger:<channel>").
func coversEvent(name, event string) bool {
	return name == event || (name == "messenger" && strings.HasPrefix(event, contract.MessengerEventPrefix))
}

// walk is walk(e.value, f), the members listed once for every check.
func (e *entry) walk(f func(key string, val any)) {
	if !e.walked {
		e.members = make([]member, 0, len(e.raw)/20+1) // a member takes 20-35 bytes in most messages
		walk(e.value, func(key string, val any) { e.members = append(e.members, member{key, val}) })
		e.walked = true
	}
	for _, m := range e.members {
		f(m.key, m.val)
	}
}

// faithful reports whether e.value holds every member of the message: no
// object of it repeats a key (decoding to generic values keeps the last of
// duplicates, where encoding/json into a struct or a map field merges them).
// A generic value has at most as many members as the JSON has colons
// outside strings, the same number only when no key repeats.
func (e *entry) faithful() bool {
	if e.faith == 0 {
		e.faith = 2
		if e.value != nil {
			e.walk(func(string, any) {})
			colons := 0
			outsideStrings(e.raw, 0, func(_ int, c byte) bool {
				if c == ':' {
					colons++
				}
				return true
			})
			if colons == len(e.members) {
				e.faith = 1
			}
		}
	}
	return e.faith == 1
}

// outsideStrings calls f with every byte of the valid JSON b from i on
// that is neither in a string nor one of its quotes, until f returns false.
func outsideStrings(b []byte, i int, f func(i int, c byte) bool) {
	for inString := false; i < len(b); i++ {
		switch c := b[i]; {
		case inString && c == '\\':
			i++ // the escaped byte
		case c == '"':
			inString = !inString
		case !inString && !f(i, c):
			return
		}
	}
}

// walk calls f for every object member of a generic JSON value, depth first.
func walk(v any, f func(key string, val any)) {
	switch t := v.(type) {
	case map[string]any:
		var buf [32]member // most objects: the members stay on the stack
		members := buf[:0]
		for k, v := range t {
			members = append(members, member{k, v})
		}
		slices.SortFunc(members, func(a, b member) int { return strings.Compare(a.key, b.key) })
		for _, m := range members {
			f(m.key, m.val)
			walk(m.val, f)
		}
	case []any:
		for _, x := range t {
			walk(x, f)
		}
	}
}
