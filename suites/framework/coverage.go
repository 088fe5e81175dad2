package framework

import (
	"fmt"
	"slices"

	"scapi-conformance/contract"
	"scapi-conformance/contract/requirements"
)

// Gap is one thing the coverage gate finds uncovered.
type Gap struct {
	// Kind is one of the Gap* constants.
	Kind string `json:"kind"`
	// Name is the method, event, requirement id or spec text concerned.
	Name string `json:"name"`
}

// Kinds of gap.
const (
	GapMethod      = "method never called"
	GapEvent       = "event type never asserted"
	GapRequirement = "requirement never cited"
	GapSpec        = "spec cites no requirement"
)

func (g Gap) String() string { return fmt.Sprintf("%s: %s", g.Kind, g.Name) }

// Uncovered is the coverage gate: against the catalog, the documented events
// and the requirement registry, it lists every method no spec called, every
// event type no spec asserted, every requirement no spec cited, and each spec
// (of uncited, by text) that cites no requirement. rec is what the specs
// recorded during a full run (Recorded).
func Uncovered(rec Record, uncited []string) []Gap {
	var gaps []Gap
	for _, m := range contract.Catalog() {
		if !slices.Contains(rec.Sent, m.Request()) && (m.Wire == "" || !slices.Contains(rec.Sent, m.Wire)) {
			gaps = append(gaps, Gap{GapMethod, m.Request()})
		}
	}
	for _, e := range contract.Events() {
		if !slices.Contains(rec.Asserted, EventKey{e.Event, e.EventType}) {
			gaps = append(gaps, Gap{GapEvent, describeEventKey(e.Event, e.EventType)})
		}
	}
	for _, r := range requirements.All() {
		if !slices.Contains(rec.Cited, r.ID) {
			gaps = append(gaps, Gap{GapRequirement, r.ID})
		}
	}
	for _, text := range uncited {
		gaps = append(gaps, Gap{GapSpec, text})
	}
	return gaps
}

func describeEventKey(event, eventType string) string {
	if eventType == "" {
		return event + " (no eventType)"
	}
	return event + "/" + eventType
}
