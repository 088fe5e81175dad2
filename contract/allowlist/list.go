// Package allowlist is the oracle of the service-client-api.accepted-web-content-origins
// option: its parser, its canonical formatter, and the matcher that decides
// whether a client origin may send a request.
//
// Documented syntax (Security configuration > Origin, documents 001 and 000):
// an empty value allows nothing; "*" allows any page; a comma-separated list
// of origins allows those origins; an origin followed by a parenthesised
// filter list "(*)", "(agent.*, voice.dial)" allows only the requests the
// filter names; auth.getJwtToken is granted only by its full name, never by a
// wildcard (Auth namespace > getJwtToken). The grammar accepted here:
//
//	value   = ws [ entry *( ws "," ws entry ) ] ws
//	entry   = ( "*" / origin ) ws [ "(" ws [ keyword *( ws "," ws keyword ) ] ws ")" ]
//	keyword = "*" / name "." ( "*" / name )      ; name = ALPHA / "_" *( ALPHA / DIGIT / "_" )
//	ws      = *( SP / HTAB / CR / LF )
//
// The decisions taken where the documentation is silent are the
// interpretations INT-ORIGIN-1 … INT-ORIGIN-n in contract/interp/origin.go.
package allowlist

import "slices"

// optionName prefixes error and warning messages.
const optionName = "service-client-api.accepted-web-content-origins"

// AnyOrigin is the origin of an entry that matches every origin ("*").
const AnyOrigin = "*"

// JwtRequest is the request only an explicit keyword grants.
const JwtRequest = "auth.getJwtToken"

// Entry is one element of the list.
type Entry struct {
	// Origin is the normalised origin, or AnyOrigin.
	Origin string
	// Filtered is true when the entry has a parenthesised filter list; then
	// Keywords (possibly empty) are the only requests it allows.
	Filtered bool
	// Keywords are the filter keywords in the order written ("*", "ns.*" or
	// "ns.method"), duplicates kept.
	Keywords []string
}

// List is a parsed accepted-web-content-origins value. The zero value and a
// nil *List allow nothing.
type List struct {
	entries []Entry
}

// Concrete returns the origins the entries name, in the order written,
// without "*" (an entry for every origin names none).
func (l *List) Concrete() []string {
	var out []string
	for _, e := range l.Entries() {
		if e.Origin != AnyOrigin {
			out = append(out, e.Origin)
		}
	}
	return out
}

// Entries returns a copy of the entries in the order written.
func (l *List) Entries() []Entry {
	if l == nil {
		return nil
	}
	out := make([]Entry, len(l.entries))
	for i, e := range l.entries {
		out[i] = Entry{Origin: e.Origin, Filtered: e.Filtered, Keywords: slices.Clone(e.Keywords)}
	}
	return out
}

// Parse parses an accepted-web-content-origins value. Warnings report
// questionable parts that still have a meaning; the error, a *ParseError,
// reports the first malformed byte.
func Parse(value string) (*List, []Warning, error) {
	p := &parser{s: value, seen: map[string]bool{}}
	if err := p.value(); err != nil {
		return nil, nil, err
	}
	return &List{entries: p.entries}, p.warnings, nil
}

// MustParse is Parse for values known to be valid (tests, documented
// examples); it panics on an error.
func MustParse(value string) *List {
	l, _, err := Parse(value)
	if err != nil {
		panic(err)
	}
	return l
}
