package interp

// INT-RATE-n: how the oracle (contract/ratelimit) reads the rate-limit options
// and the quarantine where the documentation is silent or contradicts itself.
func init() {
	Register(
		Interpretation{ID: "INT-RATE-1", Topic: "does the global rate-limit count per request type or all requests together?",
			Sources: []string{
				`Rate Limit: "You can limit the maximum number of requests per minute on any Service Client API request by setting the service-client-api.rate-limit option."`,
				`Rate Limit: "When the number of requests reaches the limit, Workspace ignores all further requests of the same type"`},
			Strict:  "per request type: every request type has its own counter against the global limit (only then does \"requests of the same type\" name what is quarantined)",
			Lenient: "one counter shared by all requests without their own limit, quarantining the type of the request that exceeds it, is NON-STRICT"},
		Interpretation{ID: "INT-RATE-2", Topic: "rate-limit.<request> against rate-limit",
			Sources: []string{
				`Rate Limit: "If you want to limit the maximum number of requests per minute on a particular Service Client API request, use service-client-api.rate-limit.<service-name>."`,
				`DESIGN.md option defaults: rate-limit.<request> 0`},
			Strict: "a positive rate-limit.<request> is the limit of that request, whether larger or smaller than rate-limit; 0 (its default) means the global limit applies. The <request> is the request name of the envelope, as on the wire (voice.dial; sipEndpoint.muteMicrophone for the mute methods, as the allow-list keywords of INT-CAT-2), and the error message names it the same way. subscribe and unsubscribe are not requests and are never counted. Values are whole numbers 0…2147483647, surrounding blanks ignored; anything else is a configuration error"},
		Interpretation{ID: "INT-RATE-3", Topic: "where the fixed one-minute windows start",
			Sources: []string{`Rate Limit: "Workspace calculates the limitation as a fixed interval of time, each minute (this is not calculated on a costly sliding window)."`},
			Strict:  "windows are the minutes of the clock, [hh:mm:00, hh:mm+1:00); specs start their timelines on a minute boundary",
			Lenient: "windows of one minute starting at the first request counted after the previous window ended are NON-STRICT"},
		Interpretation{ID: "INT-RATE-4", Topic: "when quarantine starts and what happens after it",
			Sources: []string{
				`Rate Limit: "When the number of requests reaches the limit, Workspace ignores all further requests of the same type for a configurable period of time, known as the quarantine delay. In response, Workspace Web Edition sends a result with an explicit error message to the first request it receives after the limit is reached"`,
				`Rate Limit: "setting the option to 60 means that Workspace Web Edition ignores requests for 60 seconds after the limit is reached. A value of 0 means that Workspace Web Edition ignores further requests forever"`},
			Strict:  "with limit N, the first N requests of a window run; request N+1 of the window gets the error reply and starts the quarantine (its delay counted from that request: a request exactly delay later is past it); during the quarantine every request of the type is ignored without any reply, across window boundaries; the count belongs to its window, so the first request after a quarantine that ends inside the same window gets the error reply again and starts a new quarantine (never more than N run in one window). Requests refused by the origin filter are not counted. A delay of 0 ignores the type until Workspace is reloaded",
			Lenient: "restarting the count from zero when the quarantine ends (so more than N can run in one window when the delay is shorter than the rest of the window) is NON-STRICT"},
		Interpretation{ID: "INT-RATE-5", Topic: "the rate-limit error reply",
			Sources: []string{`Rate Limit example: {"errorMessage": "The rate limit for the request 'voice.dial' has been reached.\nFurther requests of the same type will be ignored for 30 seconds.", "request": "agent.getState"}`},
			Strict:  "the reply's request echoes the request being answered, which is the limited one (the example's \"agent.getState\" next to 'voice.dial' is a copy slip); errorMessage is exactly \"The rate limit for the request '<request>' has been reached.\\nFurther requests of the same type will be ignored for <delay> seconds.\" with the configured delay (0 when forever)",
			Lenient: "any errorMessage starting with \"The rate limit for the request '<request>' has been reached.\" is NON-STRICT"},
		Interpretation{ID: "INT-RATE-6", Topic: "how an ignored request is told from one answered late",
			Sources: []string{
				`Rate Limit: "Workspace ignores all further requests of the same type for a configurable period of time"`,
				`001 Service Client API: "All methods provided in the Service Client API are asynchronous, so to get the successful or failed result, just add the matching callback" (no sentence orders the answers to one client's messages)`},
			Strict:  "Workspace answers one client's messages in the order it receives them (one window's postMessage, one websocket, keep their order): a request not answered when a later message of the same client (a subscribe to no event, which no limit counts) is answered has been ignored, and an answer that comes after it anyway breaks the order",
			Lenient: "answering a request after a later message of the same client is NON-STRICT: the late answer is still taken for the request's (whatever the suite saw of it before the end of the timeline)"},
	)
}
