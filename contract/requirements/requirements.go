// Package requirements is the registry of testable statements of the
// documentation. Every spec cites requirement ids from here; the coverage gate
// checks that every requirement is cited and every citation exists.
//
// Ids come from the documentation's structure, dot-separated, lower camel for
// method names, with a sequence number: "agent.setState.1",
// "security.origin.4", "envelope.reply.2", "outbound.preview.pull.3". Each
// area registers its requirements from its own file (one file per documented
// section) through Register in an init function.
package requirements

import (
	"fmt"
	"sort"
	"sync"

	"scapi-conformance/contract"
)

// Requirement is one testable statement.
type Requirement struct {
	ID string `json:"id"`
	// Quote is the sentence of the documentation it tests, verbatim except for
	// PDF damage repaired (say so in Note).
	Quote    string            `json:"quote"`
	Document contract.Document `json:"document"`
	// Section names where the quote stands, for example "Agent namespace > setState".
	Section string `json:"section"`
	// Interpretations lists the interp ids that decide how it is read, if any.
	Interpretations []string `json:"interpretations,omitempty"`
	Note            string   `json:"note,omitempty"`
}

var (
	mu       sync.Mutex
	registry = map[string]Requirement{}
)

// Register adds requirements; it panics on a duplicate or empty id, which is a
// programming error caught by the package tests at init.
func Register(rs ...Requirement) {
	mu.Lock()
	defer mu.Unlock()
	for _, r := range rs {
		if r.ID == "" || r.Quote == "" {
			panic(fmt.Sprintf("requirements: requirement %q has no id or no quote", r.ID))
		}
		if _, dup := registry[r.ID]; dup {
			panic(fmt.Sprintf("requirements: duplicate id %q", r.ID))
		}
		registry[r.ID] = r
	}
}

// Lookup returns the requirement with the id.
func Lookup(id string) (Requirement, bool) {
	mu.Lock()
	defer mu.Unlock()
	r, ok := registry[id]
	return r, ok
}

// All returns every requirement, sorted by id.
func All() []Requirement {
	mu.Lock()
	defer mu.Unlock()
	out := make([]Requirement, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
