// Package control defines the control protocol of a steerable target (the
// reference Workspace, or a bridge in front of a real one): HTTP+JSON on the
// control URL. Drivers speak it as clients; the reference Workspace serves it.
//
// Endpoints (all POST with a JSON body unless noted, all answering JSON):
//
//	GET  /capabilities   → Capabilities
//	POST /options        Options        → {}            set service-client-api.* options
//	POST /stimulus       Stimulus       → StimulusResult inject one stimulus
//	POST /clock/advance  ClockAdvance   → ClockState     move the virtual clock
//	GET  /clock          → ClockState
//	POST /reset          {}             → {}            fresh session, default options
//
// Errors are answered with a non-2xx status and an Error body.
package control

// Stimulus names: what a target can be made to do from outside the API.
const (
	StimInboundCall      = "inbound-call"        // a voice call starts RINGING
	StimRemoteRelease    = "remote-release"      // the other party hangs up a call
	StimPartyChange      = "party-change"        // a party joins or leaves a call
	StimInboundChat      = "inbound-chat"        // a chat INVITED
	StimInboundEmail     = "inbound-email"       // an email INVITED
	StimChatEnd          = "chat-end"            // the customer ends a chat
	StimPreviewRecord    = "preview-record"      // an outbound preview record (mode: pull|push|direct-push)
	StimCampaign         = "campaign"            // an outbound campaign event (eventType, campaign, mode)
	StimRecordsRetrieved = "records-retrieved"   // the chain of records of an outbound interaction
	StimRealtime         = "realtime-connection" // REALTIME_CONNECTION (state)
	StimElection         = "frame-election"      // a tab election (frameState sequence)
	StimToastClick       = "toast-button-click"  // a button click on a custom toast
	StimCaseIDChange     = "case-id-change"      // CASE_ID_CHANGED on an interaction
	StimAgentState       = "agent-state"         // the agent's state changes from the UI (with reason)
	// StimInteractionEvent is an outside occurrence the documentation names only
	// by its interaction eventType (a customer typing: COMPOSING, a chat message:
	// NEW_MESSAGE, an invitation withdrawn: REVOKED, a workbin or queue outcome,
	// an outbound email SENT or CANCELLED from the UI, …); args interactionId and
	// eventType, one of the documented interaction eventTypes.
	StimInteractionEvent = "interaction-event"
)

// Capabilities says what a target can be steered to do.
type Capabilities struct {
	// Target identifies the implementation (name, version, build) as it says.
	Target map[string]string `json:"target"`
	// Options is true when service-client-api.* options can be set.
	Options bool `json:"options"`
	// Clock is true when the target has a virtual clock that /clock/advance moves.
	Clock bool `json:"clock"`
	// Stimuli lists the stimulus names the target can inject.
	Stimuli []string `json:"stimuli"`
	// NoReset is true when /reset is refused: the target was configured once
	// (a Workspace behind a bridge, or the reference in fixed mode) and its
	// state, rate-limit windows included, carries over from spec to spec.
	// Absent (false) means /reset works, as for every steerable target before
	// this field existed.
	NoReset bool `json:"noReset,omitempty"`
	// Unavailable names stimuli the target knows but cannot produce in this
	// run, with the reason (a lab's manual stimulus in a run nobody watches):
	// the specs that need them are skipped with it.
	Unavailable map[string]string `json:"unavailable,omitempty"`
	// Mutant names the deviation the target runs with ("" for none).
	Mutant string `json:"mutant,omitempty"`
}

// Options are the service-client-api.* option values, as strings exactly as
// they would be configured. An absent key means the documented default.
type Options map[string]string

// Stimulus asks the target to produce one outside event.
type Stimulus struct {
	Name string `json:"name"`
	// Args are stimulus-specific (for example {"mode":"pull"} for preview-record,
	// {"interactionId":"3"} for remote-release, {"state":"DISCONNECTED"}).
	Args map[string]any `json:"args,omitempty"`
}

// StimulusResult reports what the stimulus created (for example the new
// interactionId or customToastId).
type StimulusResult struct {
	Result map[string]any `json:"result,omitempty"`
}

// ClockAdvance moves the virtual clock forward by Millis milliseconds.
type ClockAdvance struct {
	Millis int64 `json:"millis"`
}

// ClockState is the virtual clock's current time in Unix milliseconds.
type ClockState struct {
	NowMillis int64 `json:"nowMillis"`
}

// Error is the body of a non-2xx control answer.
type Error struct {
	Error string `json:"error"`
}
