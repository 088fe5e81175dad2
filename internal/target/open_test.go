package target

import (
	"context"
	"errors"
	"testing"
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
			if tg.Identity["userAgent"] != "WWE Server" || tg.Identity["protocolVersion"] != "2" {
				t.Errorf("identity %v: want WWE Server, 2", tg.Identity)
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
