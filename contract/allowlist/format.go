package allowlist

import "strings"

// String returns the canonical form of the list: entries in their order,
// separated by ", ", normalised origins, filters written " (k1, k2)". Parsing
// it gives the same list.
func (l *List) String() string {
	var sb strings.Builder
	for i, e := range l.all() {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(e.String())
	}
	return sb.String()
}

// String returns the canonical form of one entry.
func (e Entry) String() string {
	if !e.Filtered {
		return e.Origin
	}
	return e.Origin + " (" + strings.Join(e.Keywords, ", ") + ")"
}
