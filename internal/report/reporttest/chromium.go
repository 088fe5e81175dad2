// Package reporttest opens report files in headless Chromium for tests, the
// way a person reads them. Without Chromium the test is skipped, unless
// SCAPI_REQUIRE_BROWSER=1 makes that a failure.
package reporttest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"scapi-conformance/driver/browser"
)

// Chromium returns the Chromium executable ($SCAPI_CHROMIUM, else where the
// browser driver looks), skipping the test when there is none.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("SCAPI_CHROMIUM"); p != "" {
		return p
	}
	if p, ok := browser.FindChromium(); ok {
		return p
	}
	if os.Getenv("SCAPI_REQUIRE_BROWSER") == "1" {
		t.Fatal("Chromium not found and SCAPI_REQUIRE_BROWSER=1")
	}
	t.Skip("Chromium not found (set SCAPI_CHROMIUM)")
	return ""
}

// Open starts headless Chromium on a fresh profile, opens the file and
// returns the tab's context, bounded to a minute; everything stops at the
// end of the test.
func Open(t testing.TB, path string) context.Context {
	t.Helper()
	exec := Chromium(t)
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exec), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1200, 900),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-extensions", true))
	tab, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+abs)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(tab, time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// Eval evaluates a JavaScript expression in the page and decodes its value.
func Eval[T any](t testing.TB, ctx context.Context, expression string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expression))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expression, err)
	}
	return v
}

// Screenshot saves a full-page PNG when $SCAPI_SCREENSHOT_DIR is set.
func Screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("SCAPI_SCREENSHOT_DIR")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// PageText is a JavaScript function text(selector) giving the rendered text
// of the first match, whitespace collapsed ("" when none); prepend it to
// expressions.
const PageText = `const text = sel => (document.querySelector(sel) || {innerText: ""}).innerText.replace(/\s+/g, " ").trim();`

// ExternalResources is an expression counting what a self-contained page
// must not load: stylesheets, scripts, images, frames, fetched resources.
const ExternalResources = `document.querySelectorAll("link, script[src], img, iframe").length + performance.getEntriesByType("resource").length`
