package ratelimit

import (
	"reflect"
	"testing"
	"time"

	"scapi-conformance/contract/options"
)

func TestParseOptions(t *testing.T) {
	got, err := ParseOptions(map[string]string{
		options.RateLimit:                                      " 50\t",
		options.QuarantineDelay:                                "0",
		options.RateLimitPrefix + "voice.dial":                 "4",
		options.RateLimitPrefix + "email.create":               "0",
		options.RateLimitPrefix + "sipEndpoint.muteMicrophone": "2147483647",
		options.UserDataReadAllowed:                            "not a number, not ours",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Global: 50, QuarantineDelay: 0, PerRequest: map[string]int{"voice.dial": 4, "sipEndpoint.muteMicrophone": 2147483647}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseOptions = %+v, want %+v", got, want)
	}
}

func TestParseOptionsErrors(t *testing.T) {
	cases := []struct {
		key, value, err string
	}{
		{options.RateLimit, "", `service-client-api.rate-limit="": byte offset 0: expected a whole number of 0 or more`},
		{options.RateLimit, "  ", `service-client-api.rate-limit="  ": byte offset 2: expected a whole number of 0 or more`},
		{options.RateLimit, "-1", `service-client-api.rate-limit="-1": byte offset 0: expected a decimal digit (a whole number of 0 or more)`},
		{options.RateLimit, "5 0", `service-client-api.rate-limit="5 0": byte offset 1: expected a decimal digit (a whole number of 0 or more)`},
		{options.RateLimit, "1e3", `service-client-api.rate-limit="1e3": byte offset 1: expected a decimal digit (a whole number of 0 or more)`},
		{options.QuarantineDelay, "30s", `service-client-api.rate-limit-quarantine-delay="30s": byte offset 2: expected a decimal digit (a whole number of 0 or more)`},
		{options.QuarantineDelay, "2147483648", `service-client-api.rate-limit-quarantine-delay="2147483648": byte offset 0: expected a number no larger than 2147483647`},
		{options.RateLimitPrefix + "voice.dial", "four", `service-client-api.rate-limit.voice.dial="four": byte offset 0: expected a decimal digit (a whole number of 0 or more)`},
		{options.RateLimitPrefix + "voice", "4", `service-client-api.rate-limit.voice: bad option name: expected "service-client-api.rate-limit." followed by a request name namespace.method`},
		{options.RateLimitPrefix + "voice.dial.x", "4", `service-client-api.rate-limit.voice.dial.x: bad option name: expected "service-client-api.rate-limit." followed by a request name namespace.method`},
		{options.RateLimitPrefix, "4", `service-client-api.rate-limit.: bad option name: expected "service-client-api.rate-limit." followed by a request name namespace.method`},
	}
	for _, c := range cases {
		_, err := ParseOptions(map[string]string{c.key: c.value})
		if err == nil {
			t.Errorf("%s=%q: no error, want %s", c.key, c.value, c.err)
			continue
		}
		if _, ok := err.(*OptionError); !ok || err.Error() != c.err {
			t.Errorf("%s=%q: error %T\n got %s\nwant %s", c.key, c.value, err, err, c.err)
		}
	}
}

// TestParseOptionsFirstErrorIsStable: with several bad per-request keys the
// error names the first in sorted order, whatever the map order.
func TestParseOptionsFirstErrorIsStable(t *testing.T) {
	o := map[string]string{}
	for _, r := range []string{"voice.dial", "agent.get", "email.create", "media.setState"} {
		o[options.RateLimitPrefix+r] = "x"
	}
	for range 20 {
		_, err := ParseOptions(o)
		if err == nil || err.(*OptionError).Option != options.RateLimitPrefix+"agent.get" {
			t.Fatalf("error %v, want the one of agent.get", err)
		}
	}
}

func TestLimitPrecedence(t *testing.T) {
	c := Config{Global: 10, PerRequest: map[string]int{"voice.dial": 4, "email.create": 20}}
	for _, x := range []struct {
		request string
		limit   int
		own     bool
	}{{"voice.dial", 4, true}, {"email.create", 20, true}, {"agent.get", 10, false}} {
		if l, own := c.Limit(x.request); l != x.limit || own != x.own {
			t.Errorf("Limit(%s) = %d, %v; want %d, %v", x.request, l, own, x.limit, x.own)
		}
	}
}

func TestVariants(t *testing.T) {
	c := Config{Global: 3, QuarantineDelay: time.Minute}
	vs := Variants(c)
	if len(vs) != 8 || !vs[0].Strict() || len(vs[0].Departures()) != 0 {
		t.Fatalf("Variants: %d, first strict %v", len(vs), vs[0].Strict())
	}
	seen := map[[3]int]bool{}
	for _, v := range vs[1:] {
		if v.Strict() || len(v.Departures()) == 0 || v.Global != 3 || v.QuarantineDelay != time.Minute {
			t.Errorf("variant %+v", v)
		}
		seen[[3]int{int(v.Counting), int(v.Window), int(v.AfterQuarantine)}] = true
	}
	if len(seen) != 7 {
		t.Errorf("%d distinct lenient variants, want 7", len(seen))
	}
	all := Config{Counting: Shared, Window: Anchored, AfterQuarantine: ResetCount}
	if got, want := all.Departures(), []string{"INT-RATE-1", "INT-RATE-3", "INT-RATE-4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Departures = %v, want %v", got, want)
	}
}
