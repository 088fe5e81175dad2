package browser

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"log"
	"net"
	"net/http"
	"strconv"
	"time"

	"scapi-conformance/contract/wire"
)

//go:embed client.html
var clientHTML string

var clientTemplate = template.Must(template.New("client").Parse(clientHTML))

// frameServer serves the client frame page on two loopback ports; each port
// is reached as 127.0.0.1 and as localhost, which gives four origins: two
// same-site with a service page on 127.0.0.1 (other ports), two cross-site.
type frameServer struct {
	page    []byte
	lns     []net.Listener
	srv     *http.Server
	origins []string
	allowed map[string]bool // Host headers served (guards against DNS rebinding)
}

func startFrameServer(binding string) (*frameServer, error) {
	var b bytes.Buffer
	if err := clientTemplate.Execute(&b, struct {
		Binding string
		Max     int
	}{binding, wire.MaxMessageBytes}); err != nil {
		return nil, err
	}
	fs := &frameServer{page: b.Bytes(), allowed: map[string]bool{}}
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
	for _, group := range hosts {
		for _, h := range group {
			fs.origins = append(fs.origins, "http://"+h)
			fs.allowed[h] = true
		}
	}
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
	default:
		http.NotFound(w, r)
	}
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

// discard is an io.Writer that drops the HTTP server's connection logs.
type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }
