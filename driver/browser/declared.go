package browser

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"scapi-conformance/contract/allowlist"
)

// declared is a client origin the target's allow-list names (for example
// https://apps.example.com) that the driver presents for real: Chromium
// resolves its host to a loopback port of the frame server (host resolver
// rules of this Chromium only), and for https the frame server answers with
// a certificate made for this run, which only this Chromium trusts (by the
// hash of its public key). event.origin in the service page is then exactly
// the declared origin.
type declared struct {
	origin  string // normalised, as event.origin reports it
	scheme  string
	host    string // lower-case host name
	port    string // the port the browser connects to (explicit or default)
	hostHdr string // the Host header the browser sends
}

// parseDeclared checks that each origin can be presented: an http(s) origin
// whose host is a DNS name (an IP address or localhost is not resolved, so
// it cannot be mapped).
func parseDeclared(origins []string) ([]declared, error) {
	var out []declared
	seen := map[string]bool{}
	for _, o := range origins {
		d, err := mapOrigin(o)
		if err != nil {
			return nil, fmt.Errorf("browser driver: declared origin %q: %v", o, err)
		}
		if !seen[d.origin] {
			seen[d.origin] = true
			out = append(out, d)
		}
	}
	return out, nil
}

// mapOrigin describes an origin the driver presents through a host resolver
// rule; an origin whose host is no DNS name it can map is an error.
func mapOrigin(o string) (declared, error) {
	norm, err := allowlist.NormalizeOrigin(o)
	if err != nil {
		return declared{}, err
	}
	u, _ := url.Parse(norm)
	host := u.Hostname()
	if !dnsName(host) {
		return declared{}, fmt.Errorf("the browser driver presents an origin by mapping its host name to loopback; %q is not a DNS name it can map", host)
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return declared{origin: norm, scheme: u.Scheme, host: host, port: port, hostHdr: u.Host}, nil
}

// dnsName reports whether Chromium resolves host as a name (so a host
// resolver rule maps it): not an IP address, not localhost, and no last
// label a URL parser reads as a number (http://127.0.0./ is 127.0.0.0).
func dnsName(host string) bool {
	if net.ParseIP(strings.Trim(host, "[]")) != nil || host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return false
	}
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	last := labels[len(labels)-1]
	return last != "" && strings.Trim(last, "0123456789") != "" && !strings.HasPrefix(strings.ToLower(last), "0x")
}

// declaredNames returns the origins of decl.
func declaredNames(decl []declared) []string {
	out := make([]string, len(decl))
	for i, d := range decl {
		out[i] = d.origin
	}
	return out
}

// strangerOrigins returns the origins given, those next to the offered ones
// (allowlist.Neighbours) and allowlist.StrangerOrigin, none of them offered:
// those reached through a host resolver rule, and those on another loopback
// port (host 127.0.0.1 or localhost, served on that very port). A stranger
// neither can reach (an IP host the rules cannot map) is left out.
func strangerOrigins(offered, given []string) (mapped, ports []declared) {
	seen := map[string]bool{}
	for _, o := range offered {
		seen[o] = true
	}
	candidates := append(slices.Clone(given), allowlist.StrangerOrigin)
	for _, o := range offered {
		candidates = append(candidates, allowlist.Neighbours(o)...)
	}
	for _, c := range candidates {
		norm, err := allowlist.NormalizeOrigin(c)
		if err != nil || seen[norm] {
			continue
		}
		seen[norm] = true
		if d, err := mapOrigin(norm); err == nil {
			mapped = append(mapped, d)
			continue
		}
		u, _ := url.Parse(norm)
		if h := u.Hostname(); u.Scheme == "http" && u.Port() != "" && (h == "127.0.0.1" || h == "localhost") {
			ports = append(ports, declared{origin: norm, scheme: "http", host: h, port: u.Port(), hostHdr: u.Host})
		}
	}
	return mapped, ports
}

// certValidity is how long the per-run certificate is valid.
const certValidity = 48 * time.Hour

// runCertificate makes a self-signed certificate for hosts, valid for this
// run, and returns it with the base64 SHA-256 hash of its public key (what
// Chromium's --ignore-certificate-errors-spki-list takes).
func runCertificate(hosts []string) (tls.Certificate, string, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return tls.Certificate{}, "", err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "scapi-conformance client frames (this run only)"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(certValidity),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		DNSNames:              hosts,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	sum := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert},
		base64.StdEncoding.EncodeToString(sum[:]), nil
}

// chromiumFlags are the flags that make this Chromium present the declared
// origins: each host:port mapped to the loopback address of its listener,
// and the run's certificate trusted by its public key.
func (fs *frameServer) chromiumFlags() []chromedp.ExecAllocatorOption {
	if len(fs.rules) == 0 {
		return nil
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.Flag("host-resolver-rules", strings.Join(fs.rules, ", "))}
	if fs.spki != "" {
		opts = append(opts, chromedp.Flag("ignore-certificate-errors-spki-list", fs.spki))
	}
	return opts
}

// checkMixedContent refuses a client library at a plain http URL beyond
// loopback when a declared origin is https: an https frame cannot load it
// (mixed content), and every call would fail for it.
func checkMixedContent(lib string, decl []declared) error {
	u, err := url.Parse(lib)
	if err != nil || u.Scheme != "http" {
		return nil
	}
	if h := u.Hostname(); h == "localhost" || net.ParseIP(h) != nil && net.ParseIP(h).IsLoopback() {
		return nil
	}
	for _, o := range decl {
		if o.scheme == "https" {
			return fmt.Errorf("browser driver: the client library %s is plain http, which the frames under the https origin %s cannot load (mixed content): give an https URL or a file", lib, o.origin)
		}
	}
	return nil
}
