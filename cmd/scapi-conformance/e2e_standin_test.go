package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"scapi-conformance/contract/control"
	"scapi-conformance/fixtures/standin"
	"scapi-conformance/internal/report"
	"scapi-conformance/internal/report/reporttest"
)

// standinPassword is the stand-in's password; it must show nowhere.
const standinPassword = "Sh0w-Me-Nowhere-42"

// standinOrigin is the https origin the stand-in profiles declare: the
// browser driver presents its frames under it.
const standinOrigin = "https://apps.example.com"

// standinProfile starts a reference Workspace and the stand-in of a real
// Workspace page relaying to it, and writes the profile that reaches the
// stand-in through the browser (see standinWorkspace), with the reference's
// control endpoint. It returns the reference's websocket and control URLs too.
func standinProfile(t *testing.T, password string) (profilePath, wsURL, controlURL string) {
	reporttest.Chromium(t)
	srv := startTarget(t)
	return standinWorkspace(t, srv.WebSocketURL(), srv.ControlURL(), password, "", nil), srv.WebSocketURL(), srv.ControlURL()
}

// standinWorkspace starts the stand-in of a real Workspace page relaying to
// the reference at wsURL, and writes the profile that reaches it through the
// browser: service URL, control endpoint and client library when given,
// login by a script file (given as @FILE) with password, the ready
// expression, the declared https origin, and the options when given. Without
// Chromium it skips (fails with SCAPI_REQUIRE_BROWSER=1).
func standinWorkspace(t *testing.T, wsURL, controlURL, password, clientLib string, opts control.Options) string {
	t.Helper()
	chromium := reporttest.Chromium(t)
	s, err := standin.Start(context.Background(), standin.Config{ReferenceURL: wsURL, User: "agent7", Password: standinPassword})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "login.js"), []byte(standin.LoginScript), 0o644); err != nil {
		t.Fatal(err)
	}
	text := "target:\n  driver: browser\n  url: " + s.URL() + "\n  browser: " + chromium + "\n"
	if controlURL != "" {
		text += "  control: " + controlURL + "\n"
	}
	if clientLib != "" {
		text += "  clientLib: " + clientLib + "\n"
	}
	text += "login:\n  user: agent7\n  password: \"" + password + "\"\n  script: \"@login.js\"\n" +
		"  ready: \"" + standin.ReadyExpression + "\"\n" +
		"origins: [" + standinOrigin + "]\n"
	if opts != nil {
		b, err := yaml.Marshal(map[string]control.Options{"options": opts})
		if err != nil {
			t.Fatal(err)
		}
		text += string(b)
	}
	path := filepath.Join(dir, "workspace.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestE2EBrowserLogsIntoAStandinWorkspace: run --driver browser --profile P
// logs into the stand-in through the profile's script and gives the same
// verdicts as the ws driver against the same Workspace.
func TestE2EBrowserLogsIntoAStandinWorkspace(t *testing.T) {
	const filter = "ns:agent || ns:voice"
	profilePath, wsURL, controlURL := standinProfile(t, standinPassword)
	viaBrowser := e2e(t, "run", "--profile", profilePath, "--label-filter", filter, "--json", "{dir}/r.json")
	viaBrowser.expect(t, exitOK)
	viaWS := e2e(t, "run", "--target", wsURL, "--control", controlURL, "--label-filter", filter, "--json", "{dir}/r.json")
	viaWS.expect(t, exitOK)
	b, w := viaBrowser.result(t), viaWS.result(t)
	if b.Provenance.Driver != "browser" || w.Provenance.Driver != "ws" {
		t.Fatalf("drivers %q and %q; want browser and ws", b.Provenance.Driver, w.Provenance.Driver)
	}
	if got := b.Target.Build["driver.declaredOrigins"]; got != standinOrigin {
		t.Errorf("the browser presented the declared origins %q; want the profile's https://apps.example.com", got)
	}
	if d := verdictDiff(b, w); d != "" || len(b.Specs) == 0 {
		t.Errorf("%d specs; the browser and ws verdicts differ:\n%s", len(b.Specs), d)
	}
	if strings.Contains(viaBrowser.stdout+viaBrowser.stderr, standinPassword) {
		t.Error("the password shows in the run's output")
	}
}

// TestE2EBrowserLoginFailsWithoutThePassword: a wrong password makes the
// target unreachable (exit 3), saying where the login stopped, and the
// password shows nowhere.
func TestE2EBrowserLoginFailsWithoutThePassword(t *testing.T) {
	const wrong = "Wr0ng-" + standinPassword
	profilePath, _, _ := standinProfile(t, wrong)
	r := e2e(t, "run", "--profile", profilePath, "--label-filter", "ns:agent", "--wait-timeout", "2s", "--json", "{dir}/r.json")
	r.expect(t, exitUnreachable)
	if !strings.Contains(r.stderr, "after the login script the page did not come back to") {
		t.Errorf("stderr does not say where the login stopped:\n%s", r.stderr)
	}
	if strings.Contains(r.stdout+r.stderr, wrong) {
		t.Errorf("the password shows in the output:\n%s\n%s", r.stdout, r.stderr)
	}
	if b, err := os.ReadFile(filepath.Join(r.dir, "r.json")); err == nil && strings.Contains(string(b), wrong) {
		t.Error("the password shows in the JSON report")
	}
}

// verdictDiff lists the specs whose verdicts differ between two runs.
func verdictDiff(a, b *report.Result) string {
	verdicts := map[string]report.Verdict{}
	for _, s := range b.Specs {
		verdicts[s.Text] = s.Verdict
	}
	var out []string
	for _, s := range a.Specs {
		if v, ok := verdicts[s.Text]; !ok || v != s.Verdict {
			out = append(out, s.Text+": "+string(s.Verdict)+" vs "+string(v))
		}
		delete(verdicts, s.Text)
	}
	for text, v := range verdicts {
		out = append(out, text+": absent vs "+string(v))
	}
	return strings.Join(out, "\n")
}

// TestE2EBrowserThroughTheStandinLibrary: with the committed stand-in of the
// vendor library (--client-lib), the specs of the namespaces whose mapping
// the public library changes (the mute methods under sipEndpoint,
// configuration without getContextualOption) pass against the reference, as
// they do with the built-in client.
func TestE2EBrowserThroughTheStandinLibrary(t *testing.T) {
	chromium := reporttest.Chromium(t)
	r := e2e(t, "run", "--driver", "browser", "--browser", chromium, "--client-lib", standinLib(t), "--label-filter", "ns:voice || ns:configuration", "--json", "{dir}/r.json")
	r.expect(t, exitOK)
	if res := r.result(t); res.Summary.Specs.Pass == 0 {
		t.Errorf("no spec passed: %+v", res.Summary)
	}
}
