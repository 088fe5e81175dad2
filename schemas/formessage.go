package schemas

import (
	"fmt"

	"scapi-conformance/contract"
	"scapi-conformance/contract/wire"
)

// Check is one schema a message, or one member of it, must satisfy.
type Check struct {
	Schema string
	// Pointer is "" for the whole message, "/data" for the result of a
	// success reply.
	Pointer string
}

// ForMessage names the schemas a SCAPI message must satisfy: the one oracle
// of which schema judges which message, for the specs, the fuzzer and
// validate.
//
// answers is what the message is known to answer: the wire request name of a
// request, wire.EventSubscribe for a subscribe, "" when unknown (a message
// read on its own is then classified by its keys as the vendor client would,
// and a success reply's result by its own request member).
//
// An answer to a request is a success reply (envelope.Reply, and the data
// against the method's documented result) or, when it carries errorMessage,
// an error reply (envelope.ErrorReply). An answer to a subscribe is an
// acknowledgement (envelope.SubscribeAck, which forbids an event key); an
// error reply to a subscribe has no request name to echo (the subscribe
// envelope has none) and no documented schema: the vendor client needs only
// its referenceId and errorMessage, as the specs' HaveRepliedWithError
// judges it. An event must be a documented one (INT-EVENT-14).
//
// The violations are what makes the message unclassifiable or undocumented
// (an unknown event, a success reply naming a request the catalog lacks);
// the checks are still those that apply.
func ForMessage(m *wire.Message, answers string) ([]Check, []Violation) {
	switch {
	case answers == wire.EventSubscribe && m.Has("errorMessage"):
		return nil, nil
	case answers == wire.EventSubscribe:
		return []Check{{Schema: "envelope.SubscribeAck"}}, nil
	case answers != "" && m.Has("errorMessage"):
		return []Check{{Schema: "envelope.ErrorReply"}}, nil
	case answers != "":
		return reply(answers)
	}
	if event, ok := m.String("event"); ok {
		switch event {
		case wire.EventSubscribe:
			return []Check{{Schema: "envelope.Subscribe"}}, nil
		case wire.EventUnsubscribe:
			return []Check{{Schema: "envelope.Unsubscribe"}}, nil
		}
		eventType := wire.EventType(m.Data()) // a data that is no object fails envelope.Event
		if name, ok := EventSchema(event, eventType); ok {
			return []Check{{Schema: name}}, nil
		}
		return []Check{{Schema: "envelope.Event"}}, []Violation{{Pointer: "/event",
			Reason: fmt.Sprintf("no documented event %q with eventType %q", event, eventType)}}
	}
	switch {
	case m.Has("subscriptionId"):
		return []Check{{Schema: "envelope.SubscribeAck"}}, nil
	case m.Has("errorMessage"):
		return []Check{{Schema: "envelope.ErrorReply"}}, nil
	case m.Has("data"):
		request, _ := m.String("request")
		return reply(request)
	case m.Has("request"):
		return []Check{{Schema: "envelope.Request"}}, nil
	case m.Has("frameId"):
		return []Check{{Schema: "envelope.FrameID"}}, nil
	}
	return nil, []Violation{{Reason: "not a SCAPI message: none of event, subscriptionId, errorMessage, data, request, frameId"}}
}

// reply names the schemas of a success reply to the wire request.
func reply(request string) ([]Check, []Violation) {
	checks := []Check{{Schema: "envelope.Reply"}}
	method, ok := contract.LookupWire(request)
	if !ok {
		return checks, []Violation{{Pointer: "/request", Reason: fmt.Sprintf("%q is not a request of the catalog", request)}}
	}
	if method.Result != "" {
		checks = append(checks, Check{Schema: method.Result, Pointer: "/data"})
	}
	return checks, nil
}
