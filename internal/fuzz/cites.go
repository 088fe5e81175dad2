package fuzz

import (
	"slices"

	"scapi-conformance/contract"
	"scapi-conformance/contract/requirements"
)

// CheckRequirements names, per check, the requirement ids its findings can
// cite, sorted; the trace for auditors (list requirements --trace) reads it.
// Ids a check computes come from the same helpers the check calls
// (methodRequirement, refusal's and rateRequirement's cases, the preview
// table's rows). A test holds
// it to the sources: every id a finding(...) call names literally is listed
// under its check, and every check is listed.
func CheckRequirements() map[string][]string {
	refusals := []string{reqOriginListed, reqAllowedSvcFail, reqOriginJwt, reqOriginFilter}
	rates := []string{reqRateMessage, reqRateWindow, reqRateCount, reqQuarantine, reqForever, reqQuarantineLen}
	var results, getters, toggled []string
	for _, m := range contract.Catalog() {
		if m.Result != "" {
			results = append(results, methodRequirement(m.Request()))
		}
		if getter(&m) {
			getters = append(getters, methodRequirement(m.Request()))
		}
	}
	for _, t := range toggles {
		for _, wire := range t[:2] {
			toggled = append(toggled, mustLookupWire(wire).Request()+".1")
		}
	}
	var previews []string
	for _, row := range requirements.PreviewTable() {
		previews = append(previews, row.ID)
	}
	var frames []string
	for wire := range frameAnswers {
		frames = append(frames, mustLookupWire(wire).Request()+".1")
	}
	cites := map[string][]string{
		"reply-due":           append([]string{reqReplyRef, reqReplyShape, reqUnknown}, refusals...),
		"reply-envelope":      {reqReplyUserAgent, reqReplyVersion, reqReplyShape},
		"event-envelope":      {reqEvent},
		"message-json":        {reqReplyShape},
		"subscribe-ack":       {reqSubscribeAck, reqOriginFilter, reqReplyShape},
		"setstate-listed":     {reqSetState},
		"mute-kept":           toggled,
		"allowed-getter":      {reqOriginListed},
		"method-fails":        getters,
		"origin-denied":       refusals,
		"allowed-services":    {reqAllowedSvc},
		"unknown-fails":       {reqUnknown},
		"rate-limit":          rates,
		"rate-limit-message":  {reqRateMessage},
		"schema":              append([]string{reqSubscribeAck, reqReplyShape, reqEvent}, results...),
		"interaction-exists":  {reqInteractionGet},
		"held-resumes":        {reqResume},
		"unsubscribe-stops":   {reqUnsubscribe},
		"interaction-null":    {reqInteractionNil},
		"event-subscribed":    {reqSubscribed},
		"jwt-reused":          {"auth.getJwtToken.2"},
		"toast-closed":        {"system.closeToast.1"},
		"broadcast-others":    {"messenger.broadcastMessage.1", "messenger.broadcastMessage.5"},
		"userdata-read":       {reqUserDataRead, reqUserDataEvents},
		"userdata-write":      append([]string{reqUserDataWrite}, refusals...),
		"state-changed":       {"agent.setState.3"},
		"idle-userdata":       {"interaction.setUserData.3"},
		"rona":                {"events.interaction.RELEASED.2"},
		"recording-event":     {"events.interaction.CALL_RECORDING_STATE_CHANGED.1"},
		"attached-data-event": {"events.interaction.ATTACHED_DATA_CHANGED.1"},
		"toast":               {"system.popupToast.1", "system.updateToast.1", "events.system.CUSTOM_TOAST_BUTTON_CLICK.1"},
		"frame-state":         frames,
		"menu-view":           {"system.updateViewInApplicationMenuBar.2"},
		"option-wildcard":     {"configuration.getOption.5", "configuration.getOption.6"},
		"state-settable":      {"agent.setState.4", "media.setState.1"},
		"outbound-record":     {"outbound.setCallResult.2", "outbound.rescheduleRecord.2", "outbound.updateRecordFields.3"},
		"held-event":          {"events.interaction.HELD.1"},
		"previous-state":      {"interaction.type.Interaction.2"},
		"markdone-removed":    {"interaction.blockMarkdone.1", "events.interaction.REMOVED.1"},
		"new-interaction":     {"events.interaction.DIALING.1", "voice.dialEx.1", "interaction.consult.1"},
		"case-selected":       {"events.interaction.CASE_SELECTED.1"},
		"delete-userdata":     {"security.userData.2"},
		"preview-table":       previews,
	}
	for name, ids := range cites {
		slices.Sort(ids)
		cites[name] = slices.Compact(ids)
	}
	return cites
}
