package target

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"scapi-conformance/contract"
	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/browser"
	"scapi-conformance/driver/inproc"
	"scapi-conformance/driver/ws"
	"scapi-conformance/fixtures/inprocess"
	"scapi-conformance/fixtures/server"
)

// probeTimeout bounds the identification probe; a target that does not
// answer it is still opened (the specs or the fuzzer will say what is wrong).
const probeTimeout = 3 * time.Second

// Target is an opened target; it is the driver that reaches it (Close also
// stops the embedded server).
type Target struct {
	driver.Driver
	Spec Spec
	// Server is the embedded reference serving the driver over a transport
	// (nil for an external target and for the in-process driver).
	Server *server.Server
	// URL is what the driver reached (the embedded server's URL when embedded).
	URL string
	// Caps is what the control endpoint said the target can do (zero when it
	// cannot be steered).
	Caps control.Capabilities
	// Identity is how the target identified itself in its reply to agent.get:
	// "userAgent", "protocolVersion"; "probe" explains a probe that got no reply.
	Identity map[string]string
}

// Name describes the target for people.
func (t *Target) Name() string { return t.Spec.Name() }

// Close closes the driver and stops the embedded server.
func (t *Target) Close() error {
	err := t.Driver.Close()
	if t.Server != nil {
		err = errors.Join(err, t.Server.Close())
	}
	return err
}

// Open starts the embedded reference when the spec names it, opens the
// driver, and probes the target: its capabilities when it can be steered,
// and how it identifies itself. Errors wrap ErrUsage (a bad spec, an unknown
// mutant) or ErrUnreachable.
func Open(ctx context.Context, s Spec) (*Target, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	t := &Target{Spec: s, URL: s.URL, Identity: map[string]string{}}
	d, err := t.open(ctx)
	if err != nil {
		return nil, err
	}
	t.Driver = d
	if t.Driver, err = t.withLab(d); err != nil {
		t.Driver = d
		t.Close()
		return nil, err
	}
	if err := t.probe(ctx); err != nil {
		t.Close()
		return nil, err
	}
	return t, nil
}

// open starts what the spec names and returns its driver.
func (t *Target) open(ctx context.Context) (driver.Driver, error) {
	s := t.Spec
	if s.DriverName() == DriverInProc {
		svc, err := inprocess.New(s.Mutant)
		if err != nil {
			return nil, usagef("%v", err)
		}
		t.URL = "in-process"
		return inproc.New(inproc.Config{Service: svc, Control: svc.Control(), Target: s.Name(), Timeout: s.WaitTimeout}), nil
	}
	control := s.Control
	if s.Embedded() {
		srv, err := server.Start(ctx, server.Config{Mutant: s.Mutant})
		if err != nil {
			if s.Mutant != "" {
				return nil, usagef("%v", err)
			}
			return nil, fmt.Errorf("%w: cannot start the embedded reference Workspace: %v", ErrUnreachable, err)
		}
		t.Server = srv
		t.URL, control = srv.WebSocketURL(), srv.ControlURL()
		if s.DriverName() == DriverBrowser {
			t.URL = srv.ServicePageURL()
		}
	}
	d, err := t.dial(ctx, control)
	if err != nil && t.Server != nil {
		t.Server.Close()
	}
	return d, err
}

// dial opens the ws or browser driver on t.URL.
func (t *Target) dial(ctx context.Context, controlURL string) (driver.Driver, error) {
	s := t.Spec
	if s.DriverName() == DriverWS {
		d, err := ws.New(ctx, ws.Config{URL: t.URL, ControlURL: controlURL, Timeout: s.WaitTimeout})
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, t.URL, err)
		}
		return d, nil
	}
	bc := browser.Config{ServicePageURL: t.URL, ControlURL: controlURL, ExecPath: s.Browser, ClientLib: s.ClientLib, Timeout: s.WaitTimeout}
	if p := s.Profile; p != nil {
		bc.LoginUser, bc.Password = p.Login.User, p.Login.Password
		bc.LoginScript, bc.LoginReady = p.Login.Script, p.Login.Ready
		bc.Origins = p.Origins
	}
	if bc.ExecPath == "" {
		if _, ok := browser.FindChromium(); !ok {
			return nil, usagef("the browser driver needs Chromium: none at %v; give --browser PATH", browser.DefaultExecPaths)
		}
	}
	d, err := browser.New(ctx, bc)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, t.URL, err)
	}
	return d, nil
}

// probe connects one client, reads the capabilities of a steerable target,
// and sends agent.get to see how the target identifies itself in its replies.
func (t *Target) probe(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	origins := t.Driver.Origins()
	if len(origins) == 0 {
		return fmt.Errorf("%w: the driver offers no client origin", ErrUnreachable)
	}
	if ctrl := t.Driver.Control(); ctrl != nil {
		caps, err := ctrl.Capabilities(ctx)
		if err != nil {
			return fmt.Errorf("%w: control endpoint: %v", ErrUnreachable, err)
		}
		t.Caps = caps
		if caps.Options {
			// The probe's origin may send everything; the target is reset after.
			if err := ctrl.SetOptions(ctx, control.Options{options.AcceptedOrigins: origins[0] + " (*)"}); err != nil {
				return fmt.Errorf("%w: control endpoint: %v", ErrUnreachable, err)
			}
		}
		if !caps.NoReset {
			defer ctrl.Reset(ctx)
		}
	}
	c, err := t.Driver.Open(ctx, origins[0])
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrUnreachable, t.URL, err)
	}
	defer c.Close()
	m, _ := contract.Lookup("agent.get")
	reply, err := c.Call(ctx, wire.NewRequest(m.Wire, "", nil))
	if err != nil {
		if errors.Is(err, driver.ErrUnreachable) || errors.Is(err, driver.ErrClosed) {
			return fmt.Errorf("%w: %s: %v", ErrUnreachable, t.URL, err)
		}
		t.Identity["probe"] = "no reply to agent.get: " + err.Error()
		return nil
	}
	if ua, ok := reply.String("userAgent"); ok {
		t.Identity["userAgent"] = ua
	}
	if raw, ok := reply.Fields["protocolVersion"]; ok {
		t.Identity["protocolVersion"] = string(raw)
		if n, err := strconv.Unquote(string(raw)); err == nil {
			t.Identity["protocolVersion"] = n
		}
	}
	return nil
}
