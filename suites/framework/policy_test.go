package framework

import (
	"slices"
	"strings"
	"testing"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
)

// The origins a spec uses are those the options in force list, the broadest
// first; without any listed, the candidates as given.
func TestPolicyAccepted(t *testing.T) {
	for _, tc := range []struct {
		name, value string
		candidates  []string
		want        []string
	}{
		{"broadest first", "https://f.example (agent.*), https://w.example (*)",
			[]string{"https://f.example", "https://w.example", "https://x.example"}, []string{"https://w.example", "https://f.example"}},
		{"a star lists every candidate", "* (agent.*), https://w.example",
			[]string{"https://a.example", "https://w.example"}, []string{"https://w.example", "https://a.example"}},
		{"none listed", "https://w.example", []string{"https://a.example"}, []string{"https://a.example"}},
	} {
		p, err := newPolicy(control.Options{options.AcceptedOrigins: tc.value}, true)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.accepted(tc.candidates); !slices.Equal(got, tc.want) {
			t.Errorf("%s: accepted = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// A malformed option in force is an error naming it; an accepted-origins
// option the profile does not declare leaves the origins unknown.
func TestNewPolicy(t *testing.T) {
	for key, value := range map[string]string{options.AcceptedOrigins: "https://a.example (", options.RateLimit: "five",
		options.UserDataReadAllowed: "a,,b", options.UserDataWriteAllowed: ","} {
		if _, err := newPolicy(control.Options{key: value}, true); err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%s=%q: error %v, want one naming the option", key, value, err)
		}
	}
	p, err := newPolicy(control.Options{options.RateLimit: "5"}, true)
	if err != nil || !p.known || p.originsKnown {
		t.Errorf("rate-limit only: %v known %v originsKnown %v, want known and origins unknown", err, p.known, p.originsKnown)
	}
	if c, _ := p.Rate(); describeLimits(c) != "5 per request type per minute, quarantine 30s" {
		t.Errorf("describeLimits = %q", describeLimits(c))
	}
}
