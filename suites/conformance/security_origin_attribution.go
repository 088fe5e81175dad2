package conformance

import (
	"strings"

	"scapi-conformance/contract/allowlist"
)

// originRequirement names the sentence of Security configuration > Origin a
// wrong answer to request from origin breaks, under the option value list:
// the full-name rule of auth.getJwtToken (origin.7); the empty value that
// allows nobody (origin.8); a wildcard filter that allows it (origin.6); a
// request filter of an entry matching the origin, "*" included, that refuses
// it or allows it by name (origin.4); "*" (origin.3); getAllowedServices
// answered to an origin not listed (origin.10); an origin matched by no entry
// answered, or the origin of a one-entry value refused: the comparison of
// origins (origin.1); a listed origin of a several-entry value refused
// (origin.2).
func originRequirement(list *allowlist.List, origin, request string) string {
	d := list.Decide(origin, request)
	entries := list.Entries()
	switch {
	case request == allowlist.JwtRequest:
		return "security.origin.7"
	case len(entries) == 0:
		return "security.origin.8"
	case d.Allowed && (d.Filter == "*" || strings.HasSuffix(d.Filter, ".*")):
		return "security.origin.6"
	case (!d.Allowed || d.Filter != "") && filtered(list, origin):
		return "security.origin.4"
	case d.Entry == allowlist.AnyOrigin:
		return "security.origin.3"
	case !list.Listed(origin) && request == "system.getAllowedServices":
		return "security.origin.10"
	case !list.Listed(origin):
		return "security.origin.1"
	case len(entries) > 1:
		return "security.origin.2"
	}
	return "security.origin.1"
}

// filtered reports whether an entry matching origin ("*" included) has a
// request filter.
func filtered(list *allowlist.List, origin string) bool {
	norm, err := allowlist.NormalizeOrigin(origin)
	for _, e := range list.Entries() {
		if e.Filtered && (e.Origin == allowlist.AnyOrigin || err == nil && e.Origin == norm) {
			return true
		}
	}
	return false
}
