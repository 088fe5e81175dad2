package requirements

// The envelopes on the wire: what the vendor client library sends and what it
// accepts (DESIGN.md > Wire protocol), and the documentation's notifications.
func init() {
	const s = "Wire protocol > "
	Register(
		fromLibrary("envelope.reply.1", s+"Reply",
			"Reply (service → client): an object whose userAgent contains \"WWE\" (the service sends \"WWE Server\") … What the vendor client silently drops: a reply whose userAgent lacks \"WWE\"."),
		fromLibrary("envelope.reply.2", s+"Reply",
			"Reply (service → client): an object whose userAgent contains \"WWE\" (the service sends \"WWE Server\"), protocolVersion 2"),
		fromLibrary("envelope.reply.3", s+"Reply",
			"Reply (service → client): … the echoed referenceId … What the vendor client silently drops: a reply whose referenceId is not the very string sent (it compares with ===)."),
		fromLibrary("envelope.reply.4", s+"Request",
			"referenceId string (a per-page counter starting at \"0\"; a caller-supplied one is kept)"),
		fromLibrary("envelope.reply.5", s+"Reply",
			"Reply (service → client): … the request name, and either data (success; the result) or errorMessage (string; failure).",
			"INT-SPEC-3"),
		fromLibrary("envelope.event.1", s+"Event",
			"Event (service → client): {event, data:{eventType,...}, userAgent:\"WWE Server\", protocolVersion:2}.",
			"INT-SCHEMA-11"),
		fromLibrary("envelope.subscribe.1", s+"Subscribe",
			"Subscribe: {event:\"subscribe\", data: name | [names], referenceId, ...}; the acknowledgement is a reply with a top-level subscriptionId and no event key.",
			"INT-CAT-19"),
		fromLibrary("envelope.subscribe.2", s+"Subscribe",
			"Events sent before the ack are lost by the client.",
			"INT-CAT-19"),
		inReference("envelope.subscribe.3", "Service Client API > Working with the API > Notifications",
			"You can use the following code to subscribe to agent and interaction notifications: genesys.wwe.service.subscribe([ \"agent\", \"interaction\" ], eventHandler, context);",
			"INT-SPEC-4"),
		fromLibrary("envelope.unsubscribe.1", s+"Subscribe",
			"Unsubscribe: {event:\"unsubscribe\", data: subscriptionId}, no reply expected.",
			"INT-CAT-19"),
		noted(inReference("envelope.unknown.1", "Service Client API > Working with the API",
			"The fail() callback is called when a request generates an error or an exception.",
			"INT-SPEC-5"),
			"the vendor client silently drops nothing useful here: silence where an error reply was due is seen only as a 10 s \"Request timeout\" (DESIGN.md > Wire protocol)"),
	)
}
