package conformance

import (
	"fmt"
	"slices"
	"strconv"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/requirements"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
)

// The 001 "Outbound preview events" table, mode by mode and row by row
// (contract/requirements.PreviewTable, restored as INT-EVENT-10 says). Each
// spec walks one path through a mode; each UI event of the path is an action
// of the agent (or the record's arrival), and the table's rows for it are the
// interaction events that must follow, in order, each with the row's State,
// callType and capabilities (INT-EVENT-11).

// nsStimulusMode names a table mode as the preview-record stimulus does.
var nsStimulusMode = map[string]string{"pull": "pull", "push": "push", "directPush": "direct-push"}

// nsPreviewRows returns the rows of a mode for a UI event.
func nsPreviewRows(mode, uiEvent string) []requirements.PreviewRow {
	var out []requirements.PreviewRow
	for _, r := range requirements.PreviewTable() {
		if r.Mode == mode && r.UIEvent == uiEvent {
			out = append(out, r)
		}
	}
	return out
}

// nsPreviewActions are the requirements of the agent actions of UI events.
var nsPreviewActions = map[string]string{
	"Make call": "outbound.callPreviewRecord.1", "Make call from preview": "outbound.callPreviewRecord.1",
	"Reject record": "outbound.rejectPreviewRecord.1", "Cancel record": "outbound.cancelPreviewRecord.1",
	"Accepted": "interaction.accept.1", "Rejected": "interaction.reject.1", "Release and mark done": "interaction.markdone.1",
}

// nsPreviewRowIDs lists the requirement ids of the rows a path crosses and of
// the actions that cross them.
func nsPreviewRowIDs(mode string, uiEvents ...string) framework.Reqs {
	var ids framework.Reqs
	for _, ui := range uiEvents {
		if req, ok := nsPreviewActions[ui]; ok {
			ids = append(ids, req)
		}
		for _, r := range nsPreviewRows(mode, ui) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// nsExpectRows expects the events of the rows, in the table's order, checks
// each row's cells and returns the interactions the events carried.
func nsExpectRows(s *framework.Session, c driver.Client, rows []requirements.PreviewRow) []map[string]any {
	GinkgoHelper()
	Expect(rows).NotTo(BeEmpty(), "no table rows")
	types, ids := make([]string, len(rows)), make([]string, len(rows))
	for i, r := range rows {
		types[i], ids[i] = r.EventType, r.ID
	}
	msgs := s.ExpectEventsInOrderFor(c, "interaction", types, ids)
	out := make([]map[string]any, len(rows))
	for i, r := range rows {
		s.ForKit(r.ID, func() {
			it := framework.InteractionOf(s.EventData(msgs[i], "interaction", r.EventType))
			where := fmt.Sprintf("%s (%s | %s)", r.ID, r.UIEvent, r.EventType)
			Expect(it["state"]).To(Equal(r.State), "%s: State", where)
			Expect(it["callType"]).To(Equal(r.CallType), "%s: Call Type", where)
			var caps []string
			list, _ := it["capabilities"].([]any)
			for _, v := range list {
				if sv, ok := v.(string); ok {
					caps = append(caps, sv)
				}
			}
			for _, want := range r.Capabilities {
				Expect(caps).To(ContainElement(want), "%s: Capabilities", where)
			}
			s.Holds("INT-EVENT-11", len(caps) == len(r.Capabilities))
			out[i] = it
		})
	}
	return out
}

// nsRecordHandle reads the record handle of a preview interaction from its
// GSW_RECORD_HANDLE user data (as in the 001 chain of records sample).
func nsRecordHandle(it map[string]any) float64 {
	GinkgoHelper()
	ud, _ := it["userData"].(map[string]any)
	switch h := ud["GSW_RECORD_HANDLE"].(type) {
	case float64:
		return h
	case string:
		n, err := strconv.ParseFloat(h, 64)
		Expect(err).NotTo(HaveOccurred(), "GSW_RECORD_HANDLE %q", h)
		return n
	}
	Fail(fmt.Sprintf("the preview interaction carries no GSW_RECORD_HANDLE in its userData: %v", ud))
	return 0
}

// nsPreviewPath is one walk through a mode: the UI events in order.
type nsPreviewPath struct {
	name     string
	uiEvents []string
}

// nsPreviewPaths lists, per mode, the paths the table documents.
func nsPreviewPaths(mode string) []nsPreviewPath {
	received, accept := "Record received", []string{"Accepted"}
	if mode == "pull" {
		received, accept = "Preview record received", nil
	}
	call := "Make call"
	if mode == "pull" {
		call = "Make call from preview"
	}
	start := append([]string{received}, accept...)
	paths := []nsPreviewPath{
		{"call the record, release and mark done", append(slices.Clone(start), call, "Release and mark done")},
		{"reject the record", append(slices.Clone(start), "Reject record")},
		{"cancel the record", append(slices.Clone(start), "Cancel record")},
	}
	if mode != "pull" {
		paths = append(paths, nsPreviewPath{"reject the invitation", []string{received, "Rejected"}})
	}
	return paths
}

// nsPreviewAct performs the agent action of a UI event on the preview
// interaction (or, for the call's release, on the call) and returns the
// interactions of its rows.
func nsPreviewAct(s *framework.Session, c driver.Client, mode, ui string, preview, callID *string, handle *float64) []map[string]any {
	GinkgoHelper()
	rows := nsPreviewRows(mode, ui)
	switch ui {
	case "Preview record received", "Record received":
		s.Stimulate(control.StimPreviewRecord, map[string]any{"mode": nsStimulusMode[mode]})
		its := nsExpectRows(s, c, rows)
		*preview = framework.InteractionID(its[0])
		*handle = nsRecordHandle(its[0])
		return its
	case "Accepted":
		s.OK(c, "interaction.accept", *preview)
	case "Rejected":
		s.OK(c, "interaction.reject", *preview)
	case "Make call", "Make call from preview":
		s.OK(c, "outbound.callPreviewRecord", *preview, *handle)
		its := nsExpectRows(s, c, rows)
		*callID = framework.InteractionID(its[0])
		return its
	case "Release and mark done":
		s.OK(c, "voice.hangUp", *callID)
		nsExpectRows(s, c, rows[:1])
		s.OK(c, "interaction.markdone", *callID)
		return nsExpectRows(s, c, rows[1:])
	case "Reject record":
		s.OK(c, "outbound.rejectPreviewRecord", *preview)
	case "Cancel record":
		s.OK(c, "outbound.cancelPreviewRecord", *preview)
	default:
		Fail("no action for the UI event " + ui)
	}
	return nsExpectRows(s, c, rows)
}

var _ = Describe("Outbound preview events table", func() {
	for _, mode := range requirements.PreviewModes {
		for _, path := range nsPreviewPaths(mode) {
			framework.ConformanceIt(fmt.Sprintf("%s: %s", mode, path.name), nsPreviewRowIDs(mode, path.uiEvents...),
				func(s *framework.Session) {
					c := s.Agent("interaction")
					var preview, callID string
					var handle float64
					for _, ui := range path.uiEvents {
						By(ui)
						nsPreviewAct(s, c, mode, ui, &preview, &callID, &handle)
					}
				}, framework.Needs(control.StimPreviewRecord))
		}
	}
})
