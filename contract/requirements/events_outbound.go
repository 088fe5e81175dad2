package requirements

import (
	"fmt"
	"strings"
)

// previewRows is the 001 "Outbound preview events" table, row by row, as
// "UI Event | Event Type | State | Call Type | Capabilities". The PDF dump
// interleaves the Call Type and Capabilities columns; each row is repaired as
// noted in INT-EVENT-10.
var previewRows = map[string][]string{
	"pull": {
		"Preview record received | ADDED | PREVIEWING | OUTBOUND_PREVIEW | CALL, REJECT_RECORD, CANCEL_RECORD",
		"Preview record received | PREVIEWING | PREVIEWING | OUTBOUND_PREVIEW | CALL, REJECT_RECORD, CANCEL_RECORD",
		"Make call from preview | ADDED | DIALING | OUTBOUND | HANGUP",
		"Make call from preview | DIALING | DIALING | OUTBOUND | HANGUP",
		"Make call from preview | REMOVED | IDLE | OUTBOUND_PREVIEW |",
		"Release and mark done | RELEASED | IDLE | OUTBOUND | MARK_DONE",
		"Release and mark done | MARKDONE_APPLIED | IDLE | OUTBOUND | MARK_DONE",
		"Release and mark done | REMOVED | IDLE | OUTBOUND | -",
		"Reject record | STATE_CHANGED | REJECTED | OUTBOUND_PREVIEW | MARK_DONE",
		"Cancel record | STATE_CHANGED | CANCELED | OUTBOUND_PREVIEW | MARK_DONE",
	},
	"push": {
		"Record received | ADDED | INVITED | OUTBOUND_PUSH_PREVIEW | ACCEPT, REJECT",
		"Record received | INVITED | INVITED | OUTBOUND_PUSH_PREVIEW | ACCEPT, REJECT",
		"Accepted | PREVIEWING | PREVIEWING | OUTBOUND_PUSH_PREVIEW | CALL, REJECT_RECORD, CANCEL_RECORD",
		"Rejected | REMOVED | REJECTED | OUTBOUND_PUSH_PREVIEW |",
		"Make call | ADDED | DIALING | OUTBOUND | HANGUP",
		"Make call | DIALING | DIALING | OUTBOUND | HANGUP",
		"Make call | ESTABLISHED | TALKING | OUTBOUND | HANGUP, HOLD",
		"Release and mark done | RELEASED | IDLE | OUTBOUND | MARK_DONE",
		"Release and mark done | MARKDONE_APPLIED | IDLE | OUTBOUND | MARK_DONE",
		"Release and mark done | REMOVED | IDLE | OUTBOUND_PUSH_PREVIEW | MARK_DONE",
		"Release and mark done | REMOVED | IDLE | OUTBOUND | -",
		"Reject record | STATE_CHANGED | REJECTED | OUTBOUND_PUSH_PREVIEW | MARK_DONE",
		"Cancel record | STATE_CHANGED | CANCELED | OUTBOUND_PUSH_PREVIEW | MARK_DONE",
	},
	"directPush": {
		"Record received | ADDED | INVITED | OUTBOUND_PREVIEW | ACCEPT, REJECT",
		"Record received | INVITED | INVITED | OUTBOUND_PREVIEW | ACCEPT, REJECT",
		"Accepted | PREVIEWING | PREVIEWING | OUTBOUND_PREVIEW | CALL, REJECT_RECORD, CANCEL_RECORD",
		"Rejected | REMOVED | REJECTED | OUTBOUND_PREVIEW |",
		"Make call | ADDED | DIALING | OUTBOUND | HANGUP",
		"Make call | DIALING | DIALING | OUTBOUND | HANGUP",
		"Make call | ESTABLISHED | TALKING | OUTBOUND | HANGUP",
		"Make call | REMOVED | IDLE | OUTBOUND_PREVIEW |",
		"Release and mark done | RELEASED | IDLE | OUTBOUND | MARK_DONE",
		"Release and mark done | MARKDONE_APPLIED | IDLE | OUTBOUND | MARK_DONE",
		"Release and mark done | REMOVED | IDLE | OUTBOUND | -",
		"Reject record | STATE_CHANGED | REJECTED | OUTBOUND_PREVIEW | MARK_DONE",
		"Cancel record | STATE_CHANGED | CANCELED | OUTBOUND_PREVIEW | MARK_DONE",
	},
}

