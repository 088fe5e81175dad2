package fuzz

import (
	"context"
	"errors"
	"time"

	"scapi-conformance/driver/ws"
	"scapi-conformance/fixtures/server"
)

// WebSocket returns the target at a websocket URL (ws://…), steered through
// controlURL ("" = not steerable), through the websocket driver; timeout
// bounds every wait of the driver.
func WebSocket(ctx context.Context, url, controlURL string, timeout time.Duration) (Target, error) {
	d, err := ws.New(ctx, ws.Config{URL: url, ControlURL: controlURL, Timeout: timeout})
	if err != nil {
		return nil, err
	}
	return FromDriver(d), nil
}

// Embedded starts the reference Workspace running the mutant ("" = none) on
// a loopback websocket and returns it as a target reached through the
// websocket driver; closing the target stops the server.
func Embedded(ctx context.Context, mutant string, timeout time.Duration) (Target, error) {
	srv, err := server.Start(ctx, server.Config{Mutant: mutant})
	if err != nil {
		return nil, err
	}
	t, err := WebSocket(ctx, srv.WebSocketURL(), srv.ControlURL(), timeout)
	if err != nil {
		srv.Close()
		return nil, err
	}
	return &embedded{Target: t, srv: srv}, nil
}

type embedded struct {
	Target
	srv *server.Server
}

func (e *embedded) Close() error { return errors.Join(e.Target.Close(), e.srv.Close()) }
