package options

import "testing"

// TestDefaults are the documented defaults (DESIGN.md, Option defaults).
func TestDefaults(t *testing.T) {
	want := map[string]string{
		"service-client-api.accepted-web-content-origins": "",
		"service-client-api.rate-limit":                   "0",
		"service-client-api.rate-limit-quarantine-delay":  "30",
		"service-client-api.user-data.read-allowed":       "*",
		"service-client-api.user-data.write-allowed":      "*",
	}
	got := Defaults()
	if len(got) != len(want) {
		t.Fatalf("Defaults() has %d keys, want %d", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("default of %s = %q, want %q", k, got[k], v)
		}
	}
	got[RateLimit] = "changed"
	if Defaults()[RateLimit] != "0" {
		t.Error("Defaults() shares its map")
	}
}

func TestValue(t *testing.T) {
	o := map[string]string{RateLimit: "50", RateLimitPrefix + "voice.dial": "4", "other.option": "x"}
	cases := []struct {
		key, want string
		ok        bool
	}{
		{RateLimit, "50", true},
		{QuarantineDelay, "30", true},
		{RateLimitPrefix + "voice.dial", "4", true},
		{RateLimitPrefix + "email.create", "0", true},
		{UserDataReadAllowed, "*", true},
		{AcceptedOrigins, "", true},
		{RateLimitPrefix, "", false},
		{"other.option", "", false},
	}
	for _, c := range cases {
		if got, ok := Value(o, c.key); got != c.want || ok != c.ok {
			t.Errorf("Value(%q) = %q, %v; want %q, %v", c.key, got, ok, c.want, c.ok)
		}
	}
}

func TestIsKnown(t *testing.T) {
	for key, want := range map[string]bool{
		AcceptedOrigins: true, RateLimit: true, QuarantineDelay: true, UserDataReadAllowed: true,
		UserDataWriteAllowed: true, RateLimitPrefix + "voice.dial": true, RateLimitPrefix: false,
		"service-client-api.rate-limits": false, "": false,
	} {
		if IsKnown(key) != want {
			t.Errorf("IsKnown(%q) = %v", key, !want)
		}
	}
}
