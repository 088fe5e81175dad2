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

// headerField finds a schema violation in an envelope field every message
// carries: "not a valid event.interaction.RINGING (lenient): /protocolVersion: …".
var headerField = regexp.MustCompile(`not a valid ([A-Za-z0-9_.:-]+)[^\n]*?: /(protocolVersion|userAgent|errorMessage)\b`)

// nullErrorMessage is a successful reply (it has data) carrying an
// errorMessage key with no message ("errorMessage": null), which the vendor
// client takes for a failure (envelope.reply.5).
var nullErrorMessage = regexp.MustCompile(`expected a successful reply, got the error "" in \{"data":|expected a successful reply[^\n]*"errorMessage":null`)

// brokenEnvelope returns the envelope requirement a spec's failure message
// shows broken, whatever the spec was checking: a call answered with an
// envelope every vendor client drops (driver.ErrBrokenEnvelope, whose
// diagnosis names the requirement); a message whose protocolVersion,
// userAgent or errorMessage breaks its schema (envelope.event.1 for an event,
// envelope.reply.2, .1 or .5 for a reply); a successful reply with
// "errorMessage": null (envelope.reply.5). "" when the message shows none.
func brokenEnvelope(message string) string {
	id := ""
	switch m := headerField.FindStringSubmatch(message); {
	case strings.Contains(message, driver.ErrBrokenEnvelope.Error()):
		if m := envelopeID.FindStringSubmatch(message); m != nil {
			id = m[1]
		}
	case m != nil && strings.HasPrefix(m[1], "event"):
		id = "envelope.event.1"
	case m != nil:
		id = map[string]string{"protocolVersion": "envelope.reply.2", "userAgent": "envelope.reply.1", "errorMessage": "envelope.reply.5"}[m[2]]
	case nullErrorMessage.MatchString(message):
		id = "envelope.reply.5"
	}
	if _, ok := requirements.Lookup(id); !ok {
		return ""
	}
	return id
}
