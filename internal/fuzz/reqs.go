package fuzz

// The requirement ids the checks cite (package contract/requirements). A test
// fails when one is not registered.
const (
	reqReplyDue       = "envelope.reply.1"
	reqReplyEcho      = "envelope.reply.2"
	reqReplySchema    = "envelope.reply.3"
	reqMessageJSON    = "envelope.message.1"
	reqSubscribeAck   = "envelope.subscribe.1"
	reqUnsubscribe    = "envelope.unsubscribe.1"
	reqEventSchema    = "envelope.event.1"
	reqOriginDenied   = "security.origin.1"
	reqOriginListed   = "security.origin.2"
	reqAllowedSvc     = "system.getAllowedServices.1"
	reqRateLimit      = "security.rateLimit.1"
	reqQuarantine     = "security.rateLimit.2"
	reqUserDataRead   = "security.userData.2"
	reqUserDataWrite  = "security.userData.1"
	reqInteractionGet = "interaction.getByInteractionId.1"
	reqResume         = "voice.resume.1"
)
