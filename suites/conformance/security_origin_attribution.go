package conformance

import (
	"strings"

	"scapi-conformance/contract/allowlist"
)

// originRequirement names the sentence of Security configuration > Origin a
// wrong answer to request from origin breaks, under the option value list:
// the full-name rule of auth.getJwtToken (origin.7); the empty value that
// allows nobody (origin.8); an origin matched by no entry, answered, or an
// origin of a one-entry value refused: the comparison of origins (origin.1);
// "*" (origin.3); a request filter (origin.4), a wildcard filter that allows
// it (origin.6); a listed origin of a several-entry value refused (origin.2).
func originRequirement(list *allowlist.List, origin, request string) string {
	d := list.Decide(origin, request)
	entries := list.Entries()
	switch {
	case request == allowlist.JwtRequest:
		return "security.origin.7"
	case len(entries) == 0:
		return "security.origin.8"
	case d.Entry == allowlist.AnyOrigin:
		return "security.origin.3"
	case !list.Listed(origin):
		return "security.origin.1"
	case d.Allowed && (d.Filter == "*" || strings.HasSuffix(d.Filter, ".*")):
		return "security.origin.6"
	case filtered(list, origin):
		return "security.origin.4"
	case len(entries) > 1:
		return "security.origin.2"
	}
	return "security.origin.1"
}

// filtered reports whether an entry matching origin has a request filter.
func filtered(list *allowlist.List, origin string) bool {
	norm, err := allowlist.NormalizeOrigin(origin)
	if err != nil {
		return false
	}
	for _, e := range list.Entries() {
		if e.Origin == norm && e.Filtered {
			return true
		}
	}
	return false
}
