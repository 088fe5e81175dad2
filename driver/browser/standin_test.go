package browser_test

import (
	"context"
	"testing"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/browser"
	"scapi-conformance/driver/drivertest"
	"scapi-conformance/fixtures/server"
	"scapi-conformance/fixtures/standin"
)

// onStandin starts a reference Workspace, the stand-in of a real Workspace
// page relaying to it (ready after readyDelay; 0 = its default), and a
// browser driver that logs into the stand-in and presents frames under a
// declared https origin.
func onStandin(t *testing.T, cfg browser.Config, readyDelay time.Duration) driver.Driver {
	ref, err := server.Start(context.Background(), server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ref.Close() })
	s, err := standin.Start(context.Background(), standin.Config{ReferenceURL: ref.WebSocketURL(), User: "agent", Password: "s3cret-Pa55",
		ReadyDelay: readyDelay})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	cfg.ServicePageURL, cfg.ControlURL, cfg.ArtifactsDir = s.URL(), ref.ControlURL(), t.TempDir()
	cfg.LoginScript, cfg.LoginReady, cfg.LoginUser, cfg.Password = standin.LoginScript, standin.ReadyExpression, "agent", "s3cret-Pa55"
	cfg.Origins = []string{"https://apps.example.com"}
	start := time.Now()
	d, err := browser.New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("browser started and logged in: %v", time.Since(start))
	t.Cleanup(func() { d.Close() })
	return d
}

// TestDriverContractOnStandin runs the shared driver contract against the
// stand-in of a real Workspace page: logged in by the script, frames
// injected only once the page is ready, under the declared origin too.
func TestDriverContractOnStandin(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	drivertest.Run(t, func(t *testing.T) driver.Driver { return onStandin(t, browser.Config{}, 0) })
}

// TestLoginWaitsUntilReady: with a Workspace page that gets ready late, New
// returns only once the ready expression holds, and the first call of the
// first frame is answered (a frame injected before the page listens would
// have its request lost).
func TestLoginWaitsUntilReady(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	const delay = 2 * time.Second
	start := time.Now()
	d := onStandin(t, browser.Config{Timeout: 10 * time.Second}, delay)
	if took := time.Since(start); took < delay {
		t.Fatalf("New returned after %v, before the page was ready (%v)", took, delay)
	}
	ctx := context.Background()
	if err := d.Control().SetOptions(ctx, control.Options{options.AcceptedOrigins: d.Origins()[0]}); err != nil {
		t.Fatal(err)
	}
	c, err := d.Open(ctx, d.Origins()[0])
	if err != nil {
		t.Fatal(err)
	}
	m, err := c.Call(ctx, wire.NewRequest("agent.getState", "", nil))
	if err != nil {
		t.Fatalf("the first call: %v", err)
	}
	if msg, failed := m.ErrorMessage(); failed {
		t.Errorf("the first call failed: %s", msg)
	}
}
