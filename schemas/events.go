package schemas

import (
	"fmt"

	"scapi-conformance/contract"
)

// eventEntry maps one documented event message to the $defs entry of
// events.json its data must satisfy.
type eventEntry struct {
	event, eventType, data string
	// anyType is set for an event whose data no document describes
	// (markdone, INT-EVENT-6; a messenger broadcast, any object the
	// broadcaster sent): it matches whatever eventType its data carries.
	anyType bool
}

// name is the contract's schema name of the event (contract.EventSchemaName).
func (e eventEntry) name() string { return contract.EventSchemaName(e.event, e.eventType) }

// schema composes the event envelope, the event name and the data.
func (e eventEntry) schema() string {
	event := fmt.Sprintf(`{"const": %q}`, e.event)
	if e.event == "messenger" {
		event = `{"type": "string", "pattern": "^messenger:.+$"}`
	}
	data := fmt.Sprintf(`{"$ref": "events.json#/$defs/%s"}`, e.data)
	if e.eventType != "" {
		data = fmt.Sprintf(`{"$ref": "events.json#/$defs/%s", "properties": {"eventType": {"const": %q}}}`, e.data, e.eventType)
	}
	return fmt.Sprintf(`{"$ref": "envelope.json#/$defs/Event", "properties": {"event": %s, "data": %s}}`, event, data)
}

// interactionEvents are the interaction eventTypes whose data carries the
// interaction: common, voice, open media, chat, outbound email and outbound
// preview events of both documents.
var interactionEvents = []string{
	"UNKNOWN", "ADDED", "REMOVED", "ATTACHED_DATA_CHANGED", "CASE_OR_BUNDLE_ID_CHANGED", "NEW_MESSAGE", "ERROR",
	"CONTACT_CHANGED",
	"CALL_RECORDING_STATE_CHANGED", "DIALING", "ESTABLISHED", "HELD", "PARTY_CHANGED", "RELEASED", "RINGING",
	"ACCEPTED", "COMPLETED", "COMPOSING", "CREATED", "INSERT_STANDARD_RESPONSE", "INVITED", "INVITED_CONFERENCE",
	"IN_QUEUE_FAILED", "IN_WORKBIN", "IN_WORKBIN_FAILED", "LEFT_CONFERENCE", "PULLED", "PULL_FAILED",
	"PULL_WORKBIN_FAILED", "REVOKED", "TRANSFER_COMPLETED",
	"CANCELED", "ENDED", "JOIN_FAILED", "JOIN_PENDING", "CANCELLED", "SENT",
	"PREVIEWING", "MARKDONE_APPLIED", "STATE_CHANGED",
}

// eventTable lists every event message with a schema.
var eventTable = buildEventTable()

func buildEventTable() []eventEntry {
	t := []eventEntry{{event: "agent", eventType: "STATE_CHANGED", data: "agentStateChanged"}}
	for _, et := range interactionEvents {
		t = append(t, eventEntry{event: "interaction", eventType: et, data: "interactionEvent"})
	}
	return append(t,
		eventEntry{event: "interaction", eventType: "CASE_ID_CHANGED", data: "caseIdChanged"},
		eventEntry{event: "interaction", eventType: "RECORDS_RETRIEVED", data: "recordsRetrieved"},
		eventEntry{event: "interaction", eventType: "CASE_COLLAPSED", data: "caseSelection"},
		eventEntry{event: "interaction", eventType: "CASE_EXPANDED", data: "caseSelection"},
		eventEntry{event: "interaction", eventType: "CASE_SELECTED", data: "caseSelection"},
		eventEntry{event: "system", eventType: "CUSTOM_TOAST_BUTTON_CLICK", data: "toastButtonClick"},
		eventEntry{event: "system", eventType: "REALTIME_CONNECTION", data: "realtimeConnection"},
		eventEntry{event: "system", data: "frameState"},
		eventEntry{event: "outbound", eventType: "CampaignLoaded", data: "campaign"},
		eventEntry{event: "outbound", eventType: "CampaignUnloaded", data: "campaign"},
		eventEntry{event: "outbound", eventType: "CampaignStarted", data: "campaignStarted"},
		eventEntry{event: "outbound", eventType: "CampaignStopped", data: "campaign"},
		eventEntry{event: "markdone", data: "markdone", anyType: true},
		eventEntry{event: "messenger", data: "messenger", anyType: true},
	)
}
