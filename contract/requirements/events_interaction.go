package requirements

// OccurrenceEvents are the interaction eventTypes the documentation names only
// as outside occurrences (no API method produces them), with their 001
// descriptions; each is requirement "events.interaction.<eventType>.1".
var OccurrenceEvents = map[string]string{
	"UNKNOWN":                   "An unknown event occurs.",
	"CASE_OR_BUNDLE_ID_CHANGED": "The case or the bundle identifier of this interaction has changed.",
	"NEW_MESSAGE":               "This event represents a new message.",
	"ERROR":                     "An error occurs in the interaction.",
	"CONTACT_CHANGED":           "A contact associated with the interaction is fully or partially modified.",
	"COMPOSING":                 "The open media interaction is in composing mode.",
	"INSERT_STANDARD_RESPONSE":  "A standard response has been inserted in the interaction.",
	"INVITED_CONFERENCE":        "The open media interaction receive a conference invitation.",
	"IN_QUEUE_FAILED":           "The place in queue has failed.",
	"IN_WORKBIN":                "The interaction has been placed in the work-bin.",
	"IN_WORKBIN_FAILED":         "The place in work-bin has failed.",
	"LEFT_CONFERENCE":           "The open media interaction has left the conference.",
	"PULLED":                    "The open media interaction has been pulled from a work-bin.",
	"PULL_FAILED":               "The pull from the queue has failed.",
	"PULL_WORKBIN_FAILED":       "The pull from the work-bin has failed.",
	"REVOKED":                   "The open media interaction has been revoked.",
	"JOIN_FAILED":               "The connection with the chat server failed.",
	"JOIN_PENDING":              "The interaction is trying to join the chat session.",
	"CANCELED":                  "The interaction is already accepted in another chat session.",
	"CANCELLED":                 "The outbound email has been cancelled.",
	"SENT":                      "The outbound email has been sent.",
}

func init() {
	const s = "Service Client API > Event Type references > interaction eventType"
	for eventType, description := range OccurrenceEvents {
		Register(inReference("events.interaction."+eventType+".1", s, eventType+" — "+description, "INT-EVENT-18"))
	}
	Register(
		inReference("events.interaction.eventType.1", s,
			"The interaction eventType field can be one of the following: UNKNOWN, ADDED, REMOVED, ATTACHED_DATA_CHANGED, CASE_OR_BUNDLE_ID_CHANGED, CASE_ID_CHANGED, NEW_MESSAGE, ERROR, CONTACT_CHANGED, CALL_RECORDING_STATE_CHANGED, DIALING, ESTABLISHED, HELD, PARTY_CHANGED, RELEASED, RINGING, ACCEPTED, COMPLETED, COMPOSING, CREATED, INSERT_STANDARD_RESPONSE, INVITED, INVITED_CONFERENCE, IN_QUEUE_FAILED, IN_WORKBIN, IN_WORKBIN_FAILED, LEFT_CONFERENCE, PULLED, PULL_FAILED, PULL_WORKBIN_FAILED, REVOKED, TRANSFER_COMPLETED, CANCELED, ENDED, JOIN_FAILED, JOIN_PENDING, CANCELLED, SENT", "INT-EVENT-14"),
		inReference("events.interaction.ADDED.1", s+" > Common events",
			"ADDED — The interaction has been added in the list of interactions."),
		inReference("events.interaction.REMOVED.1", s+" > Common events",
			"REMOVED — The interaction has been removed from the list of interactions."),
		inReference("events.interaction.ATTACHED_DATA_CHANGED.2", s+" > Common events",
			"ATTACHED_DATA_CHANGED — The attached data have changed in the interaction."),
		inReference("events.interaction.CASE_ID_CHANGED.1", s+" > Common events",
			"CASE_ID_CHANGED — The case identifier of this interaction has changed."),
		inReference("events.interaction.CASE_ID_CHANGED.2", "Service Client API > Common actions > Supporting multiple browser tabs",
			"Service Client API updates the attached data for an interaction in the leader tab with a new caseId on eventType CASE_ID_CHANGED. { \"event\": \"interaction\", \"data\": { \"eventType\": \"CASE_ID_CHANGED\", \"caseId\": \"e6470563-…\", \"previousCaseId\": \"5f7e5f3a-…\" } }"),
		inReference("events.interaction.CALL_RECORDING_STATE_CHANGED.1", s+" > Voice events",
			"CALL_RECORDING_STATE_CHANGED — The call recording state changed."),
		inReference("events.interaction.DIALING.1", s+" > Voice events",
			"DIALING — The outbound call starts ringing."),
		inReference("events.interaction.ESTABLISHED.1", s+" > Voice events",
			"ESTABLISHED — The call has been established."),
		inReference("events.interaction.HELD.1", s+" > Voice events",
			"HELD — The call has been held."),
		inReference("events.interaction.PARTY_CHANGED.1", s+" > Voice events",
			"PARTY_CHANGED — The list of party has been changed in the interaction."),
		inReference("events.interaction.RELEASED.1", s+" > Voice events",
			"RELEASED — The call has been released."),
		inReference("events.interaction.RINGING.1", s+" > Voice events",
			"RINGING — The inbound call starts ringing."),
		inReference("events.interaction.RELEASED.2", "Interaction namespace > Type definitions > Interaction",
			"ronaCallState — This value is populated on event RELEASED when an agent receives an inbound call and does not answer. Possible values are: REDIRECTED or NO_ANSWER.", "INT-EVENT-15"),
		inReference("events.interaction.ACCEPTED.1", s+" > OpenMedia events",
			"ACCEPTED — The open media interaction is accepted."),
		inReference("events.interaction.COMPLETED.1", s+" > OpenMedia events",
			"COMPLETED — The open media interaction has been completed (Mark as done)."),
		inReference("events.interaction.CREATED.1", s+" > OpenMedia events",
			"CREATED — The open media interaction has been created.", "INT-EVENT-2"),
		inReference("events.interaction.TRANSFER_COMPLETED.1", s+" > OpenMedia events",
			"TRANSFER_COMPLETED — The open media interaction has been transferred and the transfer has been completed.", "INT-EVENT-7"),
		inReference("events.interaction.INVITED.1", s+" > OpenMedia events",
			"INVITED — The open media interaction is an invitation."),
		inReference("events.interaction.ENDED.1", s+" > Chat events (inherit from OpenMedia events)",
			"ENDED — The chat has been ended."),
		inReference("events.interaction.CASE_SELECTED.1", "Interaction namespace > selectCaseByCaseId",
			"Received interaction event: { \"event\": \"interaction\", \"data\": { \"eventType\": \"CASE_COLLAPSED\" | \"CASE_EXPANDED\" | \"CASE_SELECTED\", \"selectedCaseId\": \"…\" }, \"userAgent\": \"WWE Server\", \"protocolVersion\": 2 }", "INT-EVENT-4"),
	)
}
