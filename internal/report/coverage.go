package report

import (
	"slices"
	"strings"

	"scapi-conformance/contract"
)

// Coverage is the matrix of catalog methods and documented events against
// what the run checked.
type Coverage struct {
	Methods []MethodCoverage `json:"methods"`
	Events  []EventCoverage  `json:"events"`
}

// MethodCoverage says whether a catalog method was sent during the run and
// the verdicts of the requirements about it (ids "namespace.method.n…").
type MethodCoverage struct {
	Method       string        `json:"method"`
	Wire         string        `json:"wire"`
	Called       bool          `json:"called"`
	Requirements []CellVerdict `json:"requirements"`
}

// EventCoverage says whether a documented event type was asserted.
type EventCoverage struct {
	Event     string `json:"event"`
	EventType string `json:"eventType"`
	Asserted  bool   `json:"asserted"`
}

// CellVerdict is one requirement's verdict in the matrix.
type CellVerdict struct {
	ID      string  `json:"id"`
	Verdict Verdict `json:"verdict"`
}

// ComputeCoverage fills r.Coverage from the wire names sent during the run and
// the events asserted ("event" or "event/eventType"); r.Requirements must be set.
func (r *Result) ComputeCoverage(sent []string, asserted []string) {
	cov := &Coverage{}
	for _, m := range contract.Catalog() {
		mc := MethodCoverage{Method: m.Request(), Wire: m.Wire, Called: slices.Contains(sent, m.Wire),
			Requirements: []CellVerdict{}}
		if m.Namespace == "" {
			mc.Method = m.Wire
		}
		for _, rr := range r.Requirements {
			if strings.HasPrefix(rr.ID, mc.Method+".") {
				mc.Requirements = append(mc.Requirements, CellVerdict{rr.ID, rr.Verdict})
			}
		}
		cov.Methods = append(cov.Methods, mc)
	}
	for _, e := range contract.Events() {
		key := e.Event
		if e.EventType != "" {
			key += "/" + e.EventType
		}
		cov.Events = append(cov.Events, EventCoverage{Event: e.Event, EventType: e.EventType, Asserted: slices.Contains(asserted, key)})
	}
	r.Coverage = cov
}
