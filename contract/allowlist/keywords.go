package allowlist

import (
	"strings"
	"sync"

	"scapi-conformance/contract"
)

// keywords are the allow-list keywords of the catalog (Method.AllowKeyword)
// and their namespaces: a filter keyword outside them gets a warning.
var keywords = sync.OnceValues(func() (requests, namespaces map[string]bool) {
	requests, namespaces = map[string]bool{}, map[string]bool{}
	for _, m := range contract.Catalog() {
		if m.AllowKeyword == "" {
			continue
		}
		requests[m.AllowKeyword] = true
		namespaces[m.AllowKeyword[:strings.IndexByte(m.AllowKeyword, '.')]] = true
	}
	return requests, namespaces
})

// isNamespace reports whether ns is the namespace of some catalog keyword
// ("agent", "sipEndpoint", ...).
func isNamespace(ns string) bool {
	_, namespaces := keywords()
	return namespaces[ns]
}

// isRequest reports whether request is a catalog keyword ("voice.dial").
func isRequest(request string) bool {
	requests, _ := keywords()
	return requests[request]
}
