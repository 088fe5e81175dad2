package inforce

import (
	"sync"

	"scapi-conformance/contract"
	"scapi-conformance/contract/allowlist"
)

// maxOrigins bounds the client origins an Origins remembers parsed: a
// hostile client presenting ever new origins costs a parse each, never
// memory.
const maxOrigins = 256

// Origins is a parsed accepted-web-content-origins value that parses each
// client origin once: its decisions are those of the embedded
// allowlist.List. Safe for concurrent use. A nil *Origins refuses every
// origin.
type Origins struct {
	*allowlist.List
	mu     sync.Mutex
	parsed map[string]allowlist.ClientOrigin
}

// NewOrigins wraps a parsed accepted-web-content-origins value.
func NewOrigins(l *allowlist.List) *Origins {
	return &Origins{List: l, parsed: map[string]allowlist.ClientOrigin{}}
}

// client returns origin parsed, from memory when it was seen before.
func (o *Origins) client(origin string) allowlist.ClientOrigin {
	o.mu.Lock()
	defer o.mu.Unlock()
	c, ok := o.parsed[origin]
	if !ok {
		c = allowlist.ParseClientOrigin(origin)
		if len(o.parsed) < maxOrigins {
			o.parsed[origin] = c
		}
	}
	return c
}

// Decide answers whether origin may send request, a documented request name
// (the catalog's AllowKeyword); see allowlist.List.Decide.
func (o *Origins) Decide(origin, request string) allowlist.Decision {
	if o == nil {
		return (*allowlist.List)(nil).Decide(origin, request)
	}
	return o.List.DecideClient(o.client(origin), request)
}

// Listed reports whether some entry matches origin, whatever its filter; see
// allowlist.List.Listed.
func (o *Origins) Listed(origin string) bool {
	return o != nil && o.List.ListedClient(o.client(origin))
}

// AllowedServices returns, in their order, the requests among requests that
// origin may send: what system.getAllowedServices reports to that origin.
func (o *Origins) AllowedServices(origin string, requests []string) []string {
	out := []string{}
	for _, r := range requests {
		if o.Decide(origin, r).Allowed {
			out = append(out, r)
		}
	}
	return out
}

// Breadth counts the catalog requests origin may send.
func (o *Origins) Breadth(origin string) int {
	n := 0
	for _, m := range contract.Catalog() {
		if m.Namespace != "" && o.Decide(origin, m.AllowKeyword).Allowed {
			n++
		}
	}
	return n
}

// Concrete returns the concrete origins the entries name (not "*"), in the
// order written.
func (o *Origins) Concrete() []string {
	if o == nil {
		return nil
	}
	return o.List.Concrete()
}
