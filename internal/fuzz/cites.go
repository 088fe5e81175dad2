package fuzz

import (
	"slices"

	"scapi-conformance/contract"
)

// CheckRequirements names, per check, the requirement ids its findings can
// cite, sorted; the trace for auditors (list requirements --trace) reads it.
// Ids a check computes come from the same helpers the check calls
// (methodRequirement, refusal's and rateRequirement's cases). A test holds
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
	cites := map[string][]string{
		"reply-due":           append([]string{reqReplyRef, reqReplyShape, reqUnknown}, refusals...),
		"reply-envelope":      {reqReplyUserAgent, reqReplyVersion, reqReplyShape},
		"event-envelope":      {reqEvent},
		"message-json":        {reqReplyShape},
		"subscribe-ack":       {reqSubscribeAck, reqOriginFilter},
		"setstate-listed":     {reqSetState},
		"mute-kept":           toggled,
		"allowed-getter":      getters,
		"origin-denied":       refusals,
		"allowed-services":    {reqAllowedSvc},
		"unknown-fails":       {reqUnknown},
		"rate-limit":          rates,
		"schema":              append([]string{reqSubscribeAck, reqReplyShape, reqEvent}, results...),
		"interaction-exists":  {reqInteractionGet},
		"held-resumes":        {reqResume},
		"unsubscribe-stops":   {reqUnsubscribe},
		"interaction-null":    {reqInteractionNil},
		"event-subscribed":    {reqSubscribed},
		"jwt-reused":          {"auth.getJwtToken.2"},
		"toast-closed":        {"system.closeToast.1"},
		"broadcast-others":    {"messenger.broadcastMessage.5"},
		"userdata-read":       {reqUserDataRead, reqUserDataEvents},
		"userdata-write":      append([]string{reqUserDataWrite}, refusals...),
		"state-changed":       {"agent.setState.3"},
		"idle-userdata":       {"interaction.setUserData.3"},
		"rona":                {"events.interaction.RELEASED.2"},
		"recording-event":     {"events.interaction.CALL_RECORDING_STATE_CHANGED.1"},
		"attached-data-event": {"events.interaction.ATTACHED_DATA_CHANGED.1"},
	}
	for name, ids := range cites {
		slices.Sort(ids)
		cites[name] = slices.Compact(ids)
	}
	return cites
}
