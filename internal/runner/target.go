package runner

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"scapi-conformance/contract"
	"scapi-conformance/contract/control"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/browser"
	"scapi-conformance/driver/ws"
	"scapi-conformance/fixtures/server"
	"scapi-conformance/suites/framework"
)

// probeTimeout bounds the identification probe; a target that does not answer
// it is still tested (the specs will say what is wrong).
const probeTimeout = 3 * time.Second

// target is the reached target: its driver, the embedded server if any, and
// what it said about itself.
type target struct {
	driver   driver.Driver
	server   *server.Server
	url      string
	embedded bool
	caps     control.Capabilities
	identity map[string]string // userAgent, protocolVersion
}

func (t *target) close() {
	t.driver.Close()
	if t.server != nil {
		t.server.Close()
	}
}

// openTarget starts the embedded reference when no target is given, opens the
// driver and checks that a client can connect.
func openTarget(ctx context.Context, cfg Config) (*target, error) {
	t := &target{url: cfg.Target, identity: map[string]string{}}
	controlURL := cfg.Control
	if p := cfg.Profile; p != nil {
		t.url, controlURL = firstOf(t.url, p.Target.URL), firstOf(controlURL, p.Target.Control)
	}
	if cfg.Mutant != "" && t.url != "" {
		return nil, usagef("--mutant %s runs the embedded reference Workspace; it cannot be combined with a target (%s)", cfg.Mutant, t.url)
	}
	if t.url == "" {
		srv, err := server.Start(ctx, server.Config{Mutant: cfg.Mutant})
		if err != nil {
			if cfg.Mutant != "" {
				return nil, usagef("%v", err)
			}
			return nil, fmt.Errorf("%w: cannot start the embedded reference Workspace: %v", ErrUnreachable, err)
		}
		t.server, t.embedded = srv, true
		t.url, controlURL = srv.WebSocketURL(), srv.ControlURL()
		if cfg.Driver == "browser" {
			t.url = srv.ServicePageURL()
		}
	}
	drv, err := newDriver(ctx, cfg, t.url, controlURL)
	if err != nil {
		t.closeServer()
		return nil, err
	}
	t.driver = drv
	if err := t.probe(ctx); err != nil {
		t.close()
		return nil, err
	}
	return t, nil
}

func (t *target) closeServer() {
	if t.server != nil {
		t.server.Close()
	}
}

func newDriver(ctx context.Context, cfg Config, url, controlURL string) (driver.Driver, error) {
	switch cfg.Driver {
	case "", "ws":
		if !strings.HasPrefix(url, "ws://") && !strings.HasPrefix(url, "wss://") {
			return nil, usagef("the ws driver needs a ws:// or wss:// target, not %q", url)
		}
		d, err := ws.New(ctx, ws.Config{URL: url, ControlURL: controlURL, Timeout: cfg.WaitTimeout})
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, url, err)
		}
		return d, nil
	case "browser":
		if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
			return nil, usagef("the browser driver needs the http(s) URL of the service page, not %q", url)
		}
		bc := browser.Config{ServicePageURL: url, ControlURL: controlURL, ExecPath: cfg.Browser, Timeout: cfg.WaitTimeout}
		if cfg.Profile != nil {
			bc.ClientLib = cfg.Profile.Target.ClientLib
		}
		if bc.ExecPath == "" {
			if _, ok := browser.FindChromium(); !ok {
				return nil, usagef("the browser driver needs Chromium: none at %v; give --browser PATH", browser.DefaultExecPaths)
			}
		}
		d, err := browser.New(ctx, bc)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, url, err)
		}
		return d, nil
	}
	return nil, usagef("unknown driver %q (ws or browser)", cfg.Driver)
}

// probe connects one client, reads the capabilities of a steerable target, and
// sends agent.get to see how the target identifies itself in its replies.
func (t *target) probe(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	origins := t.driver.Origins()
	if len(origins) == 0 {
		return fmt.Errorf("%w: the driver offers no client origin", ErrUnreachable)
	}
	if ctrl := t.driver.Control(); ctrl != nil {
		caps, err := ctrl.Capabilities(ctx)
		if err != nil {
			return fmt.Errorf("%w: control endpoint: %v", ErrUnreachable, err)
		}
		t.caps = caps
		if caps.Options {
			if err := ctrl.SetOptions(ctx, framework.DefaultOptions(origins)); err != nil {
				return fmt.Errorf("%w: control endpoint: %v", ErrUnreachable, err)
			}
		}
		defer ctrl.Reset(ctx)
	}
	c, err := t.driver.Open(ctx, origins[0])
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrUnreachable, t.url, err)
	}
	defer c.Close()
	m, _ := contract.Lookup("agent.get")
	reply, err := c.Call(ctx, wire.NewRequest(m.Wire, "", nil))
	if err != nil {
		if errors.Is(err, driver.ErrUnreachable) || errors.Is(err, driver.ErrClosed) {
			return fmt.Errorf("%w: %s: %v", ErrUnreachable, t.url, err)
		}
		t.identity["probe"] = "no reply to agent.get: " + err.Error()
		return nil
	}
	if ua, ok := reply.String("userAgent"); ok {
		t.identity["userAgent"] = ua
	}
	if raw, ok := reply.Fields["protocolVersion"]; ok {
		t.identity["protocolVersion"] = string(raw)
		if n, err := strconv.Unquote(string(raw)); err == nil {
			t.identity["protocolVersion"] = n
		}
	}
	return nil
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
