package fuzz

import (
	"fmt"

	"scapi-conformance/contract"
	"scapi-conformance/contract/control"
)

// The request names scenarios use.
const (
	voiceAnswer        = "voice.answer"
	voiceHangUp        = "voice.hangUp"
	voiceDial          = "voice.dial"
	voiceDialEx        = "voice.dialEx"
	markdone           = "interaction.markdone"
	blockMarkdone      = "interaction.blockMarkdone"
	deleteUserData     = "interaction.deleteUserData"
	consult            = "interaction.consult"
	selectCase         = "interaction.selectCaseByCaseId"
	updateToast        = "system.updateToast"
	updateView         = "system.updateViewInApplicationMenuBar"
	getMediaList       = "media.getMediaList"
	mediaSetState      = "media.setState"
	getOption          = "configuration.getOption"
	callPreviewRecord  = "outbound.callPreviewRecord"
	rejectPreview      = "outbound.rejectPreviewRecord"
	cancelPreview      = "outbound.cancelPreviewRecord"
	interactionAccept  = "interaction.accept"
	interactionReject  = "interaction.reject"
	setDoNotCall       = "outbound.setDoNotCall"
	setCallResult      = "outbound.setCallResult"
	rescheduleRecord   = "outbound.rescheduleRecord"
	getRecordFields    = "outbound.getRecordFields"
	updateRecordFields = "outbound.updateRecordFields"
	recordHandleKey    = "GSW_RECORD_HANDLE"
	previewCallRefSlot = 1 // the call made from a session's first preview record is its second interactionId
)

// eventOnlyNames are operationNames a state limited to an event could have:
// its documented type, and the type in the case the states list uses.
var eventOnlyNames = []string{"PARTIAL_READY", "OUT_OF_SERVICE", "LOGOUT_DND_ON", "PartialReady", "OutOfService", "LogoutDndOn"}

// frameQueries are the requests that read the tab's election state.
var frameQueries = []string{"system.isFrameLeading", "system.isFrameFollowing", "system.isFrameNegotiating", "system.isFrameLeadingOrNegotiating"}

// optionPatterns are getOption patterns: the documentation's examples of
// allowed and refused wildcards, and an asterisk inside a word.
var optionPatterns = []string{"voice.*", "voice.auto*", "sipendpoint.*", "CustomAPI/test.*", "*.mark-done", "*.auto",
	"interaction.case-data.frame*color", "interaction.case-data.frame-color", "*/voice.auto-answer"}

