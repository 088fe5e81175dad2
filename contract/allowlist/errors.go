package allowlist

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// ParseError is a malformed accepted-web-content-origins value: at byte
// Offset of the value, Expected was expected and Found was found.
type ParseError struct {
	// Offset is the byte offset in the option value, from 0.
	Offset int
	// Expected says what the grammar wanted at Offset.
	Expected string
	// Found describes what stands at Offset ("end of value" at the end).
	Found string
}

// Error implements error.
func (e *ParseError) Error() string {
	return fmt.Sprintf("%s: byte offset %d: expected %s, found %s", optionName, e.Offset, e.Expected, e.Found)
}

// WarningCode classifies a Warning.
type WarningCode string

// Warning codes: mistakes that leave the value meaningful (see INT-ORIGIN-5).
const (
	// WarnPathIgnored: an entry has a path, query or fragment; it stands for
	// its origin (INT-ORIGIN-3).
	WarnPathIgnored WarningCode = "path-ignored"
	// WarnDuplicateOrigin: two entries name the same origin; their filters add up
	// (INT-ORIGIN-4).
	WarnDuplicateOrigin WarningCode = "duplicate-origin"
	// WarnEmptyFilter: "()" lets the origin call no request.
	WarnEmptyFilter WarningCode = "empty-filter"
	// WarnDuplicateKeyword: a keyword appears twice in one filter.
	WarnDuplicateKeyword WarningCode = "duplicate-keyword"
	// WarnUnknownNamespace: a keyword names a namespace the documentation does not have.
	WarnUnknownNamespace WarningCode = "unknown-namespace"
	// WarnUnknownRequest: a keyword names a request the documentation does not have.
	WarnUnknownRequest WarningCode = "unknown-request"
	// WarnJwtWildcard: "auth.*" never grants auth.getJwtToken, the only auth request.
	WarnJwtWildcard WarningCode = "jwt-wildcard"
)

// Warning is a questionable but valid part of the value.
type Warning struct {
	// Offset is the byte offset in the option value where the part starts.
	Offset  int
	Code    WarningCode
	Message string
}

// String renders the warning with its offset.
func (w Warning) String() string {
	return fmt.Sprintf("%s: byte offset %d: %s (%s)", optionName, w.Offset, w.Message, w.Code)
}

// describeAt says what stands at byte i of s, for ParseError.Found.
func describeAt(s string, i int) string {
	if i >= len(s) {
		return "end of value"
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf("byte 0x%02x", s[i])
	}
	return strconv.QuoteRune(r)
}
