package browser_test

import (
	"context"
	"testing"

	"scapi-conformance/driver"
	"scapi-conformance/driver/browser"
	"scapi-conformance/driver/drivertest"
	"scapi-conformance/fixtures/server"
)

func TestDriverContract(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) }) // runs after the driver's own cleanup
	drivertest.Run(t, func(t *testing.T) driver.Driver {
		s, err := server.Start(context.Background(), server.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		d, err := browser.New(context.Background(), browser.Config{ServicePageURL: s.ServicePageURL(),
			ControlURL: s.ControlURL(), ArtifactsDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		return d
	})
}
