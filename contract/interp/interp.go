// Package interp is the registry of interpretations: every place where the
// documentation is ambiguous, contradicts itself, or where its own examples
// break its own rules, written down once with an id. Strict mode holds a target
// to the Strict reading; lenient mode also accepts the Lenient one, and a check
// that passes only that way is reported NON-STRICT.
//
// Ids by area: INT-CAT-n (catalog and client library), INT-SCHEMA-n (types and
// examples), INT-ORIGIN-n (accepted-web-content-origins), INT-RATE-n (rate
// limits), INT-UDATA-n (user-data key lists), INT-EVENT-n (events and their
// order), INT-SPEC-n (anything else the specs decide). Each area registers from
// its own file through Register in an init function.
package interp

import (
	"fmt"
	"sort"
	"sync"
)

// Interpretation is one recorded reading of an unclear point.
type Interpretation struct {
	ID    string `json:"id"`
	Topic string `json:"topic"`
	// Sources quotes or points at the conflicting or unclear text.
	Sources []string `json:"sources"`
	// Strict is the reading strict mode enforces.
	Strict string `json:"strict"`
	// Lenient is what lenient mode also accepts ("" when both modes agree and
	// the entry only records a decision).
	Lenient string `json:"lenient,omitempty"`
}

var (
	mu       sync.Mutex
	registry = map[string]Interpretation{}
)

// Register adds interpretations; it panics on a duplicate or empty id.
func Register(is ...Interpretation) {
	mu.Lock()
	defer mu.Unlock()
	for _, i := range is {
		if i.ID == "" || i.Strict == "" {
			panic(fmt.Sprintf("interp: interpretation %q has no id or no strict reading", i.ID))
		}
		if _, dup := registry[i.ID]; dup {
			panic(fmt.Sprintf("interp: duplicate id %q", i.ID))
		}
		registry[i.ID] = i
	}
}

// Lookup returns the interpretation with the id.
func Lookup(id string) (Interpretation, bool) {
	mu.Lock()
	defer mu.Unlock()
	i, ok := registry[id]
	return i, ok
}

// All returns every interpretation, sorted by id.
func All() []Interpretation {
	mu.Lock()
	defer mu.Unlock()
	out := make([]Interpretation, 0, len(registry))
	for _, i := range registry {
		out = append(out, i)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}
