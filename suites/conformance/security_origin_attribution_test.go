package conformance

import (
	"testing"

	"scapi-conformance/contract/allowlist"
)

func TestOriginRequirement(t *testing.T) {
	for _, tc := range []struct{ value, origin, request, want string }{
		{"https://a.example", "https://a.example", allowlist.JwtRequest, "security.origin.7"},
		{"", "https://a.example", "agent.get", "security.origin.8"},
		{"*", "https://a.example", "agent.get", "security.origin.3"},
		{"https://a.example, https://b.example", "https://a.example.evil", "agent.get", "security.origin.1"},
		{"https://a.example", "https://a.example:8443", "agent.get", "security.origin.1"},
		{"https://a.example", "https://b.example", "system.getAllowedServices", "security.origin.10"},
		{"https://a.example", "https://a.example", "agent.get", "security.origin.1"},
		{"https://a.example, https://b.example", "https://b.example", "agent.get", "security.origin.2"},
		{"https://a.example (agent.get), https://b.example", "https://a.example", "voice.dial", "security.origin.4"},
		{"https://a.example (agent.*), https://b.example", "https://a.example", "agent.getState", "security.origin.6"},
		{"https://a.example (*)", "https://a.example", "agent.getState", "security.origin.6"},
		{"* (agent.*)", "https://a.example", "media.getMediaList", "security.origin.4"},
		{"https://a.example (agent.get), https://a.example", "https://a.example", "voice.dial", "security.origin.2"},
	} {
		list := allowlist.MustParse(tc.value)
		if got := originRequirement(list, tc.origin, tc.request); got != tc.want {
			t.Errorf("%q, %s as %s: %s, want %s", tc.value, tc.request, tc.origin, got, tc.want)
		}
	}
}
