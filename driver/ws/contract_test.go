package ws_test

import (
	"context"
	"testing"

	"scapi-conformance/driver"
	"scapi-conformance/driver/drivertest"
	"scapi-conformance/driver/ws"
	"scapi-conformance/fixtures/server"
)

func TestDriverContract(t *testing.T) {
	drivertest.Run(t, func(t *testing.T) driver.Driver {
		s, err := server.Start(context.Background(), server.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		d, err := ws.New(context.Background(), ws.Config{URL: s.WebSocketURL(), ControlURL: s.ControlURL()})
		if err != nil {
			t.Fatal(err)
		}
		return d
	})
}
