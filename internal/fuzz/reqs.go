package fuzz

// The requirement ids the checks cite (package contract/requirements); a test
// fails when one is not registered.
const (
	reqReplyUserAgent = "envelope.reply.1"                 // userAgent contains "WWE"
	reqReplyVersion   = "envelope.reply.2"                 // protocolVersion 2
	reqReplyRef       = "envelope.reply.3"                 // the very referenceId string sent
	reqReplyShape     = "envelope.reply.5"                 // request name, data or errorMessage (INT-SPEC-3)
	reqEvent          = "envelope.event.1"                 // event envelope
	reqSubscribeAck   = "envelope.subscribe.1"             // ack: subscriptionId, no event key
	reqUnsubscribe    = "envelope.unsubscribe.1"           // unsubscribe stops delivery
	reqUnknown        = "envelope.unknown.1"               // unknown request: error reply (INT-SPEC-5)
	reqSubscribed     = "events.subscribe.1"               // only the events subscribed to (INT-SPEC-4)
	reqOriginListed   = "security.origin.1"                // an unlisted origin is refused
	reqOriginFilter   = "security.origin.4"                // a filter restricts (INT-ORIGIN-6, INT-SPEC-1)
	reqOriginJwt      = "security.origin.7"                // getJwtToken only when named
	reqAllowedSvc     = "security.origin.9"                // getAllowedServices reports the allowed
	reqAllowedSvcFail = "security.origin.10"               // ... and fails for an unlisted origin
	reqRateCount      = "security.rateLimit.4"             // the limit per minute
	reqRateWindow     = "security.rateLimit.5"             // fixed one-minute windows
	reqQuarantine     = "security.rateLimit.6"             // ignored during the quarantine
	reqRateMessage    = "security.rateLimit.7"             // one explicit error to the first request
	reqQuarantineLen  = "security.rateLimit.8"             // the quarantine delay
	reqForever        = "security.rateLimit.9"             // 0 = forever
	reqUserDataWrite  = "security.userData.1"              // write-allowed
	reqUserDataRead   = "security.userData.3"              // read-allowed, replies
	reqUserDataEvents = "security.userData.4"              // read-allowed, events too
	reqInteractionGet = "interaction.getByInteractionId.1" // a reported interaction is found
	reqInteractionNil = "interaction.getByInteractionId.2" // null when it does not exist
	reqResume         = "voice.resume.1"                   // a held call resumes
	reqSetState       = "agent.setState.2"                 // an operationName from the states list
)

// allReqs lists them for the registry test.
var allReqs = []string{reqReplyUserAgent, reqReplyVersion, reqReplyRef, reqReplyShape, reqEvent, reqSubscribeAck,
	reqUnsubscribe, reqUnknown, reqSubscribed, reqOriginListed, reqOriginFilter, reqOriginJwt, reqAllowedSvc,
	reqAllowedSvcFail, reqRateCount, reqRateWindow, reqQuarantine, reqRateMessage, reqQuarantineLen, reqForever,
	reqUserDataWrite, reqUserDataRead, reqUserDataEvents, reqInteractionGet, reqInteractionNil, reqResume, reqSetState,
	"voice.muteMicrophone.1", "voice.unmuteMicrophone.1", "voice.muteSpeaker.1", "voice.unmuteSpeaker.1",
	"auth.getJwtToken.2", "system.closeToast.1", "messenger.broadcastMessage.5", "agent.setState.3", "interaction.setUserData.3",
	"events.interaction.RELEASED.2", "events.interaction.CALL_RECORDING_STATE_CHANGED.1", "events.interaction.ATTACHED_DATA_CHANGED.1"}

// The interpretations a NON-STRICT finding names (package contract/interp);
// a test fails when one is not registered or has no lenient reading.
const (
	intRefusal      = "INT-SPEC-1"   // a refused request: an error reply at once
	intOriginFilter = "INT-ORIGIN-6" // getAllowedServices always answered to a listed origin
)

// allInts lists them for the registry test.
var allInts = []string{intRefusal, intOriginFilter}
