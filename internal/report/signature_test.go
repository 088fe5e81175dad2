package report

import "testing"

func TestSignature(t *testing.T) {
	prefix := `failed: with accepted-web-content-origins "https://app.example.co, http://app.example.com", agent.get as https://app.example.com must be refused (origin "https://app.example.com" matches no entry); it was answered: {"data":{"employeeId":"5001"},"referenceId":"0"}`
	for _, tc := range []struct{ name, message, subject, want string }{
		{"payloads, quoted values and numbers blanked", prefix, "agent.get as https://app.example.com",
			`failed: with accepted-web-content-origins "…", agent.get as https://app.example.com must be refused (origin "…" matches no entry); it was answered: {…} @ agent.get as https://app.example.com`},
		{"Gomega's value lines left out", "failed: agent.setState as https://a.example\nExpected\n    <string>: NOT_READY\nto equal\n    <string>: READY", "",
			"failed: agent.setState as https://a.example / Expected / to equal"},
		{"ids and durations", "timedout: waiting for event interaction/RINGING of 0a1b2c3d4e5f after 5.5s", "",
			"timedout: waiting for event interaction/RINGING of … after #s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Signature(tc.message, tc.subject); got != tc.want {
				t.Errorf("Signature:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
	port := `failed: with accepted-web-content-origins "https://app.example.co, http://app.example.com", agent.get as http://app.example.com:8080 must be refused (origin "http://app.example.com:8080" matches no entry); it was answered: {"data":{}}`
	if Signature(prefix, "") == Signature(port, "") {
		t.Errorf("two defects of one spec share the signature %s", Signature(port, ""))
	}
}

func TestCause(t *testing.T) {
	for _, tc := range []struct{ name, message, want string }{
		{"annotation and the matcher's first line", "failed: agent.get[]\nexpected a successful reply, got the error \"not allowed\" in {}", `failed: agent.get[] — expected a successful reply, got the error "not allowed" in {}`},
		{"an error reply quoted in a value line", "failed: agent.get[]\nExpected\n    <*wire.Message>: {\"errorMessage\":\"not allowed for the origin https://a.example\"}\nto be nil",
			`failed: agent.get[] — Expected (error reply: "not allowed for the origin https://a.example")`},
		{"one line", "failed: no reply within 5s", "failed: no reply within 5s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Cause(tc.message); got != tc.want {
				t.Errorf("Cause:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestNaturalLess(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		less bool
	}{
		{"security.origin.2", "security.origin.10", true},
		{"security.origin.10", "security.origin.2", false},
		{"security.origin.10", "security.origin.11", true},
		{"agent.get.1", "agent.getState.1", true},
		{"a.1", "a.1", false},
		{"a.01", "a.2", true},
		{"a", "a.1", true},
	} {
		if got := NaturalLess(tc.a, tc.b); got != tc.less {
			t.Errorf("NaturalLess(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}
