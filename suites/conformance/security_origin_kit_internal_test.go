package conformance

import (
	"strings"
	"testing"

	"scapi-conformance/contract"
	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/interp"
)

// auth.getJwtToken granted by a wildcard or a bare entry is a failure in
// every mode (INT-ORIGIN-7): no lenient reading may excuse it, and the
// interpretations cited by security.origin.7 offer none.
func TestJwtWildcardGrantHasNoLenientReading(t *testing.T) {
	const o = "https://page.example"
	jwt, ok := contract.Lookup(allowlist.JwtRequest)
	if !ok {
		t.Fatalf("%s is not in the catalog", allowlist.JwtRequest)
	}
	for _, value := range []string{o, o + " (*)", o + " (auth.*)", "* (*)", "*", o + " (auth.*, agent.get)"} {
		if id := originLenientGrant(allowlist.MustParse(value), o, jwt); id != "" {
			t.Errorf("%q: answering %s is excused as NON-STRICT under %s", value, allowlist.JwtRequest, id)
		}
	}
	for _, id := range []string{"INT-ORIGIN-7", "INT-CAT-11"} {
		i, ok := interp.Lookup(id)
		switch {
		case !ok:
			t.Errorf("%s is not registered", id)
		case i.Lenient != "":
			t.Errorf("%s has a lenient reading %q", id, i.Lenient)
		}
	}
	origin, _ := interp.Lookup("INT-ORIGIN-7")
	cat, _ := interp.Lookup("INT-CAT-11")
	if !strings.Contains(cat.Strict, "INT-ORIGIN-7") || !strings.HasSuffix(cat.Strict, origin.Strict) {
		t.Errorf("INT-CAT-11 %q does not point at INT-ORIGIN-7 %q", cat.Strict, origin.Strict)
	}
}
