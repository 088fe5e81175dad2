package allowlist

import (
	"strings"
	"sync"

	"scapi-conformance/contract"
)

// catalogKeywords indexes the allow-list keywords of the catalog
// (Method.AllowKeyword): a filter keyword outside them gets a warning.
type catalogKeywords struct {
	requests   map[string]bool
	namespaces map[string]bool
	// renamed maps a catalog name whose keyword differs ("voice.muteMicrophone")
	// to that keyword ("sipEndpoint.muteMicrophone", INT-CAT-2).
	renamed map[string]string
}

var keywords = sync.OnceValue(func() catalogKeywords {
	k := catalogKeywords{requests: map[string]bool{}, namespaces: map[string]bool{}, renamed: map[string]string{}}
	for _, m := range contract.Catalog() {
		if m.AllowKeyword == "" {
			continue
		}
		k.requests[m.AllowKeyword] = true
		k.namespaces[m.AllowKeyword[:strings.IndexByte(m.AllowKeyword, '.')]] = true
		if m.Request() != m.AllowKeyword {
			k.renamed[m.Request()] = m.AllowKeyword
		}
	}
	return k
})
