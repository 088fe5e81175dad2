package ws_test

import (
	"context"
	"testing"
	"time"

	"scapi-conformance/driver"
	"scapi-conformance/driver/drivertest"
	"scapi-conformance/driver/ws"
)

func TestHostileTargets(t *testing.T) {
	const timeout = 5 * time.Second
	drivertest.RunHostile(t, timeout, true, func(t *testing.T, h drivertest.Hostile) driver.Driver {
		d, err := ws.New(context.Background(), ws.Config{URL: drivertest.HostileWebSocket(t, h), Timeout: h.Wait(timeout)})
		if err != nil {
			t.Fatal(err)
		}
		return d
	})
}
