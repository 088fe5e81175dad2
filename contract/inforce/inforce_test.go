package inforce

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/options"
)

// Every malformed option is an *OptionError naming it, with the parser's
// error inside; the first in Parse's order wins.
func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		name   string
		opts   map[string]string
		option string
		msg    string
		inName bool
	}{
		{"origins", map[string]string{options.AcceptedOrigins: "https://a.example.com (agent.*"}, options.AcceptedOrigins,
			`option service-client-api.accepted-web-content-origins: byte offset 30: expected ',' before the next keyword, or ')' closing the filter, found end of value`, false},
		{"rate limit", map[string]string{options.RateLimit: "five"}, options.RateLimit,
			`service-client-api.rate-limit="five": byte offset 0: expected a decimal digit (a whole number of 0 or more)`, false},
		{"per-request name", map[string]string{options.RateLimitPrefix + "dial": "2"}, options.RateLimitPrefix + "dial",
			`service-client-api.rate-limit.dial: bad option name: expected "service-client-api.rate-limit." followed by a request name namespace.method`, true},
		{"read list", map[string]string{options.UserDataReadAllowed: "a,,b"}, options.UserDataReadAllowed,
			`option service-client-api.user-data.read-allowed: user-data key list: byte offset 2: expected a user-data key or '*', found ','`, false},
		{"write list", map[string]string{options.UserDataWriteAllowed: ","}, options.UserDataWriteAllowed,
			`option service-client-api.user-data.write-allowed: user-data key list: byte offset 0: expected a user-data key or '*', found ','`, false},
		{"unknown", map[string]string{"service-client-api.colour": "blue"}, "service-client-api.colour",
			`unknown option "service-client-api.colour": the documented ones are the service-client-api.* options of the Security configuration`, true},
		{"unknown before a bad value", map[string]string{"service-client-api.colour": "blue", options.RateLimit: "x"}, "service-client-api.colour", "", true},
		{"origins before the rate limit", map[string]string{options.RateLimit: "x", options.AcceptedOrigins: "("}, options.AcceptedOrigins, "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse(c.opts)
			var oe *OptionError
			if p != nil || !errors.As(err, &oe) || oe.Option != c.option || oe.Unwrap() == nil || oe.InName != c.inName {
				t.Fatalf("Parse = %v, %v; want an *OptionError for %s, in its name: %v", p, err, c.option, c.inName)
			}
			if c.msg != "" && err.Error() != c.msg {
				t.Errorf("error\n%s\nwant\n%s", err, c.msg)
			}
			if off, ok := oe.ValueOffset(); ok == c.inName || ok && !strings.Contains(err.Error(), fmt.Sprintf("byte offset %d:", off)) {
				t.Errorf("ValueOffset = %d, %v for %s", off, ok, err)
			}
		})
	}
}

// ParseEach keeps the parts that parse and leaves out the others.
func TestParseEach(t *testing.T) {
	p, errs := ParseEach(map[string]string{options.AcceptedOrigins: "(", options.RateLimit: "3", options.UserDataReadAllowed: ",", "service-client-api.x": ""})
	if len(errs) != 3 || p.Origins() != nil || p.ReadKeys() != nil || p.WriteKeys() == nil {
		t.Fatalf("errors %v, origins %v read %v write %v; want 3 errors, origins and read left out", errs, p.Origins(), p.ReadKeys(), p.WriteKeys())
	}
	if c, ok := p.Rate(); !ok || c.Global != 3 || !p.RateLimited() {
		t.Errorf("rate %+v %v limited %v; want the global limit 3", c, ok, p.RateLimited())
	}
	if p.Readable("K") || p.Allows("https://a.example", "agent.get").Allowed || p.Origins().Listed("https://a.example") {
		t.Error("a part that did not parse allows something")
	}
	if got := p.FilterRead(map[string]any{"K": 1}); got == nil || len(got) != 0 {
		t.Errorf("FilterRead without a read list = %v, want an empty map", got)
	}
}

// Absent options take their documented defaults: nobody may call, no rate
// limit, every key readable and writable.
func TestDefaults(t *testing.T) {
	p, err := Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	c, ok := p.Rate()
	if !ok || p.RateLimited() || c.QuarantineDelay.Seconds() != 30 {
		t.Errorf("rate %+v limited %v; want unlimited with a 30 s quarantine", c, p.RateLimited())
	}
	if p.Origins().Listed("https://a.example") || !p.Readable("any") || !p.Writable("any") {
		t.Error("defaults: an origin is listed or a key is hidden")
	}
	if p.Value(options.QuarantineDelay) != "30" || p.Value("service-client-api.colour") != "" {
		t.Errorf("Value: %q %q", p.Value(options.QuarantineDelay), p.Value("service-client-api.colour"))
	}
}

