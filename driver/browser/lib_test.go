package browser_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/browser"
	"scapi-conformance/driver/drivertest"
)

// TestDriverContractThroughClientLib runs the shared contract with the calls
// going through a client library in the frame (a test stand-in for the
// vendor's wwe-service-client-api.js).
func TestDriverContractThroughClientLib(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	drivertest.Run(t, func(t *testing.T) driver.Driver {
		return onReference(t, browser.Config{ClientLib: "testdata/fake-client-lib.js"})
	})
}

// TestClientLibFailures: a library that drops replies, one that lacks the
// method, and one that cannot be read are each reported clearly.
func TestClientLibFailures(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	dir := t.TempDir()
	if _, err := browser.New(context.Background(), browser.Config{ServicePageURL: "http://127.0.0.1:1/",
		ClientLib: filepath.Join(dir, "missing.js")}); err == nil || !strings.Contains(err.Error(), "client library: open ") {
		t.Errorf("New with a missing library = %v; want an error naming it", err)
	}
	cases := []struct{ name, lib, want string }{
		{"drops replies", `window.genesys = {wwe: {service: {agent: {getState: function () {
			window.parent.postMessage({request: "agent.getState", referenceId: "0", userAgent: "WWE Client", protocolVersion: 2}, "*");
		}}}}};`, `the target replied .* but the library never called back \(it dropped the reply\)`},
		{"lacks the method", `window.genesys = {wwe: {service: {}}};`, `the client library has no genesys\.wwe\.service\.agent\.getState`},
		{"sends nothing", `window.genesys = {wwe: {service: {agent: {getState: function () {}}}}};`, `the library posted no request to window.parent within`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lib := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".js")
			os.WriteFile(lib, []byte(c.lib), 0o644)
			d := onReference(t, browser.Config{ClientLib: lib, Timeout: 2 * time.Second})
			ctx := context.Background()
			if err := d.Control().SetOptions(ctx, control.Options{options.AcceptedOrigins: d.Origins()[0]}); err != nil {
				t.Fatal(err)
			}
			cl, err := d.Open(ctx, d.Origins()[0])
			if err != nil {
				t.Fatal(err)
			}
			_, err = cl.Call(ctx, wire.NewRequest("agent.getState", "", nil))
			if err == nil || !regexp.MustCompile(c.want).MatchString(err.Error()) {
				t.Errorf("Call = %v; want an error matching %q", err, c.want)
			}
		})
	}
}
