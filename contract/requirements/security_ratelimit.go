package requirements

// Security configuration > Rate Limit: service-client-api.rate-limit,
// rate-limit.<request> and rate-limit-quarantine-delay.
func init() {
	const s = "Service Client API > Security configuration > Rate Limit"
	Register(
		inReference("security.rateLimit.1", s,
			"You can limit the maximum number of requests per minute on any Service Client API request by setting the service-client-api.rate-limit option. For example, setting the value to 50 would restrict the number of requests to 50 per minute.",
			"INT-RATE-1"),
		inReference("security.rateLimit.2", s,
			"Set the value to 0 for unlimited requests."),
		inGuide("security.rateLimit.3", "Service Client API > Rate Limit",
			"If you want to limit the maximum number of requests per minute on a particular Service Client API request, use service-client-api.rate-limit.<service-name>.",
			"INT-RATE-2"),
		inReference("security.rateLimit.4", s,
			"In this example, there are no limits globally, but voice.dial requests are limited to 4 requests per minute and email.create requests are limited to 2 requests per minute."),
		inReference("security.rateLimit.5", s,
			"Workspace calculates the limitation as a fixed interval of time, each minute (this is not calculated on a costly sliding window).",
			"INT-RATE-3"),
		inReference("security.rateLimit.6", s,
			"When the number of requests reaches the limit, Workspace ignores all further requests of the same type for a configurable period of time, known as the quarantine delay.",
			"INT-RATE-1", "INT-RATE-4", "INT-RATE-6"),
		inReference("security.rateLimit.7", s,
			"In response, Workspace Web Edition sends a result with an explicit error message to the first request it receives after the limit is reached: { \"errorMessage\": \"The rate limit for the request 'voice.dial' has been reached.\\nFurther requests of the same type will be ignored for 30 seconds.\", \"request\": \"agent.getState\" }",
			"INT-RATE-5", "INT-SCHEMA-13"),
		inReference("security.rateLimit.8", s,
			"To specify the global quarantine delay, set the service-client-api.rate-limit-quarantine-delay option. For example, setting the option to 60 means that Workspace Web Edition ignores requests for 60 seconds after the limit is reached.",
			"INT-RATE-4"),
		inReference("security.rateLimit.9", s,
			"A value of 0 means that Workspace Web Edition ignores further requests forever, so use this value carefully.",
			"INT-RATE-4"),
		noted(inReference("security.rateLimit.10", s,
			"The rate limit for the request 'voice.dial' has been reached.\\nFurther requests of the same type will be ignored for 30 seconds.",
			"INT-RATE-5"),
			"30 seconds is the default of service-client-api.rate-limit-quarantine-delay (vendor configuration guide, restated in DESIGN.md > Option defaults): without the option, a quarantine lasts 30 s"),
	)
}