// scenario draws a short sequence of steps that walks a documented
// lifecycle, so that the per-call expectations (checks_lifecycle.go) have
// something to judge.
func (gs *genState) scenario(client int) []Step {
	switch gs.rng.IntN(13) {
	case 12:
		if !gs.can(control.StimRealtime) {
			return nil
		}
		lost, back := gs.stimulus(control.StimRealtime), gs.stimulus(control.StimRealtime)
		lost.Args["state"], back.Args["state"] = Lit("DISCONNECTED"), Lit("RECONNECTED")
		return []Step{lost, back}
	case 10:
		// A state whose type the documentation limits to an event, by a
		// name such a state could have, then the state it left.
		return []Step{{Op: OpCall, Client: client, Request: setState, Params: []Arg{Lit(gs.pick(eventOnlyNames))}},
			{Op: OpCall, Client: client, Request: getState, NoParams: true}}
	case 11:
		// A client listens to a channel the session's channel is a prefix
		// of; another broadcasts on the session's channel.
		gs.tokens++
		return []Step{{Op: OpSubscribe, Client: client, Events: []string{contract.MessengerEventPrefix + channel + "2"}},
			{Op: OpCall, Client: 0, Request: broadcast, Params: []Arg{Lit(channel), Lit(map[string]any{"fz": fmt.Sprintf("%s%d-%d", tokenPrefix, gs.id, gs.tokens)})}}}
	case 0, 1:
		if !gs.can(control.StimInboundCall) {
			return nil
		}
		return gs.voiceLife(client)
	case 2:
		ud := Lit(gs.userData())
		if gs.rng.IntN(2) == 0 {
			return []Step{{Op: OpCall, Client: client, Request: voiceDial, Params: []Arg{Lit("5001"), ud}}}
		}
		return []Step{{Op: OpCall, Client: client, Request: voiceDialEx, Params: []Arg{Lit("5001"), ud, Lit(gs.userData())}}}
	case 3:
		if !gs.can(control.StimInboundCall) {
			return nil
		}
		id := gs.nextInboundCallID()
		target := Lit("5002")
		if gs.rng.IntN(2) == 0 {
			target = Lit(map[string]any{"type": "CustomContact", "destination": "5002"})
		}
		return []Step{gs.stimulus(control.StimInboundCall), {Op: OpCall, Request: voiceAnswer, Params: []Arg{id}},
			{Op: OpCall, Client: client, Request: consult, Params: []Arg{id, target, Lit(gs.userData())}}}
	case 4:
		if !gs.can(control.StimInboundCall) {
			return nil
		}
		caseID := RefArg(control.StimInboundCall+".caseId", gs.stimulated[control.StimInboundCall])
		return []Step{gs.stimulus(control.StimInboundCall), {Op: OpCall, Client: client, Request: selectCase, Params: []Arg{caseID}}}
	case 5:
		out := []Step{{Op: OpCall, Client: client, Request: popupToast, Params: []Arg{Lit(map[string]any{
			"title": "fz", "iconUrl": "https://client.example/fz.png", "buttons": []string{"A", "B"}})}}}
		if gs.can(control.StimToastClick) {
			out = append(out, gs.stimulus(control.StimToastClick))
		}
		return append(out, Step{Op: OpCall, Client: client, Request: updateToast, Params: []Arg{RefArg("toastId", 0), Lit(map[string]any{"title": "fz2"})}},
			Step{Op: OpCall, Client: client, Request: popupToast, Params: []Arg{Lit(map[string]any{"title": "fz3", "iconUrl": "https://client.example/fz.png"})}})
	case 6:
		var out []Step
		if gs.can(control.StimElection) {
			out = append(out, gs.stimulus(control.StimElection))
		}
		return append(out, Step{Op: OpCall, Client: client, Request: gs.pick(frameQueries), NoParams: true})
	case 7:
		view := map[string]any{"name": "fz"}
		switch gs.rng.IntN(3) {
		case 0:
			view["label"] = "fz"
		case 1:
			view["iconUrl"] = "https://client.example/fz.png"
		}
		return []Step{{Op: OpCall, Client: client, Request: updateView, Params: []Arg{Lit(view)}}}
	case 8:
		name := gs.pick([]string{"voice", "chat", "email", "nosuch"})
		return []Step{{Op: OpCall, Client: client, Request: getMediaList, NoParams: true},
			{Op: OpCall, Client: client, Request: getStateList, NoParams: true},
			{Op: OpCall, Client: client, Request: mediaSetState, Params: []Arg{Lit(name), RefArg("operationName", gs.rng.IntN(8))}}}
	}
	var pats any = gs.pick(optionPatterns)
	if gs.rng.IntN(3) == 0 {
		pats = []string{gs.pick(optionPatterns), gs.pick(optionPatterns)}
	}
	return []Step{{Op: OpCall, Client: client, Request: getOption, Params: []Arg{Lit(pats)}}}
}

// voiceLife rings a call and walks it: answer, hold, resume, hang up, user
// data on the released call, mark done (blocked or not), read it back.
func (gs *genState) voiceLife(client int) []Step {
	id := gs.nextInboundCallID()
	call := func(req string, params ...Arg) Step {
		return Step{Op: OpCall, Client: client, Request: req, Params: params}
	}
	out := []Step{gs.stimulus(control.StimInboundCall), call(voiceAnswer, id)}
	if gs.rng.IntN(2) == 0 {
		out = append(out, call(deleteUserData, id, Lit(gs.pick(userDataKeys))), call(getByInteractionID, id))
	}
	if gs.rng.IntN(2) == 0 {
		out = append(out, call(voiceHold, id), call(voiceResume, id), call(voiceHold, id))
	}
	out = append(out, call(voiceHangUp, id))
	if gs.rng.IntN(2) == 0 {
		out = append(out, call(setUserData, id, Lit(gs.userData())), call(deleteUserData, id, Lit(gs.pick(userDataKeys))))
	}
	out = append(out, call(getByInteractionID, id))
	if gs.rng.IntN(3) == 0 {
		out = append(out, call(blockMarkdone, id, Lit("fz")))
	}
	return append(out, call(markdone, id), call(getByInteractionID, id))
}

