package drivertest

import (
	"encoding/json"

	"scapi-conformance/contract/wire"
)

// Echo answers as a conforming target would, with data naming the origin the
// target saw: a request gets a reply with data {"origin": origin}; a
// subscribe gets an acknowledgement (subscriptionId "s1") followed by one
// agent event; an unsubscribe gets nothing.
func Echo(origin string, req map[string]any) Answer {
	base := map[string]any{"referenceId": req["referenceId"], "userAgent": wire.ServerUserAgent, "protocolVersion": wire.ProtocolVersion}
	switch req["event"] {
	case wire.EventSubscribe:
		base["subscriptionId"] = "s1"
		ack, _ := json.Marshal(base)
		return Answer{Messages: [][]byte{ack, event(0)}}
	case wire.EventUnsubscribe:
		return Answer{}
	}
	return Answer{Messages: [][]byte{reply(req, map[string]any{"origin": origin})}}
}
