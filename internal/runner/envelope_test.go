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
	} {
		if got := brokenEnvelope(tc.message); got != tc.want {
			t.Errorf("brokenEnvelope(%q) = %q, want %q", tc.message, got, tc.want)
		}
	}
}
