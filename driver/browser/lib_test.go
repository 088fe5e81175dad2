package browser_test

import (
	"context"
	"encoding/json"
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

// standinLib is the committed stand-in of the vendor's
// wwe-service-client-api.js (written from facts about it, not copied).
const standinLib = "testdata/standin-client-lib.js"

// clientLibs are the libraries the library tests run with: the stand-in,
// and the user's own copy of the vendor's library when SCAPI_VENDOR_LIB
// names it (never committed; see README, "Browser targets").
func clientLibs() []string {
	if v := os.Getenv("SCAPI_VENDOR_LIB"); v != "" {
		return []string{standinLib, v}
	}
	return []string{standinLib}
}

// TestDriverContractThroughClientLib runs the shared contract with the calls
// going through a client library in the frame.
func TestDriverContractThroughClientLib(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	for _, lib := range clientLibs() {
		t.Run(filepath.Base(lib), func(t *testing.T) {
			drivertest.Run(t, func(t *testing.T) driver.Driver {
				return onReference(t, browser.Config{ClientLib: lib})
			})
		})
	}
}

// TestClientLibFailures: a library that drops replies, one that throws, one
// that sends nothing and one that cannot be read are each reported clearly.
func TestClientLibFailures(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	dir := t.TempDir()
	if _, err := browser.New(context.Background(), browser.Config{ServicePageURL: "http://127.0.0.1:1/",
		ClientLib: filepath.Join(dir, "missing.js")}); err == nil || !strings.Contains(err.Error(), "client library: open ") {
		t.Errorf("New with a missing library = %v; want an error naming it", err)
	}
	cases := []struct{ name, lib, want string }{
		{"drops replies", `window.genesys = {wwe: {service: {agent: {getState: function (ok, fail) {
			window.parent.postMessage({request: "agent.getState", referenceId: "0", userAgent: "WWE Client", protocolVersion: 2}, "*");
		}}}}};`, `the target replied .* but the library never called back \(it dropped the reply\)`},
		{"throws", `window.genesys = {wwe: {service: {sendMessage: function () { throw new Error("boom"); }}}};`,
			`request "agent.getState" via the client library \(genesys\.wwe\.service\.sendMessage\): the client library threw: Error: boom`},
		{"does not load", `throw new Error("syntax, say");`, `request "agent.getState" via the client library: the client library did not load`},
		{"sends nothing", `window.genesys = {wwe: {service: {agent: {getState: function (ok, fail) {}}}}};`, `the library posted no request to window.parent within`},
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

// TestClientLibPaths: through the stand-in library each request takes the
// path the vendor library offers for its wire name, the request on the wire
// is the one asked for, and the transcript notes the path.
func TestClientLibPaths(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	noSender := filepath.Join(t.TempDir(), "no-sender.js")
	os.WriteFile(noSender, []byte(`window.genesys = {wwe: {service: {agent: {}}}};`), 0o644)
	const noMethod = "sendMessage genesys.wwe.service.sendMessage (the client library has no genesys.wwe.service."
	cases := []struct {
		lib  string
		req  wire.Request
		note string
	}{
		{standinLib, wire.NewRequest("sipEndpoint.muteMicrophone", "", nil), "library genesys.wwe.service.sipEndpoint.muteMicrophone"},
		{standinLib, wire.NewRequest("sipEndpoint.isSpeakerMute", "", nil), "library genesys.wwe.service.sipEndpoint.isSpeakerMute"},
		{standinLib, wire.NewRequest("outbound.getCampaigns", "", nil), "library genesys.wwe.service.outbound.getCampaigns"},
		{standinLib, wire.NewRequest("agent.setState", "", []any{0}), "library genesys.wwe.service.agent.setState"},
		{standinLib, wire.NewRequest("configuration.getContextualOption", "", []any{"x", "1"}),
			noMethod + "configuration.getContextualOption)"},
		{standinLib, wire.NewRequest("agent.unknownMethod", "", nil), noMethod + "agent.unknownMethod)"},
		{standinLib, wire.NewRequest("agent.constructor", "", nil), noMethod + "agent.constructor)"},
		{standinLib, wire.NewRequest("agent.setState", "", nil),
			"sendMessage genesys.wwe.service.sendMessage (genesys.wwe.service.agent.setState declares 1 parameter(s), the call has 0)"},
		{standinLib, wire.NewRequest("agent.get", "7", nil), "raw (a caller-supplied referenceId (the library numbers its own))"},
		{standinLib, wire.Request{Request: "agent.get", UserAgent: "Other", ProtocolVersion: 2},
			"raw (an envelope the library would rewrite (userAgent, protocolVersion or frameId))"},
		{noSender, wire.NewRequest("agent.get", "", nil),
			"raw (the client library has no genesys.wwe.service.agent.get, nor genesys.wwe.service.sendMessage)"},
	}
	for _, lib := range clientLibs()[1:] { // the vendor's library: the same paths as the stand-in
		for _, c := range cases {
			if c.lib == standinLib {
				c.lib = lib
				cases = append(cases, c)
			}
		}
	}
	drivers := map[string]driver.Driver{}
	ctx := context.Background()
	for _, lib := range append(clientLibs(), noSender) {
		d := onReference(t, browser.Config{ClientLib: lib, Timeout: 3 * time.Second})
		if err := d.Control().SetOptions(ctx, control.Options{options.AcceptedOrigins: d.Origins()[0]}); err != nil {
			t.Fatal(err)
		}
		drivers[lib] = d
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.lib)+" "+c.req.Request, func(t *testing.T) {
			d := drivers[c.lib]
			cl, err := d.Open(ctx, d.Origins()[0])
			if err != nil {
				t.Fatal(err)
			}
			defer cl.Close()
			m, err := cl.Call(ctx, c.req)
			if err != nil {
				t.Fatalf("Call(%s) = %v", c.req.Request, err)
			}
			if got, _ := m.String("request"); got != c.req.Request {
				t.Errorf("the reply is to %q; want %q", got, c.req.Request)
			}
			var outs []driver.Entry
			for _, e := range cl.Transcript() {
				if e.Direction == driver.Out {
					outs = append(outs, e)
				}
			}
			if len(outs) != 1 || outs[0].Note != c.note {
				t.Fatalf("requests sent: %+v; want one noted %q", outs, c.note)
			}
			var sent wire.Request
			json.Unmarshal(outs[0].Message, &sent)
			if sent.Request != c.req.Request || len(sent.Parameters) != len(c.req.Parameters) {
				t.Errorf("sent %s; want request %q with %d parameters", outs[0].Message, c.req.Request, len(c.req.Parameters))
			}
		})
	}
	for _, lib := range clientLibs() {
		t.Run(filepath.Base(lib)+" subscribe", func(t *testing.T) {
			cl, err := drivers[lib].Open(ctx, drivers[lib].Origins()[0])
			if err != nil {
				t.Fatal(err)
			}
			defer cl.Close()
			if _, err := cl.Subscribe(ctx, "agent"); err != nil {
				t.Fatal(err)
			}
			tr := cl.Transcript()
			var sent wire.Request
			json.Unmarshal(tr[0].Message, &sent)
			if tr[0].Direction != driver.Out || tr[0].Note != "library genesys.wwe.service.subscribe" ||
				sent.Event != "subscribe" || sent.Data != "agent" {
				t.Errorf("the subscribe sent %s noted %q; want {event: subscribe, data: \"agent\"} through the library", tr[0].Message, tr[0].Note)
			}
		})
	}
}