// The decisions are those of the oracles: a wire name is judged under its
// catalog keyword, user data is filtered by read-allowed.
func TestDecisions(t *testing.T) {
	p, err := Parse(map[string]string{
		options.AcceptedOrigins:                "https://a.example (voice.*), https://b.example:8443 (*, auth.getJwtToken), https://c.example ()",
		options.RateLimitPrefix + "voice.dial": "2",
		options.UserDataReadAllowed:            "Key1,Key2", options.UserDataWriteAllowed: "Key1",
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		origin, request string
		allowed         bool
	}{
		{"https://a.example", "sipEndpoint.muteMicrophone", false}, // the keyword follows the wire name (INT-CAT-2)
		{"https://a.example", "voice.muteMicrophone", true},        // not a wire name: judged as itself
		{"https://a.example", "voice.dial", true},
		{"HTTPS://A.example:443", "voice.dial", true},
		{"https://a.example", "agent.get", false},
		{"https://b.example:8443", "auth.getJwtToken", true},
		{"https://b.example", "agent.get", false},
		{"https://c.example", "agent.get", false},
		{"null", "agent.get", false},
	} {
		d := p.Allows(c.origin, c.request)
		if d.Allowed != c.allowed || d != allowlist.MustParse(p.Value(options.AcceptedOrigins)).Decide(c.origin, AllowKeyword(c.request)) {
			t.Errorf("Allows(%s, %s) = %+v, want allowed %v and the allow-list's own decision", c.origin, c.request, d, c.allowed)
		}
	}
	if !p.Origins().Listed("https://c.example") || p.Origins().Listed("https://d.example") {
		t.Error("Listed: c is listed with an empty filter, d is not listed")
	}
	if got := p.Origins().Concrete(); !slices.Equal(got, []string{"https://a.example", "https://b.example:8443", "https://c.example"}) {
		t.Errorf("Concrete = %v", got)
	}
	if n := p.Origins().Breadth("https://a.example"); n == 0 || n >= p.Origins().Breadth("https://b.example:8443") {
		t.Errorf("Breadth(a) = %d, want fewer than b's %d and more than 0", n, p.Origins().Breadth("https://b.example:8443"))
	}
	if got := p.Origins().AllowedServices("https://a.example", []string{"agent.get", "voice.dial", "auth.getJwtToken"}); !slices.Equal(got, []string{"voice.dial"}) {
		t.Errorf("AllowedServices = %v", got)
	}
	if !p.Readable("Key2") || p.Writable("Key2") || !p.Writable("Key1") || p.Readable("Key3") {
		t.Error("read Key1,Key2 / write Key1 decided wrongly")
	}
	if got := p.FilterRead(map[string]any{"Key1": 1, "Key3": 3}); !maps.Equal(got, map[string]any{"Key1": 1}) {
		t.Errorf("FilterRead = %v", got)
	}
	if c, _ := p.Rate(); c.PerRequest["voice.dial"] != 2 || !p.RateLimited() {
		t.Errorf("rate %+v; want voice.dial 2", c)
	}
	c, _ := p.Rate()
	c.PerRequest["voice.dial"]++ // as a rate-limit mutant of the reference does
	if again, _ := p.Rate(); again.PerRequest["voice.dial"] != 2 {
		t.Errorf("changing the configuration Rate returned changed the policy: %+v", again)
	}
}

// A nil *Origins (origins that did not parse) refuses everything.
func TestNilOrigins(t *testing.T) {
	var o *Origins
	if o.Decide("https://a.example", "agent.get").Allowed || o.Listed("https://a.example") || len(o.Concrete()) != 0 {
		t.Error("a nil *Origins allows something")
	}
}

// An origin is parsed once and remembered up to maxOrigins; beyond that
// the decisions stay right.
func TestOriginsRemembered(t *testing.T) {
	o := NewOrigins(allowlist.MustParse("https://a.example"))
	for i := range maxOrigins + 10 {
		o.Listed(fmt.Sprintf("https://h%d.example", i))
	}
	if len(o.parsed) != maxOrigins {
		t.Errorf("remembers %d origins, want %d", len(o.parsed), maxOrigins)
	}
	if !o.Listed("https://a.example") || o.Listed("https://b.example") {
		t.Error("decisions past the memory's bound are wrong")
	}
}

// Origins may be shared: decisions from several goroutines agree (go test
// -race holds the memory safe).
func TestOriginsConcurrent(t *testing.T) {
	o := NewOrigins(allowlist.MustParse("https://a.example (agent.*)"))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				origin := fmt.Sprintf("https://h%d.example", (g*100+i)%50)
				if o.Decide(origin, "agent.get").Allowed || !o.Decide("https://a.example", "agent.get").Allowed {
					t.Errorf("wrong decision for %s or https://a.example", origin)
					return
				}
			}
		}()
	}
	wg.Wait()
}
