package allowlist

import (
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"scapi-conformance/contract"
)

// seedValues are the documented values (Security configuration > Origin, Auth
// namespace) and a few edge cases; testdata/fuzz holds more.
var seedValues = []string{
	"",
	"*",
	"http://my-web-server",
	"http://my-web-server, http://my-second-web-server, http://my-third-web-server",
	fourServers,
	"https://genesyspureengage.github.io (*, auth.getJwtToken)",
	"http://my-web-server1 (*)",
	"http://my-web-server3 (agent.*, interaction.*)",
	"* (agent.*), http://a ()",
}

// catalogRequests are every allow-list keyword of the catalog.
func catalogRequests() []string {
	var out []string
	for _, m := range contract.Catalog() {
		if m.AllowKeyword != "" {
			out = append(out, m.AllowKeyword)
		}
	}
	return out
}

// FuzzParse: a malformed value gives a well-formed error; a valid one
// round-trips through its canonical form and does not depend on blanks or on
// the case of origins.
func FuzzParse(f *testing.F) {
	for _, v := range seedValues {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, value string) {
		l, warns, err := Parse(value)
		if err != nil {
			checkParseError(t, value, err)
			return
		}
		for _, w := range warns {
			if w.Offset < 0 || w.Offset > len(value) || w.Message == "" || w.Code == "" {
				t.Fatalf("bad warning %#v for %q", w, value)
			}
		}
		canonical := l.String()
		for _, other := range append(respellings(l), canonical) {
			l2, warns2, err := Parse(other)
			if err != nil {
				t.Fatalf("Parse(%q) (from %q): %v", other, value, err)
			}
			if !reflect.DeepEqual(l2.Entries(), l.Entries()) {
				t.Fatalf("Parse(%q) = %#v, want %#v (from %q)", other, l2.Entries(), l.Entries(), value)
			}
			if !reflect.DeepEqual(codes(warns2), codes(withoutPaths(warns))) {
				t.Fatalf("warnings of %q: %v, of %q: %v", other, warns2, value, warns)
			}
		}
	})
}

func checkParseError(t *testing.T, value string, err error) {
	t.Helper()
	pe, ok := err.(*ParseError)
	if !ok {
		t.Fatalf("Parse(%q) error type %T", value, err)
	}
	if pe.Offset < 0 || pe.Offset > len(value) || pe.Expected == "" || pe.Found == "" {
		t.Fatalf("Parse(%q): malformed error %#v", value, pe)
	}
	if !strings.Contains(pe.Error(), "byte offset "+strconv.Itoa(pe.Offset)) {
		t.Fatalf("error %q does not name its offset", pe)
	}
}

func codes(ws []Warning) []WarningCode {
	var out []WarningCode
	for _, w := range ws {
		out = append(out, w.Code)
	}
	return out
}

func withoutPaths(ws []Warning) []Warning {
	var out []Warning
	for _, w := range ws {
		if w.Code != WarnPathIgnored {
			out = append(out, w)
		}
	}
	return out
}

// FuzzDecide: the matcher agrees with the simple matcher, never grants
// auth.getJwtToken through a wildcard, does not depend on blanks or case, and
// adding an entry (before or after) never removes a permission.
func FuzzDecide(f *testing.F) {
	for _, v := range seedValues {
		f.Add(v, "http://my-web-server2", "agent.get", "http://other (voice.dial)")
		f.Add(v, "HTTPS://GENESYSPUREENGAGE.GITHUB.IO:443", "auth.getJwtToken", "* (auth.*)")
	}
	requests := catalogRequests()
	f.Fuzz(func(t *testing.T, value, origin, request, extra string) {
		l, _, err := Parse(value)
		if err != nil {
			return
		}
		for _, r := range probes(l, request) {
			d := l.Decide(origin, r)
			if simple := simpleDecide(value, origin, r); simple != d.Allowed {
				t.Fatalf("Decide(%q, %q) on %q = %#v, simple matcher says %v", origin, r, value, d, simple)
			}
			checkDecision(t, l, origin, r, d)
		}
		d := l.Decide(origin, request)
		for _, other := range respellings(l) {
			if d2 := MustParse(other).Decide(origin, request); d2 != d {
				t.Fatalf("Decide(%q, %q) on %q = %#v, on %q = %#v", origin, request, value, d, other, d2)
			}
		}
		if strings.TrimSpace(value) == "" || strings.TrimSpace(extra) == "" {
			return
		}
		for _, bigger := range []string{value + "," + extra, extra + "," + value} {
			lb, _, err := Parse(bigger)
			if err != nil {
				continue
			}
			for _, r := range append(requests, request) {
				if l.Decide(origin, r).Allowed && !lb.Decide(origin, r).Allowed {
					t.Fatalf("adding %q to %q removes %s for %q", extra, value, r, origin)
				}
			}
		}
	})
}

