package conformance_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	"github.com/onsi/ginkgo/v2/types"
	. "github.com/onsi/gomega"

	"scapi-conformance/driver"
	"scapi-conformance/driver/browser"
	"scapi-conformance/driver/ws"
	"scapi-conformance/fixtures/server"
	"scapi-conformance/suites/framework"
	// The spec tree.
	_ "scapi-conformance/suites/conformance"
)

// The `go test` entry of the conformance suite: the embedded reference
// Workspace on loopback, reached through the websocket driver (or the
// browser driver).
//
// Environment:
//
//	SCAPI_MUTANT=<name>  run the reference with that mutant (one per process);
//	                     the suite is then expected to fail
//	SCAPI_STRICT=1       hold the target to the strict readings
//	SCAPI_DRIVER=browser reach it through headless Chromium and the service
//	                     page instead of the websocket driver
//
// The run's report is kept for the coverage gate (coverage_test.go).
var suiteReport *Report

func TestConformance(t *testing.T) {
	RegisterFailHandler(Fail)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, err := server.Start(ctx, server.Config{Mutant: os.Getenv("SCAPI_MUTANT")})
	if err != nil {
		t.Fatalf("starting the reference Workspace (mutant %q): %v", os.Getenv("SCAPI_MUTANT"), err)
	}
	defer srv.Close()
	drv, err := openDriver(ctx, srv)
	if err != nil {
		t.Fatalf("%s driver: %v", driverName(), err)
	}
	defer drv.Close()
	framework.Configure(&framework.Target{Driver: drv, Strict: os.Getenv("SCAPI_STRICT") == "1"})
	start := time.Now()
	RunSpecs(t, "SCAPI conformance")
	logRun(t, drv, time.Since(start))
}

// driverName is the driver chosen by SCAPI_DRIVER ("ws" by default).
func driverName() string {
	if d := os.Getenv("SCAPI_DRIVER"); d != "" {
		return d
	}
	return "ws"
}

// openDriver reaches the server with the chosen driver.
func openDriver(ctx context.Context, srv *server.Server) (driver.Driver, error) {
	switch driverName() {
	case "ws":
		return ws.New(ctx, ws.Config{URL: srv.WebSocketURL(), ControlURL: srv.ControlURL(), Timeout: framework.DefaultTimeout})
	case "browser":
		return browser.New(ctx, browser.Config{ServicePageURL: srv.ServicePageURL(), ControlURL: srv.ControlURL(), Timeout: framework.DefaultTimeout})
	}
	return nil, fmt.Errorf("SCAPI_DRIVER=%q: want ws or browser", driverName())
}

var _ = ReportAfterSuite("keep the report for the coverage gate", func(r Report) {
	suiteReport = &r
})

// logRun prints what the run cost and what it saved, and fails a run that
// selected no spec: nothing passes by testing nothing.
func logRun(t *testing.T, drv driver.Driver, wall time.Duration) {
	if suiteReport == nil {
		return
	}
	if suiteReport.PreRunStats.SpecsThatWillRun == 0 {
		t.Errorf("no spec was selected out of %d: an empty run conforms to nothing", suiteReport.PreRunStats.TotalSpecs)
	}
	ran := 0
	for _, r := range suiteReport.SpecReports {
		if r.LeafNodeType == types.NodeTypeIt && r.State != types.SpecStateSkipped {
			ran++
		}
	}
	t.Logf("driver %s: %d of %d selected specs ran in %s; virtual clock advanced %s (real waiting saved), real waits %s",
		drv.Info().Driver, ran, suiteReport.PreRunStats.SpecsThatWillRun, wall.Round(time.Millisecond),
		framework.VirtualWaited(), framework.RealWaited())
}
