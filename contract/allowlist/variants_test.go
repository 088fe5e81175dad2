package allowlist

import "strings"

// Other spellings of a list that must parse to the same entries: the rules
// make blanks around separators and the case of scheme and host irrelevant.

// spaced writes l with blanks of every kind around every separator.
func spaced(l *List) string {
	var parts []string
	for _, e := range l.Entries() {
		s := e.Origin
		if e.Filtered {
			s += "\t(\n " + strings.Join(e.Keywords, " \r\n,\t") + " \t)"
		}
		parts = append(parts, s)
	}
	return " \n" + strings.Join(parts, "\t ,\r\n ") + "\t\n"
}

// compact writes l without any blank.
func compact(l *List) string {
	var parts []string
	for _, e := range l.Entries() {
		s := e.Origin
		if e.Filtered {
			s += "(" + strings.Join(e.Keywords, ",") + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ",")
}

// shouted writes l with upper-case origins.
func shouted(l *List) string {
	var parts []string
	for _, e := range l.Entries() {
		e.Origin = strings.ToUpper(e.Origin)
		parts = append(parts, e.String())
	}
	return strings.Join(parts, ", ")
}
