package allowlist

import "testing"

// fourServers is the documented example of both documents (Security
// configuration > Origin).
const fourServers = "http://my-web-server0, http://my-web-server1 (*), http://my-web-server2 (agent.*, voice.dial), http://my-web-server3 (agent.*, interaction.*)"

// TestDocumentedExamples decides every documented example value.
func TestDocumentedExamples(t *testing.T) {
	cases := []struct {
		name, value, origin, request string
		allowed                      bool
	}{
		// "set ... to http://my-web-server" for a page at http://my-web-server/path/page.html
		{"single origin allows its page", "http://my-web-server", "http://my-web-server", "agent.getState", true},
		{"single origin refuses another", "http://my-web-server", "http://other-server", "agent.getState", false},
		// "For example: http://my-web-server, http://my-second-web-server, http://my-third-web-server."
		{"list: first", "http://my-web-server, http://my-second-web-server, http://my-third-web-server", "http://my-web-server", "voice.dial", true},
		{"list: third", "http://my-web-server, http://my-second-web-server, http://my-third-web-server", "http://my-third-web-server", "voice.dial", true},
		{"list: unlisted", "http://my-web-server, http://my-second-web-server, http://my-third-web-server", "http://my-fourth-web-server", "voice.dial", false},
		// "if you want to allow any page to access the API, just set ... to *."
		{"star allows any page", "*", "https://anything.example:8443", "interaction.setUserData", true},
		// default: empty, nothing allowed
		{"empty allows nothing", "", "http://my-web-server", "agent.get", false},
		// four-server example: "everything is allowed for the http://my-web-server0 and http://my-web-server1"
		{"server0 everything", fourServers, "http://my-web-server0", "email.create", true},
		{"server1 everything", fourServers, "http://my-web-server1", "media.setState", true},
		// "For the http://my-web-server2 domain, only the agent.get (000 only, INT-ORIGIN-1), agent.getStateList,
		// agent.setState, agent.getState and voice.dial requests are allowed."
		{"server2 agent.get (INT-ORIGIN-1)", fourServers, "http://my-web-server2", "agent.get", true},
		{"server2 agent.getStateList", fourServers, "http://my-web-server2", "agent.getStateList", true},
		{"server2 agent.setState", fourServers, "http://my-web-server2", "agent.setState", true},
		{"server2 agent.getState", fourServers, "http://my-web-server2", "agent.getState", true},
		{"server2 voice.dial", fourServers, "http://my-web-server2", "voice.dial", true},
		{"server2 voice.dialEx", fourServers, "http://my-web-server2", "voice.dialEx", false},
		{"server2 interaction.setUserData", fourServers, "http://my-web-server2", "interaction.setUserData", false},
		{"server2 email.create", fourServers, "http://my-web-server2", "email.create", false},
		{"server3 agent.setState", fourServers, "http://my-web-server3", "agent.setState", true},
		{"server3 interaction.getInteractions", fourServers, "http://my-web-server3", "interaction.getInteractions", true},
		{"server3 voice.dial", fourServers, "http://my-web-server3", "voice.dial", false},
		{"unlisted server4", fourServers, "http://my-web-server4", "agent.get", false},
		// Auth namespace: "you must explicitly define the full endpoint name ...
		// https://genesyspureengage.github.io (*, auth.getJwtToken)"
		{"jwt explicit", "https://genesyspureengage.github.io (*, auth.getJwtToken)", "https://genesyspureengage.github.io", "auth.getJwtToken", true},
		{"jwt example allows the rest", "https://genesyspureengage.github.io (*, auth.getJwtToken)", "https://genesyspureengage.github.io", "voice.dial", true},
		{"jwt not by star origin", "*", "https://genesyspureengage.github.io", "auth.getJwtToken", false},
		{"jwt not by (*)", fourServers, "http://my-web-server1", "auth.getJwtToken", false},
		{"jwt not by unfiltered entry", fourServers, "http://my-web-server0", "auth.getJwtToken", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, _, err := Parse(c.value)
			if err != nil {
				t.Fatalf("Parse(%q): %v", c.value, err)
			}
			if d := l.Decide(c.origin, c.request); d.Allowed != c.allowed {
				t.Errorf("Decide(%q, %q) = %+v, want allowed=%v", c.origin, c.request, d, c.allowed)
			}
		})
	}
}

// TestFourServersCanonical checks that the documented value parses without
// warnings and formats as written.
func TestFourServersCanonical(t *testing.T) {
	l, warns, err := Parse(fourServers)
	if err != nil || len(warns) != 0 {
		t.Fatalf("Parse = %v, %v", warns, err)
	}
	if got := l.String(); got != fourServers {
		t.Errorf("String() = %q, want %q", got, fourServers)
	}
}
