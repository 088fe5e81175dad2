package target

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
	"scapi-conformance/driver/browser"
	"scapi-conformance/driver/inproc"
	"scapi-conformance/driver/ws"
	"scapi-conformance/fixtures/inprocess"
	"scapi-conformance/fixtures/server"
)

// controlTimeout bounds the read of a steerable target's capabilities.
const controlTimeout = 3 * time.Second

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
// driver and reads the capabilities of a steerable target; it sends no
// request to the Workspace (how the target answers and identifies itself is
// the preflight's first check). Errors wrap ErrUsage (a bad spec, an unknown
// mutant) or ErrUnreachable.
func Open(ctx context.Context, s Spec) (*Target, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	t := &Target{Spec: s, URL: s.URL}
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
	if err := t.capabilities(ctx); err != nil {
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
		bc.Origins = slices.Clone(p.Origins)
	}
	bc.Strangers = slices.Clone(s.Present)
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

// capabilities reads what a steerable target can do from its control
// endpoint. It sends no request to the Workspace: the preflight
// (internal/preflight) is the one place that does, so that the requests
// spent on opening a target are known to the rate budget or spared.
func (t *Target) capabilities(ctx context.Context) error {
	if len(t.Driver.Origins()) == 0 {
		return fmt.Errorf("%w: the driver offers no client origin", ErrUnreachable)
	}
	ctrl := t.Driver.Control()
	if ctrl == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, controlTimeout)
	defer cancel()
	caps, err := ctrl.Capabilities(ctx)
	if err != nil {
		return fmt.Errorf("%w: control endpoint: %v", ErrUnreachable, err)
	}
	t.Caps = caps
	return nil
}
