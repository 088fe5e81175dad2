package runner

import (
	"regexp"
	"strings"

	"scapi-conformance/contract/requirements"
	"scapi-conformance/driver"
)

// envelopeID finds the envelope requirement a broken-envelope diagnosis names
// at the end of a parenthesis ("… drops it (envelope.reply.3)", "(an
// acknowledgement is a reply with no event key, envelope.subscribe.1)").
var envelopeID = regexp.MustCompile(`\b(envelope\.[a-z]+\.[0-9]+)\)`)

// brokenEnvelope returns the envelope requirement a spec's failure message
// shows broken: the failure is a call that got an answer every vendor client
// drops (driver.ErrBrokenEnvelope), whatever the spec was checking. "" when
// the message shows no broken envelope.
func brokenEnvelope(message string) string {
	if !strings.Contains(message, driver.ErrBrokenEnvelope.Error()) {
		return ""
	}
	m := envelopeID.FindStringSubmatch(message)
	if m == nil {
		return ""
	}
	if _, ok := requirements.Lookup(m[1]); !ok {
		return ""
	}
	return m[1]
}