// probes are the requests worth asking about a list: the fuzzed one, the
// keywords of the list and near misses of them (another namespace sharing a
// prefix, a namespace cut short, a case change), and auth.getJwtToken.
func probes(l *List, request string) []string {
	out := []string{request, JwtRequest, "auth.other", "agent.get"}
	for _, e := range l.Entries() {
		for _, kw := range e.Keywords {
			ns, method, ok := strings.Cut(kw, ".")
			if !ok {
				continue
			}
			if method == "*" {
				method = "x"
			}
			out = append(out, ns+"."+method, ns+"X."+method, ns[:len(ns)-1]+"."+method, strings.ToUpper(ns)+"."+method, ns+"."+method+"X")
		}
	}
	return out
}

// checkDecision checks the invariants of one decision.
func checkDecision(t *testing.T, l *List, origin, request string, d Decision) {
	t.Helper()
	if d.Reason == "" {
		t.Fatalf("Decide(%q, %q): no reason", origin, request)
	}
	if request == JwtRequest && d.Allowed && d.Filter != JwtRequest {
		t.Fatalf("%s granted to %q by %#v (wildcard)", JwtRequest, origin, d)
	}
	norm, err := NormalizeOrigin(origin)
	if d.Entry != "" && d.Entry != AnyOrigin && (err != nil || d.Entry != norm) {
		t.Fatalf("Decide(%q, %q) decided by entry %q of another origin", origin, request, d.Entry)
	}
	if l.Listed(origin) != (d.Entry != "") {
		t.Fatalf("Listed(%q) = %v but decision %#v", origin, l.Listed(origin), d)
	}
	if err == nil {
		up := l.Decide(strings.ToUpper(origin), request)
		if up.Allowed != d.Allowed || up.Entry != d.Entry || up.Filter != d.Filter {
			t.Fatalf("Decide(%q) = %#v but Decide(%q) = %#v", origin, d, strings.ToUpper(origin), up)
		}
	}
}

// FuzzNormalizeOrigin: errors are well-formed; a result is a canonical
// http(s) origin, idempotent, independent of case, and agrees with net/url on
// plain host names.
func FuzzNormalizeOrigin(f *testing.F) {
	for _, c := range originCases {
		f.Add(c.in)
	}
	for _, c := range badOrigins {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := NormalizeOrigin(s)
		if err != nil {
			checkParseError(t, s, err)
			return
		}
		if again, err := NormalizeOrigin(o); err != nil || again != o {
			t.Fatalf("NormalizeOrigin(%q) = %q, but NormalizeOrigin(%q) = %q, %v", s, o, o, again, err)
		}
		if o != strings.ToLower(o) || !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://") || strings.Contains(o[len("https://"):], "/") {
			t.Fatalf("NormalizeOrigin(%q) = %q is not a canonical origin", s, o)
		}
		if up, err := NormalizeOrigin(strings.ToUpper(s)); err != nil || up != o {
			t.Fatalf("NormalizeOrigin(%q) = %q, %v; of the lower case %q", strings.ToUpper(s), up, err, o)
		}
		if want, ok := netURLOrigin(s); ok && want != o {
			t.Fatalf("NormalizeOrigin(%q) = %q, net/url gives %q", s, o, want)
		}
	})
}

// netURLOrigin computes the origin of s with net/url when s is a plain case
// (letters, digits, '-' and '.' in a host that does not end in a number).
func netURLOrigin(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil || u.User != nil || u.Opaque != "" || u.Host == "" {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	if strings.Trim(host, "abcdefghijklmnopqrstuvwxyz0123456789-.") != "" || endsInNumber(host) || strings.HasPrefix(u.Host, "[") {
		return "", false
	}
	scheme := strings.ToLower(u.Scheme)
	origin := scheme + "://" + host
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n > 65535 {
			return "", false
		}
		if strconv.Itoa(n) != defaultPort(scheme) {
			origin += ":" + strconv.Itoa(n)
		}
	}
	return origin, true
}
