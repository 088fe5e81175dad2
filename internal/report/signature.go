package report

import (
	"regexp"
	"strings"
)

// maxSignature bounds a signature's length, in characters.
const maxSignature = 240

// Patterns of what varies between two runs of the same failure: JSON objects
// and arrays (payloads with ids and timestamps), quoted strings, tokens that
// mix letters and digits (ids, hashes), durations, and numbers (ports of
// loopback servers, counts).
var (
	sigJSON   = regexp.MustCompile(`[{\[][^\n]*[}\]]`)
	sigQuoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'[^'\n]*'`)
	sigDur    = regexp.MustCompile(`\b[0-9]+(?:\.[0-9]+)?(ns|µs|us|ms|s|m|h)\b`)
	sigMixed  = regexp.MustCompile(`\b[0-9A-Za-z_-]*[0-9][0-9A-Za-z_-]*[A-Za-z][0-9A-Za-z_-]*\b|\b[0-9A-Za-z_-]*[A-Za-z][0-9A-Za-z_-]*[0-9][0-9A-Za-z_-]{6,}\b`)
	sigNumber = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?`)
	sigSpace  = regexp.MustCompile(`\s+`)
)

// Signature is a stable fingerprint of a failure: the message's own lines
// (the matcher's kind and the spec's annotation; Gomega's indented value lines
// are left out) with what varies between runs blanked (JSON payloads, quoted
// strings, ids, numbers), followed by the subject: the request the spec sent
// last and the origin that sent it. Two runs of the same defect give the same
// signature; another defect in the same spec gives another one.
func Signature(message, subject string) string {
	var kept []string
	for _, line := range strings.Split(message, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "\t") {
			continue
		}
		kept = append(kept, line)
	}
	sig := strings.Join(kept, " / ")
	sig = sigJSON.ReplaceAllString(sig, "{…}")
	sig = sigQuoted.ReplaceAllString(sig, `"…"`)
	sig = sigDur.ReplaceAllString(sig, "#$1")
	sig = sigMixed.ReplaceAllString(sig, "…")
	sig = sigNumber.ReplaceAllString(sig, "#")
	sig = strings.TrimSpace(sigSpace.ReplaceAllString(sig, " "))
	if r := []rune(sig); len(r) > maxSignature {
		sig = string(r[:maxSignature]) + "…"
	}
	if subject != "" {
		sig += " @ " + subject
	}
	return sig
}
