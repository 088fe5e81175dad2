package interp

// INT-SPEC-n: what the conformance specs decide where the documentation and the
// client library leave the envelope or the refusal of a request open.
func init() {
	Register(
		Interpretation{ID: "INT-SPEC-1", Topic: "how a request refused by the allow-list is answered",
			Sources: []string{
				`001 getAllowedServices: "If the domain of the web application that calls this method isn't listed in the service-client-api.accepted-web-content-origins option, then this method fails."`,
				`001 Working with the API: "The fail() callback is called when a request generates an error or an exception."`,
				`DESIGN.md Wire protocol: the client fails a request on a reply with errorMessage, or after 10 s with "Request timeout"`},
			Strict:  "a request from an origin that is not listed, or outside the origin's filter, is answered at once with an error reply (errorMessage, the echoed referenceId) and is not executed; an empty option value lists no origin",
			Lenient: "leaving the refused request unanswered (the client then fails it by timeout) is NON-STRICT; executing it is a FAIL in both modes"},
		Interpretation{ID: "INT-SPEC-2", Topic: "what \"not allowed\" forbids besides the reply",
			Sources: []string{`Origin: "For the http://my-web-server2 domain, only the ... requests are allowed."`},
			Strict:  "a refused request has no effect at all: the Workspace state it would change is unchanged and no event it would cause is delivered to any client"},
		Interpretation{ID: "INT-SPEC-3", Topic: "data and errorMessage in one reply; the request name in a reply",
			Sources: []string{`DESIGN.md Wire protocol: "the request name, and either data (success; the result) or errorMessage (string; failure)"`},
			Strict:  "a reply carries the request name as it was sent and never both data and errorMessage; an error reply's errorMessage is a non-empty string; a success reply of a method with a documented result carries data"},
		Interpretation{ID: "INT-SPEC-4", Topic: "which events a subscription delivers",
			Sources: []string{
				`Notifications: "You can use the following code to subscribe to agent and interaction notifications: genesys.wwe.service.subscribe([ \"agent\", \"interaction\" ], eventHandler, context);"`,
				`Notifications: "You must call genesys.wwe.service.subscribe only once."`},
			Strict: "a client receives the events of the names it subscribed to (each name of a list subscribes on its own) and no event of a name it did not subscribe to; the specs subscribe once per client, so the behaviour of a second subscribe is not judged"},
		Interpretation{ID: "INT-SPEC-5", Topic: "a request the Workspace does not know",
			Sources: []string{
				`001 Working with the API: "The fail() callback is called when a request generates an error or an exception."`,
				`DESIGN.md Wire protocol: the client silently drops nothing it needs, but "silence where an error reply was due" is seen only as a timeout`},
			Strict: "a request whose name is not in the catalog (an unknown namespace or method) gets an error reply with the echoed referenceId and changes nothing; the connection stays usable. Silence is not a lenient reading: the client's fail() would only run after its 10 s timeout, so every client would hang on a typo"},
	)
}
