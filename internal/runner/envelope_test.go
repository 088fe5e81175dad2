package runner

import (
	"fmt"
	"testing"

	"scapi-conformance/driver"
)

func TestBrokenEnvelope(t *testing.T) {
	broken := fmt.Sprintf("request agent.get[] as https://a.example: %v: the reply echoes referenceId as 0, a JSON number, not the string sent: the vendor client compares with === and drops it (envelope.reply.3): {…}", driver.ErrBrokenEnvelope)
	for _, tc := range []struct{ message, want string }{
		{broken, "envelope.reply.3"},
		{"expected a successful reply (envelope.reply.3)", ""},                // no broken envelope
		{driver.ErrBrokenEnvelope.Error() + ": odd (envelope.nothing.9)", ""}, // not a requirement
		{driver.ErrBrokenEnvelope.Error() + ": an event key (an acknowledgement is a reply with no event key, envelope.subscribe.1): {}", "envelope.subscribe.1"},
		{`failed: expected a value valid against the schema "event.interaction.RINGING" (lenient): not a valid event.interaction.RINGING (lenient): /protocolVersion: value must be "2"`, "envelope.event.1"},
		{`failed: expected a value valid against the schema "envelope.Reply" (lenient): not a valid envelope.Reply (lenient): /protocolVersion: value must be "2"`, "envelope.reply.2"},
		{`not a valid envelope.Reply (lenient): /userAgent: does not match pattern`, "envelope.reply.1"},
		{"failed: configuration.getOption[x]\nexpected a successful reply, got the error \"\" in {\"data\":{},\"errorMessage\":null}", "envelope.reply.5"},
		{`not a valid envelope.Reply (lenient): /data: expected object`, ""},
		{"failed: agent.getStateList[]\nexpected a successful reply, got the error \"\" in {\"data\":[{\"displayName\":\"Ready\"… (727 bytes)", "envelope.reply.5"},
		{"failed: agent.get[]\nexpected a successful reply, got the error \"not allowed\" in {\"errorMessage\":\"not allowed\"}", ""},
	} {
		if got := brokenEnvelope(tc.message); got != tc.want {
			t.Errorf("brokenEnvelope(%q) = %q, want %q", tc.message, got, tc.want)
		}
	}
}
