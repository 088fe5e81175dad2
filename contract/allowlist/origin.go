package allowlist

import (
	"net/netip"
	"strconv"
	"strings"
)

// NormalizeOrigin returns the origin of s as a browser reports it in
// event.origin (the WHATWG URL "origin" of s): lower-case scheme and host,
// no default port (80 for http, 443 for https), IPv4 and IPv6 hosts in their
// canonical form, and no path, query or fragment. Only http and https are
// accepted; anything that would not be an http(s) origin is an error
// (*ParseError, offsets into s). See INT-ORIGIN-2 for the accepted subset.
func NormalizeOrigin(s string) (string, error) {
	o, _, err := parseOrigin(s)
	if err != nil {
		return "", err
	}
	return o, nil
}

// parseOrigin splits s into its normalised origin and the rest it ignores
// (path, query, fragment; "" if none).
func parseOrigin(s string) (origin, rest string, err *ParseError) {
	i := 0
	for i < len(s) && isSchemeByte(s[i], i == 0) {
		i++
	}
	scheme := strings.ToLower(s[:i])
	if scheme != "http" && scheme != "https" || !strings.HasPrefix(s[i:], "://") {
		return "", "", &ParseError{Offset: 0, Expected: `an origin starting with "http://" or "https://"`, Found: quoteToken(s)}
	}
	start := i + len("://")
	end := len(s)
	if i := strings.IndexAny(s[start:], "/?#"); i >= 0 {
		end = start + i
	}
	host, port, perr := splitAuthority(s, start, end)
	if perr != nil {
		return "", "", perr
	}
	origin = scheme + "://" + host
	if port != "" && port != defaultPort(scheme) {
		origin += ":" + port
	}
	return origin, s[end:], nil
}

// splitAuthority parses s[start:end] as host[:port] and returns the
// normalised host and port ("" when absent).
func splitAuthority(s string, start, end int) (host, port string, err *ParseError) {
	auth := s[start:end]
	if at := strings.IndexByte(auth, '@'); at >= 0 {
		return "", "", &ParseError{Offset: start + at, Expected: "a host (user information is not allowed in an origin)", Found: "'@'"}
	}
	hostEnd := len(auth)
	if strings.HasPrefix(auth, "[") {
		closeAt := strings.IndexByte(auth, ']')
		if closeAt < 0 {
			return "", "", &ParseError{Offset: start + len(auth), Expected: "']' closing the IPv6 address", Found: describeAt(s, start+len(auth))}
		}
		hostEnd = closeAt + 1
		if hostEnd < len(auth) && auth[hostEnd] != ':' {
			return "", "", &ParseError{Offset: start + hostEnd, Expected: "':' and a port, or the end of the origin", Found: describeAt(s, start+hostEnd)}
		}
		host, err = parseIPv6(auth[1:closeAt], start+1)
	} else {
		if c := strings.IndexByte(auth, ':'); c >= 0 {
			hostEnd = c
		}
		host, err = parseHost(s, start, start+hostEnd)
	}
	if err != nil {
		return "", "", err
	}
	if hostEnd < len(auth) {
		port, err = parsePort(s, start+hostEnd+1, end)
	}
	return host, port, err
}

// parseHost parses the domain or IPv4 host s[start:end].
func parseHost(s string, start, end int) (string, *ParseError) {
	if start == end {
		return "", &ParseError{Offset: start, Expected: "a host name", Found: describeAt(s, start)}
	}
	for i := start; i < end; i++ {
		if !isHostByte(s[i]) {
			return "", &ParseError{Offset: i, Expected: "a host name character (ASCII letter, digit, '-', '.' or '_'; write IDN hosts in punycode)", Found: describeAt(s, i)}
		}
	}
	host := strings.ToLower(s[start:end])
	if !endsInNumber(host) {
		return host, nil
	}
	v4, ok := parseIPv4(host)
	if !ok {
		return "", &ParseError{Offset: start, Expected: "a valid IPv4 address (the host ends in a number)", Found: strconv.Quote(host)}
	}
	return v4, nil
}

// parsePort parses the port s[start:end] ("" for an empty port).
func parsePort(s string, start, end int) (string, *ParseError) {
	n := 0
	for i := start; i < end; i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", &ParseError{Offset: i, Expected: "a port number (digits)", Found: describeAt(s, i)}
		}
		n = n*10 + int(s[i]-'0')
		if n > 65535 {
			return "", &ParseError{Offset: start, Expected: "a port number up to 65535", Found: strconv.Quote(s[start:end])}
		}
	}
	if start == end {
		return "", nil
	}
	return strconv.Itoa(n), nil
}

