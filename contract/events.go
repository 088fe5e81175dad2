package contract

import "strings"

// EventType is one documented event message: the envelope's event name and
// the eventType inside its data.
type EventType struct {
	// Event is the envelope's event key: agent, interaction, media, outbound,
	// system, markdone, or messenger (sent as "messenger:<channel>").
	Event string `json:"event"`
	// EventType is data.eventType ("" for the system frameState message and for
	// events whose data carries no eventType).
	EventType string `json:"eventType"`
	// Schema names the schema of the whole event message in package schemas.
	Schema  string `json:"schema"`
	Section string `json:"section"`
	// Documents lists the documents that describe it.
	Documents []Document `json:"documents"`
}

// MessengerEventPrefix starts the event name of a messenger broadcast; the
// channel name follows it.
const MessengerEventPrefix = "messenger:"

// Documentation sections of the events.
const (
	sectionNotifications = "Service Client API > Working with the API > Notifications"
	sectionEventTypes    = "Service Client API > Event Type references"
	sectionPreview       = "Service Client API > Event Type references > Outbound events > Outbound preview events"
	sectionCampaign      = "Service Client API > Event Type references > Outbound events > Outbound campaign events"
	sectionChain         = "Service Client API > Event Type references > Outbound events > Chain of records events"
	sectionTabs          = "Service Client API > Common actions > Supporting multiple browser tabs"
	sectionCase          = "Interaction namespace > selectCaseByCaseId"
)

// eventGroup is a run of eventTypes of one event documented together.
type eventGroup struct {
	event, section string
	docs           []Document
	types          []string
}

func eventGroups() []eventGroup {
	ref := []Document{DocReference}
	return []eventGroup{
		{"agent", sectionNotifications, both(), []string{"STATE_CHANGED"}},
		// Common events to all interaction types.
		{"interaction", sectionEventTypes, both(), []string{"UNKNOWN", "ADDED", "REMOVED",
			"ATTACHED_DATA_CHANGED", "CASE_OR_BUNDLE_ID_CHANGED", "NEW_MESSAGE", "ERROR"}},
		{"interaction", sectionEventTypes, ref, []string{"CASE_ID_CHANGED", "CONTACT_CHANGED"}},
		// Voice events.
		{"interaction", sectionEventTypes, both(), []string{"CALL_RECORDING_STATE_CHANGED", "DIALING",
			"ESTABLISHED", "HELD", "PARTY_CHANGED", "RELEASED", "RINGING"}},
		// OpenMedia events.
		{"interaction", sectionEventTypes, both(), []string{"ACCEPTED", "COMPLETED", "COMPOSING", "CREATED",
			"INSERT_STANDARD_RESPONSE", "INVITED", "INVITED_CONFERENCE", "IN_QUEUE_FAILED", "IN_WORKBIN",
			"IN_WORKBIN_FAILED", "LEFT_CONFERENCE", "PULLED", "PULL_FAILED", "PULL_WORKBIN_FAILED", "REVOKED",
			"TRANSFER_COMPLETED"}},
		// Chat events (CANCELED is 001 only) and outbound email events.
		{"interaction", sectionEventTypes, both(), []string{"ENDED", "JOIN_FAILED", "JOIN_PENDING"}},
		{"interaction", sectionEventTypes, ref, []string{"CANCELED"}},
		{"interaction", sectionEventTypes, both(), []string{"CANCELLED", "SENT"}},
		// Outbound preview events not listed above (the table's cut names are
		// read as MARKDONE_APPLIED and STATE_CHANGED: INT-SCHEMA-9).
		{"interaction", sectionPreview, ref, []string{"PREVIEWING", "MARKDONE_APPLIED", "STATE_CHANGED"}},
		{"interaction", sectionChain, ref, []string{"RECORDS_RETRIEVED"}},
		{"interaction", sectionCase, both(), []string{"CASE_COLLAPSED", "CASE_EXPANDED", "CASE_SELECTED"}},
		{"system", sectionEventTypes, both(), []string{"CUSTOM_TOAST_BUTTON_CLICK"}},
		{"system", sectionEventTypes, ref, []string{"REALTIME_CONNECTION"}},
		{"system", sectionTabs, ref, []string{""}},
		{"outbound", sectionCampaign, ref, []string{"CampaignLoaded", "CampaignUnloaded", "CampaignStarted", "CampaignStopped"}},
		{"markdone", "Interaction namespace > blockMarkdone", both(), []string{""}},
		{"messenger", "Messenger namespace > broadcastMessage", ref, []string{""}},
	}
}

// Events returns every documented event message of both documents, in
// documentation order. The media event name exists in the client library but
// neither document describes a media event, so none is listed.
func Events() []EventType {
	var out []EventType
	for _, g := range eventGroups() {
		for _, t := range g.types {
			out = append(out, EventType{Event: g.event, EventType: t, Schema: EventSchemaName(g.event, t),
				Section: "001 " + g.section, Documents: append([]Document(nil), g.docs...)})
		}
	}
	return out
}

// EventSchemaName is the schema name of an event message:
// "event.<event>.<eventType>", "event.system.frameState" for the frameState
// message, "event.<event>" for events without eventType (markdone, and
// messenger whatever the channel).
func EventSchemaName(event, eventType string) string {
	if strings.HasPrefix(event, MessengerEventPrefix) {
		event = "messenger"
	}
	switch {
	case event == "system" && eventType == "":
		return "event.system.frameState"
	case eventType == "":
		return "event." + event
	}
	return "event." + event + "." + eventType
}

// LookupEvent finds a documented event by event name (a messenger:<channel>
// name matches the messenger entry) and eventType.
func LookupEvent(event, eventType string) (EventType, bool) {
	if strings.HasPrefix(event, MessengerEventPrefix) {
		event = "messenger"
	}
	for _, e := range Events() {
		if e.Event == event && e.EventType == eventType {
			return e, true
		}
	}
	return EventType{}, false
}