// previewPath walks one path of the outbound preview events table for a
// mode: the record arrives, the agent accepts it (push modes), then calls it
// (and releases and marks the call done, with record operations on the
// call), rejects or cancels it, or rejects the invitation.
func (gs *genState) previewPath() []Step {
	mode := gs.pick([]string{"pull", "push", "direct-push"})
	st := gs.stimulus(control.StimPreviewRecord)
	st.Args["mode"] = Lit(mode)
	preview, handle := RefArg("interactionId", 0), RefArg(recordHandleKey, 0)
	call := RefArg("interactionId", previewCallRefSlot)
	// Reading the record back on the watching connection waits for its
	// events there, and its user data gives the record handle.
	out := []Step{st, {Op: OpCall, Request: getByInteractionID, Params: []Arg{preview}}}
	if mode != "pull" {
		if gs.rng.IntN(4) == 0 {
			return append(out, Step{Op: OpCall, Request: interactionReject, Params: []Arg{preview}}, Step{Op: OpCall, Request: getByInteractionID, Params: []Arg{preview}})
		}
		out = append(out, Step{Op: OpCall, Request: interactionAccept, Params: []Arg{preview}})
	}
	switch gs.rng.IntN(4) {
	case 0:
		return append(out, Step{Op: OpCall, Request: rejectPreview, Params: []Arg{preview}}, Step{Op: OpCall, Request: getByInteractionID, Params: []Arg{preview}})
	case 1:
		return append(out, Step{Op: OpCall, Request: cancelPreview, Params: []Arg{preview}}, Step{Op: OpCall, Request: getByInteractionID, Params: []Arg{preview}})
	}
	if gs.rng.IntN(2) == 0 {
		field := gs.pick([]string{"GWS_FROM", "GSW_CUSTOM_STRING", "GSW_PHONE_TYPE", "GSW_CALLING_LIST", "GSW_ATTEMPTS", "GSW_CAMPAIGN_NAME"})
		out = append(out, Step{Op: OpCall, Request: getRecordFields, Params: []Arg{preview}},
			Step{Op: OpCall, Request: updateRecordFields, Params: []Arg{preview, Lit(map[string]any{field: "fz"})}})
	}
	// The call's events reach the watching connection before the answer to
	// the next call there: the call's interactionId is known after it.
	out = append(out, Step{Op: OpCall, Request: callPreviewRecord, Params: []Arg{preview, handle}},
		Step{Op: OpCall, Request: getByInteractionID, Params: []Arg{preview}})
	switch gs.rng.IntN(3) {
	case 0:
		out = append(out, Step{Op: OpCall, Request: setDoNotCall, Params: []Arg{call}},
			Step{Op: OpCall, Request: setCallResult, Params: []Arg{call, Lit(6)}})
	case 1:
		date := gs.pick([]string{"01/13/2030 10:00", "13/01/2030 10:00", "12/31/2030 23:59", "31/12/2030 23:59"})
		out = append(out, Step{Op: OpCall, Request: rescheduleRecord, Params: []Arg{call, handle, Lit(date), Lit(gs.pick([]string{"CAMPAIGN", "PERSONAL"}))}})
	}
	// The last call is a barrier: its answer on the watching connection
	// comes after the events of the mark done.
	return append(out, Step{Op: OpCall, Request: voiceHangUp, Params: []Arg{call}}, Step{Op: OpCall, Request: markdone, Params: []Arg{call}},
		Step{Op: OpCall, Request: getByInteractionID, Params: []Arg{call}})
}
