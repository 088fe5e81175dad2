package allowlist

import (
	"reflect"
	"testing"
)

func TestDecision(t *testing.T) {
	l := MustParse(fourServers + ", * (system.getAllowedServices), https://jwt.example (*, auth.getJwtToken)")
	cases := []struct {
		origin, request string
		want            Decision
	}{
		{"http://my-web-server0", "voice.dial", Decision{true, "http://my-web-server0", "", "entry http://my-web-server0 has no filter: every request but auth.getJwtToken is allowed"}},
		{"HTTP://MY-WEB-SERVER1:80", "voice.dial", Decision{true, "http://my-web-server1", "*", "entry http://my-web-server1 allows voice.dial through keyword *"}},
		{"http://my-web-server2", "agent.get", Decision{true, "http://my-web-server2", "agent.*", "entry http://my-web-server2 allows agent.get through keyword agent.*"}},
		{"http://my-web-server2", "voice.dial", Decision{true, "http://my-web-server2", "voice.dial", "entry http://my-web-server2 names voice.dial"}},
		{"http://my-web-server2", "voice.dialEx", Decision{false, "http://my-web-server2", "", "no filter of an entry for the origin allows voice.dialEx"}},
		{"http://my-web-server2", "system.getAllowedServices", Decision{true, "*", "system.getAllowedServices", "entry * names system.getAllowedServices"}},
		{"http://my-web-server1", "auth.getJwtToken", Decision{false, "http://my-web-server1", "", "no entry for the origin names auth.getJwtToken explicitly"}},
		{"https://jwt.example", "auth.getJwtToken", Decision{true, "https://jwt.example", "auth.getJwtToken", "entry https://jwt.example names auth.getJwtToken"}},
		{"http://my-web-server2", "agentX.get", Decision{false, "http://my-web-server2", "", "no filter of an entry for the origin allows agentX.get"}},
		{"http://my-web-server2", "Agent.get", Decision{false, "http://my-web-server2", "", "no filter of an entry for the origin allows Agent.get"}},
		{"http://my-web-server2", "voice.dialX", Decision{false, "http://my-web-server2", "", "no filter of an entry for the origin allows voice.dialX"}},
		{"http://stranger", "voice.dial", Decision{false, "*", "", "no filter of an entry for the origin allows voice.dial"}},
		{"null", "system.getAllowedServices", Decision{true, "*", "system.getAllowedServices", "entry * names system.getAllowedServices"}},
		{"http://my-web-server0", "", Decision{false, "http://my-web-server0", "", `"" is not a request name (namespace.method)`}},
		{"http://my-web-server0", "voice.", Decision{false, "http://my-web-server0", "", `"voice." is not a request name (namespace.method)`}},
	}
	for _, c := range cases {
		if got := l.Decide(c.origin, c.request); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Decide(%q, %q)\n got %#v\nwant %#v", c.origin, c.request, got, c.want)
		}
	}
	empty := MustParse("")
	if got, want := empty.Decide("http://a", "voice.dial"), (Decision{Reason: `origin "http://a" matches no entry`}); got != want {
		t.Errorf("empty list: %#v, want %#v", got, want)
	}
	var nilList *List
	if nilList.Decide("http://a", "voice.dial").Allowed || nilList.Listed("http://a") {
		t.Error("a nil list allows something")
	}
}

func TestListed(t *testing.T) {
	l := MustParse("http://a (), https://b:8443 (voice.dial)")
	for origin, want := range map[string]bool{
		"http://a": true, "http://A:80": true, "https://b:8443": true, "https://b": false, "null": false, "http://c": false,
	} {
		if got := l.Listed(origin); got != want {
			t.Errorf("Listed(%q) = %v, want %v", origin, got, want)
		}
	}
	if !MustParse("*").Listed("null") {
		t.Error(`"*" does not list the opaque origin "null" (INT-ORIGIN-8)`)
	}
}

func TestAllowedServices(t *testing.T) {
	l := MustParse(fourServers)
	requests := []string{"agent.get", "voice.dial", "voice.dialEx", "auth.getJwtToken", "interaction.setUserData"}
	cases := map[string][]string{
		"http://my-web-server0": {"agent.get", "voice.dial", "voice.dialEx", "interaction.setUserData"},
		"http://my-web-server2": {"agent.get", "voice.dial"},
		"http://my-web-server3": {"agent.get", "interaction.setUserData"},
		"http://my-web-server9": {},
	}
	for origin, want := range cases {
		if got := l.AllowedServices(origin, requests); !reflect.DeepEqual(got, want) {
			t.Errorf("AllowedServices(%q) = %q, want %q", origin, got, want)
		}
	}
}
