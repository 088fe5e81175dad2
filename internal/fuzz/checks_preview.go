package fuzz

import (
	"slices"
	"sync"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/requirements"
)

func init() { registerCheck("preview-table", checkPreviewTable) }

// previewModes maps the preview-record stimulus's modes to the table's.
var previewModes = map[string]string{"pull": "pull", "push": "push", "direct-push": "directPush"}

// previewAction is one UI event of the outbound preview events table the
// session caused: its rows must follow it.
type previewAction struct {
	ui   string
	seq  int // after this message
	next int // the answer to the next action (to this one for the last)
	// end bounds the events that follow it: the first answer on the
	// watching connection to a call sent after next (the target handled
	// the action before, so its events came before); 0 when there is none,
	// and then a missing row is not judged.
	end  int
	step int // the step that caused it
	rows []requirements.PreviewRow
}

// checkPreviewTable: the 001 "Outbound preview events" table, mode by mode:
// after each agent action on a preview record (or its arrival), the rows of
// that UI event follow as interaction events, in the table's order, each
// with the row's State and callType and at least its capabilities
// (INT-EVENT-10, INT-EVENT-11). It judges the session's first preview
// record, whose interaction is the session's first and the call made from
// it the second.
func checkPreviewTable(r *record) []Finding {
	var rec *stimulus
	for i := range r.stimuli {
		if r.stimuli[i].name == control.StimPreviewRecord {
			rec = &r.stimuli[i]
			break
		}
	}
	if rec == nil || !watchedBy(r, 0, "interaction", rec.seq) {
		return nil
	}
	mode := previewModes[stringArg(rec.args["mode"])]
	preview, _ := rec.result["interactionId"].(string)
	if mode == "" || preview == "" {
		return nil
	}
	received := "Record received"
	if mode == "pull" {
		received = "Preview record received"
	}
	acts := []previewAction{{ui: received, seq: rec.seq, next: rec.seq, step: rec.step}}
	callID := ""
	for _, c := range r.calls {
		if !c.runs() || !c.succeeded() || len(c.params) == 0 {
			continue
		}
		id, _ := c.params[0].(string)
		ui := ""
		switch {
		case id == preview && c.request == interactionAccept:
			ui = "Accepted"
		case id == preview && c.request == interactionReject:
			ui = "Rejected"
		case id == preview && c.request == callPreviewRecord:
			ui = "Make call"
			if mode == "pull" {
				ui = "Make call from preview"
			}
			callID = madeCall(r, c.sent.seq)
		case id == preview && c.request == rejectPreview:
			ui = "Reject record"
		case id == preview && c.request == cancelPreview:
			ui = "Cancel record"
		case id != "" && id == callID && c.request == voiceHangUp:
			ui = "Release"
		case id != "" && id == callID && c.request == markdone:
			ui = "Mark done"
		}
		if ui == "" {
			continue
		}
		acts[len(acts)-1].next = c.reply.seq
		acts = append(acts, previewAction{ui: ui, seq: c.sent.seq, next: c.reply.seq, step: c.step})
	}
	for i := range acts {
		acts[i].rows = previewRows(mode, acts[i].ui)
		acts[i].end = barrierAfter(r, 0, acts[i].next)
	}
	events := lifeEvents(r)
	for _, a := range acts {
		next := 0
		for _, ev := range events {
			if next == len(a.rows) {
				break
			}
			if ev.e.seq <= a.seq || (a.end != 0 && ev.e.seq > a.end) || ev.e.client != 0 {
				continue
			}
			about := preview
			if a.rows[next].CallType == "OUTBOUND" {
				about = callID
			}
			if ev.d.EventType != a.rows[next].EventType || ev.d.Interaction.InteractionID != about {
				continue
			}
			row, it := a.rows[next], ev.d.Interaction
			next++
			switch {
			case it.State != row.State:
				return []Finding{finding(row.ID, "preview-table", ev.e.step, ev.e.client, ev.e,
					"%s (%s, %s): state %s, the table says %s", row.EventType, mode, row.UIEvent, it.State, row.State).keyed(row.ID, "state")}
			case it.CallType != row.CallType:
				return []Finding{finding(row.ID, "preview-table", ev.e.step, ev.e.client, ev.e,
					"%s (%s, %s): callType %s, the table says %s", row.EventType, mode, row.UIEvent, it.CallType, row.CallType).keyed(row.ID, "callType")}
			}
			for _, want := range row.Capabilities {
				if !slices.Contains(it.Capabilities, want) {
					return []Finding{finding(row.ID, "preview-table", ev.e.step, ev.e.client, ev.e,
						"%s (%s, %s): capabilities %v lack %s", row.EventType, mode, row.UIEvent, it.Capabilities, want).keyed(row.ID, "capabilities")}
				}
			}
		}
		if next < len(a.rows) && a.end != 0 {
			row := a.rows[next]
			return []Finding{finding(row.ID, "preview-table", a.step, 0, nil,
				"%s mode, %s: no %s event follows (the table's row %d of the UI event)", mode, row.UIEvent, row.EventType, next+1).keyed(row.ID, "missing")}
		}
	}
	return nil
}

// barrierAfter is the seq of the first answer on the client's connection to
// a call sent after seq (0 when none).
func barrierAfter(r *record, client, seq int) int {
	for _, c := range r.calls {
		if c.client == client && c.sent != nil && c.sent.seq > seq && c.reply != nil {
			return c.reply.seq
		}
	}
	return 0
}

// madeCall is the outbound call a callPreviewRecord sent at seq made: the
// first interaction of callType OUTBOUND that no event before seq named.
func madeCall(r *record, seq int) string {
	known := map[string]bool{}
	for _, ev := range lifeEvents(r) {
		id := ev.d.Interaction.InteractionID
		if ev.e.seq < seq {
			known[id] = true
		} else if !known[id] && ev.d.Interaction.CallType == "OUTBOUND" {
			return id
		}
	}
	return ""
}

// watchedBy reports whether a subscription of the client to the event name
// was active at seq and stayed active to the end of the session.
func watchedBy(r *record, client int, event string, seq int) bool {
	for _, s := range r.subs {
		if s.client == client && s.ack.seq <= seq && s.endSeq == 0 && covers(s, event) {
			return true
		}
	}
	return false
}

// previewTable is requirements.PreviewTable, built once (the checks only
// read it).
var previewTable = sync.OnceValue(requirements.PreviewTable)

// previewRows returns the table's rows of a mode for a UI event; the
// release of the call and its mark done split "Release and mark done" (the
// first row follows the release).
func previewRows(mode, ui string) []requirements.PreviewRow {
	name := ui
	if ui == "Release" || ui == "Mark done" {
		name = "Release and mark done"
	}
	var out []requirements.PreviewRow
	for _, r := range previewTable() {
		if r.Mode == mode && r.UIEvent == name {
			out = append(out, r)
		}
	}
	switch {
	case ui == "Release" && len(out) > 0:
		return out[:1]
	case ui == "Mark done" && len(out) > 0:
		return out[1:]
	}
	return out
}

// stringArg is a stimulus argument as a string ("" when it is none).
func stringArg(v any) string {
	s, _ := v.(string)
	return s
}
