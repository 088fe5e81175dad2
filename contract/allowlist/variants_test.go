package allowlist

import "strings"

// spelling is a way to write a list that must parse to the same entries: the
// rules make blanks around separators and the case of scheme and host
// irrelevant.
type spelling struct {
	around, open, kwSep, close, entrySep string
	upper                                bool
}

var (
	// spacedSpelling puts blanks of every kind around every separator.
	spacedSpelling = spelling{around: " \n", open: "\t(\n ", kwSep: " \r\n,\t", close: " \t)", entrySep: "\t ,\r\n "}
	// compactSpelling has no blank at all.
	compactSpelling = spelling{open: "(", kwSep: ",", close: ")", entrySep: ","}
	// shoutedSpelling is the canonical form with upper-case origins.
	shoutedSpelling = spelling{open: " (", kwSep: ", ", close: ")", entrySep: ", ", upper: true}
)

func (s spelling) write(l *List) string {
	var parts []string
	for _, e := range l.Entries() {
		p := e.Origin
		if s.upper {
			p = strings.ToUpper(p)
		}
		if e.Filtered {
			p += s.open + strings.Join(e.Keywords, s.kwSep) + s.close
		}
		parts = append(parts, p)
	}
	return s.around + strings.Join(parts, s.entrySep) + s.around
}

// respellings writes l in every spelling.
func respellings(l *List) []string {
	return []string{spacedSpelling.write(l), compactSpelling.write(l), shoutedSpelling.write(l)}
}
