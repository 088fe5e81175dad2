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
	drivertest.Run(t, func(t *testing.T) driver.Driver { return onReference(t, browser.Config{}) })
}

// onReference starts a reference Workspace for the test and a browser
// driver on its service page, with cfg's other settings.
func onReference(t *testing.T, cfg browser.Config) driver.Driver {
	s, err := server.Start(context.Background(), server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	cfg.ServicePageURL, cfg.ControlURL, cfg.ArtifactsDir = s.ServicePageURL(), s.ControlURL(), t.TempDir()
	d, err := browser.New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}
