package browser

import (
	"bytes"
	"crypto/tls"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"scapi-conformance/contract/wire"
)

//go:embed client.html
var clientHTML string

var clientTemplate = template.Must(template.New("client").Parse(clientHTML))

// frameServer serves the client frame page on two loopback ports; each port
// is reached as 127.0.0.1 and as localhost, which gives four origins: two
// same-site with a service page on 127.0.0.1 (other ports), two cross-site.
//
// It also serves the declared origins (Config.Origins), each on a loopback
// listener of its own that Chromium reaches through its host resolver rules
// (see declared).
type frameServer struct {
	page    []byte
	lib     []byte // the client library served at libPath, if from a file
	lns     []net.Listener
	srv     *http.Server
	origins []string
	// strangers are origins served although not offered (Origins): the
	// neighbours of each offered origin and allowlist.StrangerOrigin, which
	// the specs present to judge an allow-list that does not list them.
	strangers []string
	allowed   map[string]bool // Host headers served (guards against DNS rebinding)
	rules     []string        // Chromium host resolver rules for the declared origins and strangers
	spki      string          // the hash of the run certificate's public key ("" = no https origin)
}

// loopbackOrigins is how many loopback origins follow the declared ones.
const loopbackOrigins = 4

// libPath is where the frame server serves a client library read from a file.
const libPath = "/wwe-service-client-api.js"

// maxLib bounds a client library file.
const maxLib = 16 << 20

// startFrameServer serves the client page. clientLib, when set, is the
// vendor library the page loads: an http(s) URL, or a file (path or file://
// URL) that the frame server serves itself. The declared origins come first
// in the origins, then the four loopback ones; the strangers (those given
// and those strangerOrigins adds) are served without being offered.
func startFrameServer(binding, clientLib string, declaredOrigins, strangers []string) (*frameServer, error) {
	decl, err := parseDeclared(declaredOrigins)
	if err != nil {
		return nil, err
	}
	fs := &frameServer{allowed: map[string]bool{}}
	libURL := ""
	switch {
	case clientLib == "":
	case strings.HasPrefix(clientLib, "http://") || strings.HasPrefix(clientLib, "https://"):
		if err := checkMixedContent(clientLib, decl); err != nil {
			return nil, err
		}
		libURL = clientLib
	default:
		path := strings.TrimPrefix(clientLib, "file://")
		lib, err := readLimited(path, maxLib)
		if err != nil {
			return nil, fmt.Errorf("browser driver: client library: %w", err)
		}
		fs.lib, libURL = lib, libPath
	}
	var b bytes.Buffer
	if err := clientTemplate.Execute(&b, struct {
		Binding string
		Max     int
		Lib     bool
		LibURL  string
	}{binding, wire.MaxMessageBytes, clientLib != "", libURL}); err != nil {
		return nil, err
	}
	fs.page = b.Bytes()
	var hosts [2][]string
	for range 2 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			fs.close()
			return nil, fmt.Errorf("browser driver: client frame server: %w", err)
		}
		fs.lns = append(fs.lns, ln)
		port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
		hosts[0] = append(hosts[0], "127.0.0.1:"+port)
		hosts[1] = append(hosts[1], "localhost:"+port)
	}
	var loopback []string
	for _, group := range hosts {
		for _, h := range group {
			loopback = append(loopback, "http://"+h)
			fs.allowed[h] = true
		}
	}
	offered := append(declaredNames(decl), loopback...)
	mapped, ports := strangerOrigins(offered, strangers)
	if err := fs.listenDeclared(decl, mapped); err != nil {
		fs.close()
		return nil, err
	}
	fs.origins = append(fs.origins, loopback...)
	fs.listenPorts(ports)
	fs.srv = &http.Server{Handler: http.HandlerFunc(fs.serve), ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: log.New(discard{}, "", 0)}
	for _, ln := range fs.lns {
		go fs.srv.Serve(ln)
	}
	return fs, nil
}

func (fs *frameServer) serve(w http.ResponseWriter, r *http.Request) {
	if !fs.allowed[r.Host] {
		http.Error(w, "unknown host", http.StatusMisdirectedRequest)
		return
	}
	switch r.URL.Path {
	case "/client":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(fs.page)
	case libPath:
		if fs.lib == nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(fs.lib)
	default:
		http.NotFound(w, r)
	}
}

// listenDeclared opens one loopback listener per declared origin and per
// stranger reached through a host resolver rule (TLS with the run's
// certificate for https), with the rule that leads Chromium there. The
// declared origins are offered (origins); the strangers are only served.
func (fs *frameServer) listenDeclared(decl, strangers []declared) error {
	var cert tls.Certificate
	var tlsHosts []string
	for _, o := range append(slices.Clone(decl), strangers...) {
		if o.scheme == "https" && !slices.Contains(tlsHosts, o.host) {
			tlsHosts = append(tlsHosts, o.host)
		}
	}
	if len(tlsHosts) > 0 {
		var err error
		if cert, fs.spki, err = runCertificate(tlsHosts); err != nil {
			return fmt.Errorf("browser driver: making the certificate of the declared origins: %w", err)
		}
	}
	for i, o := range append(slices.Clone(decl), strangers...) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return fmt.Errorf("browser driver: client frame server: %w", err)
		}
		fs.rules = append(fs.rules, fmt.Sprintf("MAP %s:%s %s", o.host, o.port, ln.Addr()))
		if o.scheme == "https" {
			ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
		}
		fs.lns = append(fs.lns, ln)
		if i < len(decl) {
			fs.origins = append(fs.origins, o.origin)
		} else {
			fs.strangers = append(fs.strangers, o.origin)
		}
		fs.allowed[o.hostHdr] = true
	}
	return nil
}

// listenPorts serves the loopback strangers on other ports (http, host
// 127.0.0.1 or localhost): each on a listener of exactly its port, when
// that port is free; a port in use leaves that stranger unserved.
func (fs *frameServer) listenPorts(strangers []declared) {
	for _, o := range strangers {
		ln, err := net.Listen("tcp", "127.0.0.1:"+o.port)
		if err != nil {
			continue
		}
		fs.lns = append(fs.lns, ln)
		fs.strangers = append(fs.strangers, o.origin)
		fs.allowed[o.hostHdr] = true
	}
}

// serves reports whether the frame server serves origin, offered or not.
func (fs *frameServer) serves(origin string) bool {
	return slices.Contains(fs.origins, origin) || slices.Contains(fs.strangers, origin)
}

// url is the client page for client id on origin.
func (fs *frameServer) url(origin, id string) string { return origin + "/client?c=" + id }

func (fs *frameServer) close() error {
	if fs.srv != nil {
		return fs.srv.Close()
	}
	var errs []error
	for _, ln := range fs.lns {
		errs = append(errs, ln.Close())
	}
	return errors.Join(errs...)
}

// readLimited reads a file of at most limit bytes.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, limit)
	}
	return b, nil
}

// discard is an io.Writer that drops the HTTP server's connection logs.
type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }
