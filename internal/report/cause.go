package report

import (
	"regexp"
	"strings"
)

// maxCause bounds a cause line, in characters.
const maxCause = 400

// errorReply finds the errorMessage of a reply quoted in a failure message.
var errorReply = regexp.MustCompile(`"errorMessage"\s*:\s*"((?:[^"\\]|\\.)*)"`)

// Cause is the one line a console shows for a failure: its first line (the
// call or the spec's annotation), the matcher's first line when the message
// has one, and the error reply the target gave when the message quotes one and
// neither line says it already. Gomega's indented value lines are left out.
func Cause(message string) string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(message), "\n") {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "\t") {
			continue
		}
		lines = append(lines, strings.TrimSpace(l))
		if len(lines) == 2 {
			break
		}
	}
	cause := strings.Join(lines, " — ")
	if m := errorReply.FindStringSubmatch(message); m != nil && !strings.Contains(cause, m[1]) {
		cause += ` (error reply: "` + m[1] + `")`
	}
	if r := []rune(cause); len(r) > maxCause {
		cause = string(r[:maxCause]) + "…"
	}
	return cause
}