// previewModeTitles names each mode as the table does.
var previewModeTitles = map[string]string{"pull": "Pull Preview", "push": "Regular Push Preview", "directPush": "Direct Push Preview"}

// PreviewRow is one row of the 001 outbound preview events table.
type PreviewRow struct {
	ID        string // requirement id, for example "outbound.preview.pull.3"
	Mode      string // "pull", "push" or "directPush"
	UIEvent   string // the agent action or outside event, for example "Make call"
	EventType string
	State     string
	CallType  string
	// Capabilities is empty where the table shows "-" or nothing.
	Capabilities []string
}

// PreviewTable returns every row of the table, mode by mode in document order.
func PreviewTable() []PreviewRow {
	var out []PreviewRow
	for _, mode := range PreviewModes {
		for i, row := range previewRows[mode] {
			cells := strings.Split(row, "|")
			for j := range cells {
				cells[j] = strings.TrimSpace(cells[j])
			}
			var caps []string
			if cells[4] != "" && cells[4] != "-" {
				for _, c := range strings.Split(cells[4], ",") {
					caps = append(caps, strings.TrimSpace(c))
				}
			}
			out = append(out, PreviewRow{ID: PreviewRowID(mode, i+1), Mode: mode, UIEvent: cells[0],
				EventType: cells[1], State: cells[2], CallType: cells[3], Capabilities: caps})
		}
	}
	return out
}

// PreviewModes lists the table's modes in document order.
var PreviewModes = []string{"pull", "push", "directPush"}

// PreviewRowID is the requirement id of row n (1-based) of a mode ("pull",
// "push", "directPush") of the 001 outbound preview events table.
func PreviewRowID(mode string, n int) string { return fmt.Sprintf("outbound.preview.%s.%d", mode, n) }

func init() {
	const s = "Service Client API > Event Type references > Outbound events > Outbound preview events"
	for _, mode := range PreviewModes {
		for i, row := range previewRows[mode] {
			Register(repaired(inReference(PreviewRowID(mode, i+1), s,
				previewModeTitles[mode]+" | "+row, "INT-EVENT-10", "INT-EVENT-11"),
				"cells cut or interleaved by the PDF dump (\"MARKDONE_APPI\", \"STATE_CHANGE\", \"OUTBOUND_PRE\\ /IEW\") restored"))
		}
	}
	const c = "Service Client API > Event Type references > Outbound events > Outbound campaign events"
	Register(
		inReference("outbound.campaign.1", c,
			"CampaignLoaded — When an outbound campaign is loaded. { \"event\": \"outbound\", \"data\": { \"eventType\": \"CampaignLoaded\", \"campaign\": \"Offer of the Month\" }, \"userAgent\": \"WWE Server\", \"protocolVersion\": 2 }"),
		inReference("outbound.campaign.2", c,
			"CampaignUnloaded — When an outbound campaign is unloaded. { \"event\": \"outbound\", \"data\": { \"eventType\": \"CampaignUnloaded\", \"campaign\": \"Offer of the Month\" }, ... }"),
		inReference("outbound.campaign.3", c,
			"CampaignStarted — When an outbound campaign starts. This event also has a \"mode\" property that describes the mode in which the campaign started."),
		inReference("outbound.campaign.4", c,
			"CampaignStopped — When an outbound campaign stops. { \"event\": \"outbound\", \"data\": { \"eventType\": \"CampaignStopped\", \"campaign\": \"Offer of the Month\" }, ... }"),
		inReference("outbound.records.1", "Service Client API > Event Type references > Chain of records events",
			"The RECORDS_RETRIEVED event is triggered on an outbound interaction when all of the records in the interaction's chain of records have been retrieved.", "INT-EVENT-12"),
	)
}
