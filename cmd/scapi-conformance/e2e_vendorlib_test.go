package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scapi-conformance/fixtures/server"
	"scapi-conformance/internal/report"
)

// TestE2EWholeSuiteBehindTheStandinThroughTheVendorLib runs the whole suite
// the way a certifier meets a Workspace: configured once (no control
// endpoint), behind a login page that only relays, reached through the
// user's own copy of the vendor's wwe-service-client-api.js (SCAPI_VENDOR_LIB,
// a file:// URL or an absolute path; never committed), under a declared
// https origin. No spec may fail and some must pass. Without SCAPI_VENDOR_LIB
// it skips: the matrix (TestE2ECommandsAgainstStandins) runs the same setup
// through the committed stand-in of the library.
func TestE2EWholeSuiteBehindTheStandinThroughTheVendorLib(t *testing.T) {
	lib := os.Getenv("SCAPI_VENDOR_LIB")
	if lib == "" {
		t.Skip("SCAPI_VENDOR_LIB names no copy of the vendor's library (file:///path/to/wwe-service-client-api.js)")
	}
	switch {
	case filepath.IsAbs(lib):
		lib = "file://" + lib
	case !strings.HasPrefix(lib, "file://"):
		t.Fatalf("SCAPI_VENDOR_LIB=%q: want a file:// URL or an absolute path", lib)
	}
	opts := matrixOptions(standinOrigin)
	srv := fixedServer(t, server.ControlNone, opts)
	profile := standinWorkspace(t, srv.WebSocketURL(), "", standinPassword, lib, opts)
	r := e2e(t, "run", "--profile", profile, "--json", "{dir}/r.json")
	res, err := report.ReadJSON(filepath.Join(r.dir, "r.json"))
	if err != nil {
		t.Fatalf("exit %d, no report: %v\n%s\n%s", r.code, err, r.stdout, r.stderr)
	}
	sum := res.Summary.Specs
	t.Logf("exit %d: %d passed, %d non-strict, %d failed, %d skipped", r.code, sum.Pass, sum.NonStrict, sum.Fail, sum.Skipped)
	if r.code != 0 || sum.Fail != 0 || sum.Pass == 0 {
		for _, s := range res.Specs {
			if s.Verdict == report.Fail {
				t.Errorf("FAIL %s: %s", s.Text, s.Failure.Message)
			}
		}
		t.Fatalf("exit %d; want 0 with no FAIL and some PASS", r.code)
	}
}
