package report

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("SCAPI_CHROMIUM"), "/usr/lib/chromium/chromium", "/usr/bin/chromium-headless-shell"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("SCAPI_REQUIRE_BROWSER") == "1" {
		t.Fatal("Chromium not found and SCAPI_REQUIRE_BROWSER=1")
	}
	t.Skip("Chromium not found (set SCAPI_CHROMIUM)")
	return ""
}

// TestHTMLInChromium opens the certification report in headless Chromium and
// reads what a person would see. SCAPI_SCREENSHOT_DIR keeps a screenshot.
func TestHTMLInChromium(t *testing.T) {
	exec := chromium(t)
	r := sampleResult()
	r.Provenance.SchemasHash, r.Provenance.DocumentsHash = "sha256:aaaa", "sha256:bbbb"
	bl := &Baseline{File: "gate.yaml", Entries: []BaselineEntry{{Requirement: "agent.setState.3", Reason: "vendor ticket 42", Owner: "qa", Expires: "2030-01-01"}}}
	bl.Apply(r, r.Provenance.Start)
	r.ComputeCoverage([]string{"agent.get", "agent.setState"}, []string{"agent/STATE_CHANGED"})
	r.Finish()
	path := filepath.Join(t.TempDir(), "report.html")
	if err := WriteHTML(path, r); err != nil {
		t.Fatal(err)
	}

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exec), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1200, 900),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-extensions", true))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+path)); err != nil {
		t.Fatal(err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 20*time.Second)
	defer cancelT()
	type page struct {
		Verdict, Title, SetState1, SetState2, Dial, Failure, Baseline, Target string
		Requirements, Namespaces, External, Methods, Uncalled                 int
	}
	got, err := chromedp.Run(tctx, chromedp.Evaluate[page](`(() => {
		const text = sel => (document.querySelector(sel) || {innerText: ""}).innerText.replace(/\s+/g, " ").trim();
		return {
			Verdict: text("#verdict"), Title: document.title,
			SetState1: text('[id="req-agent.setState.1"] td:last-child'),
			SetState2: text('[id="req-agent.setState.2"] td:last-child'),
			Dial: text('[id="req-voice.dial.1"] td:last-child'),
			Failure: text(".failure"), Baseline: text("#baseline + table"), Target: text("#target + table"),
			Requirements: document.querySelectorAll('tr[id^="req-"]').length,
			Namespaces: document.querySelectorAll('h3[id^="ns-"]').length,
			External: document.querySelectorAll("link, script[src], img, iframe").length + performance.getEntriesByType("resource").length,
			Methods: document.querySelectorAll("#coverage + p + table tr").length - 1,
			Uncalled: [...document.querySelectorAll("#coverage + p + table td:nth-child(3)")].filter(td => td.textContent.trim() === "no").length,
		};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ what, got, want string }{
		{"verdict", got.Verdict, "NON-CONFORMING"},
		{"title", got.Title, "SCAPI conformance: NON-CONFORMING — ws://127.0.0.1:1/scapi"},
		{"agent.setState.1", got.SetState1, "FAIL"},
		{"agent.setState.2", got.SetState2, "NON-STRICT under INT-NS-1"},
		{"voice.dial.1", got.Dial, `SKIPPED the target cannot provide "inbound-call"`},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
		}
	}
	for _, c := range []struct{ what, text, want string }{
		{"failure", got.Failure, "Expected <string>: NOT_READY to equal <string>: READY"},
		{"failure transcript", got.Failure, `→ {"request":"agent.setState"}`},
		{"baseline", got.Baseline, "vendor ticket 42 (owner qa, expires 2030-01-01)"},
		{"target", got.Target, "userAgent WWE Server"},
		{"target", got.Target, "protocolVersion 2"},
	} {
		if !strings.Contains(c.text, c.want) {
			t.Errorf("%s: %q lacks %q", c.what, c.text, c.want)
		}
	}
	if got.Requirements != 5 || got.Namespaces != 2 || got.External != 0 {
		t.Errorf("requirements rows %d (want 5), namespaces %d (want 2), external resources %d (want 0)", got.Requirements, got.Namespaces, got.External)
	}
	if got.Methods < 75 || got.Uncalled != got.Methods-2 {
		t.Errorf("coverage matrix: %d methods (want ≥75), %d uncalled (want all but 2)", got.Methods, got.Uncalled)
	}
	if dir := os.Getenv("SCAPI_SCREENSHOT_DIR"); dir != "" {
		png, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "report.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
