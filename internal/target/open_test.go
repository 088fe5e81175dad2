package target

import (
	"context"
	"errors"
	"testing"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/wire"
	"scapi-conformance/fixtures/server"
)

func TestOpenEmbedded(t *testing.T) {
	for _, driverName := range []string{DriverWS, DriverInProc} {
		t.Run(driverName, func(t *testing.T) {
			tg, err := Open(context.Background(), Spec{Driver: driverName, Mutant: "origin-prefix-match"})
			if err != nil {
				t.Fatal(err)
			}
			defer tg.Close()
			if tg.Caps.Mutant != "origin-prefix-match" || !tg.Caps.Options {
				t.Errorf("capabilities %+v: want the mutant, steerable", tg.Caps)
			}
			if (tg.Server != nil) != (driverName == DriverWS) {
				t.Errorf("server %v for driver %s", tg.Server, driverName)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		s    Spec
		want error
	}{
		{"unknown mutant over websocket", Spec{Mutant: "no-such-mutant"}, ErrUsage},
		{"unknown mutant in-process", Spec{Mutant: "no-such-mutant", Driver: DriverInProc}, ErrUsage},
		{"nobody listening", Spec{URL: "ws://127.0.0.1:1/scapi"}, ErrUnreachable},
		{"bad spec", Spec{URL: "http://127.0.0.1:1/"}, ErrUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tg, err := Open(ctx, tc.s)
			if !errors.Is(err, tc.want) {
				if tg != nil {
					tg.Close()
				}
				t.Fatalf("Open(%+v) = %v; want %v", tc.s, err, tc.want)
			}
		})
	}
}

// TestOpenSpendsNoRequest: opening a target configured once with a limit of
// one agent.get per minute leaves that one agent.get to whoever calls it
// next (the preflight, then the specs under the rate budget): Open sends no
// request to the Workspace.
func TestOpenSpendsNoRequest(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	const origin = "https://app.example.com"
	srv, err := server.Start(ctx, server.Config{Control: server.ControlNone, Options: control.Options{
		options.AcceptedOrigins: origin + " (*)", options.RateLimit + ".agent.get": "1"}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	tg, err := Open(ctx, Spec{URL: srv.WebSocketURL()})
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	c, err := tg.Open(ctx, origin)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	reply, err := c.Call(ctx, wire.NewRequest("agent.get", "", nil))
	if err != nil {
		t.Fatal(err)
	}
	if msg, refused := reply.ErrorMessage(); refused {
		t.Errorf("the first agent.get after Open was refused (%q): Open spent the one the limit allows", msg)
	}
}