// parseIPv6 parses the bracketed address text (without brackets) at offset
// start and serialises it as the URL standard does.
func parseIPv6(text string, start int) (string, *ParseError) {
	a, err := netip.ParseAddr(text)
	if err != nil || !a.Is6() || a.Zone() != "" || strings.ContainsAny(text, "%") {
		return "", &ParseError{Offset: start, Expected: "an IPv6 address between '[' and ']'", Found: strconv.Quote(text)}
	}
	return "[" + serializeIPv6(a.As16()) + "]", nil
}

// serializeIPv6 writes the 16 bytes the way the URL standard does: lower-case
// hex pieces without leading zeros, the first longest run of two or more zero
// pieces compressed to "::", and never a dotted IPv4 tail.
func serializeIPv6(b [16]byte) string {
	var pieces [8]uint16
	for i := range pieces {
		pieces[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	bestStart, bestLen := -1, 1
	for i := 0; i < 8; {
		if pieces[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && pieces[j] == 0 {
			j++
		}
		if j-i > bestLen {
			bestStart, bestLen = i, j-i
		}
		i = j
	}
	var sb strings.Builder
	for i := 0; i < 8; i++ {
		if i == bestStart {
			sb.WriteString("::")
			i += bestLen - 1
			continue
		}
		if sb.Len() > 0 && !strings.HasSuffix(sb.String(), ":") {
			sb.WriteByte(':')
		}
		sb.WriteString(strconv.FormatUint(uint64(pieces[i]), 16))
	}
	return sb.String()
}

// endsInNumber is the URL standard's "ends in a number" test of a host.
func endsInNumber(host string) bool {
	parts := strings.Split(host, ".")
	if parts[len(parts)-1] == "" {
		if len(parts) == 1 {
			return false
		}
		parts = parts[:len(parts)-1]
	}
	last := parts[len(parts)-1]
	if last != "" && strings.Trim(last, "0123456789") == "" {
		return true
	}
	_, ok := parseIPv4Number(last)
	return ok
}

// parseIPv4 is the URL standard's IPv4 parser (decimal, octal and hex parts,
// one to four of them); it returns the dotted-decimal form.
func parseIPv4(host string) (string, bool) {
	parts := strings.Split(host, ".")
	if parts[len(parts)-1] == "" && len(parts) > 1 {
		parts = parts[:len(parts)-1]
	}
	if len(parts) > 4 {
		return "", false
	}
	nums := make([]uint64, len(parts))
	for i, p := range parts {
		n, ok := parseIPv4Number(p)
		if !ok {
			return "", false
		}
		nums[i] = n
	}
	for _, n := range nums[:len(nums)-1] {
		if n > 255 {
			return "", false
		}
	}
	last := nums[len(nums)-1]
	if last >= 1<<(8*(5-len(nums))) {
		return "", false
	}
	addr := last
	for i, n := range nums[:len(nums)-1] {
		addr += n << (8 * (3 - i))
	}
	return netip.AddrFrom4([4]byte{byte(addr >> 24), byte(addr >> 16), byte(addr >> 8), byte(addr)}).String(), true
}

// parseIPv4Number parses one IPv4 part: "0x" hex, leading-zero octal or
// decimal. Values are capped just above 2^32 (enough to fail range checks).
func parseIPv4Number(p string) (uint64, bool) {
	if p == "" {
		return 0, false
	}
	base := uint64(10)
	switch {
	case len(p) >= 2 && (p[:2] == "0x" || p[:2] == "0X"):
		p, base = p[2:], 16
	case len(p) >= 2 && p[0] == '0':
		p, base = p[1:], 8
	}
	var n uint64
	for i := 0; i < len(p); i++ {
		d, ok := digitValue(p[i])
		if !ok || d >= base {
			return 0, false
		}
		n = min(n*base+d, 1<<33)
	}
	return n, true
}

func digitValue(c byte) (uint64, bool) {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c - '0'), true
	case c >= 'a' && c <= 'f':
		return uint64(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return uint64(c-'A') + 10, true
	}
	return 0, false
}

func defaultPort(scheme string) string {
	if scheme == "https" {
		return "443"
	}
	return "80"
}

func isSchemeByte(c byte, first bool) bool {
	letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	return letter || !first && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')
}

func isHostByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
}

// quoteToken quotes s, shortened, for ParseError.Found ("end of value" if empty).
func quoteToken(s string) string {
	if s == "" {
		return "end of value"
	}
	return quoteShort(s)
}

// quoteShort quotes s, shortened for messages.
func quoteShort(s string) string {
	const limit = 40
	if len(s) > limit {
		return strconv.Quote(s[:limit]) + "…"
	}
	return strconv.Quote(s)
}
