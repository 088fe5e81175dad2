package allowlist

import "testing"

// originCases are inputs with the origin a browser reports for them
// (new URL(x).origin); browser_test.go checks every one against Chromium.
var originCases = []struct{ in, want string }{
	{"http://my-web-server", "http://my-web-server"},
	{"http://my-web-server/path/page.html", "http://my-web-server"},
	{"http://my-web-server/", "http://my-web-server"},
	{"HTTP://My-Web-Server", "http://my-web-server"},
	{"HtTpS://EXAMPLE.com:443", "https://example.com"},
	{"http://example.com:80", "http://example.com"},
	{"http://example.com:0080/", "http://example.com"},
	{"http://example.com:443", "http://example.com:443"},
	{"https://example.com:80", "https://example.com:80"},
	{"https://example.com:8443/x?y#z", "https://example.com:8443"},
	{"http://example.com:", "http://example.com"},
	{"http://example.com?q", "http://example.com"},
	{"http://example.com#f", "http://example.com"},
	{"http://a_b.example", "http://a_b.example"},
	{"http://example.com.", "http://example.com."},
	{"http://localhost:8080", "http://localhost:8080"},
	{"http://127.0.0.1:3000", "http://127.0.0.1:3000"},
	{"http://0x7f.1", "http://127.0.0.1"},
	{"http://2130706433", "http://127.0.0.1"},
	{"http://0177.0.0.1", "http://127.0.0.1"},
	{"http://127.1", "http://127.0.0.1"},
	{"http://1.2.3.4.", "http://1.2.3.4"},
	{"http://0x", "http://0.0.0.0"},
	{"http://[::1]", "http://[::1]"},
	{"http://[::1]:80", "http://[::1]"},
	{"http://[0:0:0:0:0:0:0:1]:8080", "http://[::1]:8080"},
	{"http://[2001:DB8:0:0:1:0:0:1]", "http://[2001:db8::1:0:0:1]"},
	{"http://[::ffff:1.2.3.4]", "http://[::ffff:102:304]"},
	{"http://[1:0:0:2:0:0:0:3]", "http://[1:0:0:2::3]"},
	{"http://[1:2:3:4:5:6:7:0]", "http://[1:2:3:4:5:6:7:0]"},
}

func TestNormalizeOrigin(t *testing.T) {
	for _, c := range originCases {
		got, err := NormalizeOrigin(c.in)
		if err != nil || got != c.want {
			t.Errorf("NormalizeOrigin(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

// badOrigins are refused, with the exact error (INT-ORIGIN-2).
var badOrigins = []struct{ in, err string }{
	{"", `service-client-api.accepted-web-content-origins: byte offset 0: expected an origin starting with "http://" or "https://", found end of value`},
	{"my-web-server", `service-client-api.accepted-web-content-origins: byte offset 0: expected an origin starting with "http://" or "https://", found "my-web-server"`},
	{"ftp://example.com", `service-client-api.accepted-web-content-origins: byte offset 0: expected an origin starting with "http://" or "https://", found "ftp://example.com"`},
	{"null", `service-client-api.accepted-web-content-origins: byte offset 0: expected an origin starting with "http://" or "https://", found "null"`},
	{"http:example.com", `service-client-api.accepted-web-content-origins: byte offset 0: expected an origin starting with "http://" or "https://", found "http:example.com"`},
	{"http://", `service-client-api.accepted-web-content-origins: byte offset 7: expected a host name, found end of value`},
	{"http://:80", `service-client-api.accepted-web-content-origins: byte offset 7: expected a host name, found ':'`},
	{"http://user@example.com", `service-client-api.accepted-web-content-origins: byte offset 11: expected a host (user information is not allowed in an origin), found '@'`},
	{"http://*.example.com", `service-client-api.accepted-web-content-origins: byte offset 7: expected a host name character (ASCII letter, digit, '-', '.' or '_'; write IDN hosts in punycode), found '*'`},
	{"http://bücher.de", `service-client-api.accepted-web-content-origins: byte offset 8: expected a host name character (ASCII letter, digit, '-', '.' or '_'; write IDN hosts in punycode), found 'ü'`},
	{"http://ex%41mple.com", `service-client-api.accepted-web-content-origins: byte offset 9: expected a host name character (ASCII letter, digit, '-', '.' or '_'; write IDN hosts in punycode), found '%'`},
	{"http://a\xffb", `service-client-api.accepted-web-content-origins: byte offset 8: expected a host name character (ASCII letter, digit, '-', '.' or '_'; write IDN hosts in punycode), found byte 0xff`},
	{"http://example.com:8o", `service-client-api.accepted-web-content-origins: byte offset 20: expected a port number (digits), found 'o'`},
	{"http://example.com:65536", `service-client-api.accepted-web-content-origins: byte offset 19: expected a port number up to 65535, found "65536"`},
	{"http://256.0.0.1", `service-client-api.accepted-web-content-origins: byte offset 7: expected a valid IPv4 address (the host ends in a number), found "256.0.0.1"`},
	{"http://1.2.3.4.5", `service-client-api.accepted-web-content-origins: byte offset 7: expected a valid IPv4 address (the host ends in a number), found "1.2.3.4.5"`},
	{"http://example.09", `service-client-api.accepted-web-content-origins: byte offset 7: expected a valid IPv4 address (the host ends in a number), found "example.09"`},
	{"http://[::1", `service-client-api.accepted-web-content-origins: byte offset 11: expected ']' closing the IPv6 address, found end of value`},
	{"http://[::1]x", `service-client-api.accepted-web-content-origins: byte offset 12: expected ':' and a port, or the end of the origin, found 'x'`},
	{"http://[1.2.3.4]", `service-client-api.accepted-web-content-origins: byte offset 8: expected an IPv6 address between '[' and ']', found "1.2.3.4"`},
	{"http://[fe80::1%25eth0]", `service-client-api.accepted-web-content-origins: byte offset 8: expected an IPv6 address between '[' and ']', found "fe80::1%25eth0"`},
}

func TestNormalizeOriginErrors(t *testing.T) {
	for _, c := range badOrigins {
		got, err := NormalizeOrigin(c.in)
		if err == nil {
			t.Errorf("NormalizeOrigin(%q) = %q, want error %s", c.in, got, c.err)
			continue
		}
		if err.Error() != c.err {
			t.Errorf("NormalizeOrigin(%q) error\n got %s\nwant %s", c.in, err, c.err)
		}
	}
}
