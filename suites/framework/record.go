package framework

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"scapi-conformance/contract/wire"
	"scapi-conformance/suites/matchers"
)

// What the specs of this process cited, sent and asserted, for the coverage
// gate: requirement ids cited while the spec tree was built, request names sent
// (wire names, "subscribe", "unsubscribe") and events matched by an
// expectation.
var (
	recordMu sync.Mutex
	cited    = map[string]bool{}
	sent     = map[string]bool{}
	asserted = map[EventKey]bool{}
)

// EventKey names an event type: Event is the event name ("messenger" for every
// messenger:<channel>), EventType is "" for events without one.
type EventKey struct {
	Event     string `json:"event"`
	EventType string `json:"eventType"`
}

func recordCitation(reqs Reqs) {
	recordMu.Lock()
	defer recordMu.Unlock()
	for _, id := range reqs {
		cited[id] = true
	}
}

func recordRequest(req wire.Request) {
	name := req.Request
	if name == "" {
		name = req.Event
	}
	if name == "" {
		return
	}
	recordMu.Lock()
	defer recordMu.Unlock()
	sent[name] = true
}

// RecordEventAsserted notes that a spec asserted an event of this type; the
// framework's expectations call it, and so does every matchers.BeEvent match.
func RecordEventAsserted(event, eventType string) { recordEvent(event, eventType) }

func init() { matchers.ObserveEvents(recordEvent) }

func recordEvent(event, eventType string) {
	if strings.HasPrefix(event, "messenger:") {
		event = "messenger"
	}
	recordMu.Lock()
	defer recordMu.Unlock()
	asserted[EventKey{event, eventType}] = true
}

// Record is a snapshot of what the specs cited, sent and asserted.
type Record struct {
	Cited    []string   `json:"cited"`
	Sent     []string   `json:"sent"`
	Asserted []EventKey `json:"asserted"`
}

// Recorded returns what the specs of this process have cited, sent and
// asserted so far, sorted.
func Recorded() Record {
	recordMu.Lock()
	defer recordMu.Unlock()
	r := Record{Cited: slices.Sorted(maps.Keys(cited)), Sent: slices.Sorted(maps.Keys(sent))}
	for k := range asserted {
		r.Asserted = append(r.Asserted, k)
	}
	sort.Slice(r.Asserted, func(i, j int) bool {
		a, b := r.Asserted[i], r.Asserted[j]
		return a.Event < b.Event || a.Event == b.Event && a.EventType < b.EventType
	})
	return r
}
