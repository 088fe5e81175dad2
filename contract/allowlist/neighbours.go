package allowlist

import (
	"net/url"
	"strconv"
)

// StrangerOrigin is an origin no configuration lists (under the reserved
// example.net domain): the origin the conformance specs present as a
// stranger to an allow-list, and that the drivers can present.
const StrangerOrigin = "https://stranger.example.net"

// Neighbours returns origins next to origin that no allow-list entry for it
// admits: a longer host, a shorter host and another port (8443 for an
// origin on its default port, the next port otherwise). They are what an
// implementation comparing origins by prefix, or ignoring the port, would
// wrongly accept. An origin that does not parse, or whose host is one
// character long (no shorter host), has fewer.
func Neighbours(origin string) []string {
	u, err := url.Parse(origin)
	if err != nil || u.Hostname() == "" {
		return nil
	}
	host, port := u.Hostname(), u.Port()
	withPort := func(h, p string) string {
		if p == "" {
			return u.Scheme + "://" + h
		}
		return u.Scheme + "://" + h + ":" + p
	}
	other := "8443"
	if n, err := strconv.Atoi(port); err == nil {
		other = strconv.Itoa(n%65535 + 1)
	}
	out := []string{withPort(host+"x", port)}
	if len(host) >= 2 {
		out = append(out, withPort(host[:len(host)-1], port))
	}
	return append(out, withPort(host, other))
}
