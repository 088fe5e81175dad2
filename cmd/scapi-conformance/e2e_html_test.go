package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scapi-conformance/internal/report/reporttest"
)

// TestE2EHTMLReportInChromium opens the certification report of a run against
// a mutant in headless Chromium and reads it as a person would.
func TestE2EHTMLReportInChromium(t *testing.T) {
	reporttest.Chromium(t)
	m := firstMutant(t)
	r := e2e(t, "run", "--mutant", m.Name, "--seed", "42", "--html", "{dir}/r.html", "--json", "{dir}/r.json")
	r.expect(t, exitFailed)
	res := r.result(t)
	ctx := reporttest.Open(t, filepath.Join(r.dir, "r.html"))
	type page struct {
		Verdict, Target, Provenance, Row, Failures string
		Rows, External, Methods                    int
	}
	got := reporttest.Eval[page](t, ctx, `(() => {
		`+reporttest.PageText+`
		return {
			Verdict: text("#verdict"), Target: text("#target + table"), Provenance: text("#provenance + table"),
			Row: text('[id="req-`+m.Requirement+`"]'), Failures: text("#failures ~ .failure"),
			Rows: document.querySelectorAll('tr[id^="req-"]').length,
			External: `+reporttest.ExternalResources+`,
			Methods: document.querySelectorAll("#coverage + p + table tr").length - 1,
		};
	})()`)
	reporttest.Screenshot(t, ctx, "report-mutant.png")
	for _, c := range []struct{ what, text, want string }{
		{"verdict", got.Verdict, "NON-CONFORMING"},
		{"target", got.Target, "mutant " + m.Name},
		{"target", got.Target, "userAgent WWE Server"},
		{"provenance", got.Provenance, "seed 42"},
		{"provenance", got.Provenance, "driver ws"},
		{"requirement row", got.Row, m.Requirement},
		{"requirement row", got.Row, "FAIL"},
		{"failure", got.Failures, "transcript"},
		{"failure", got.Failures, "Expected and actual:"},
		{"failure transcript names the client", got.Failures, "sent by client 1 ("},
		{"failure location relative to the module", got.Failures, "at suites/conformance/"},
		{"provenance without empty selection fields", got.Provenance, "selection every spec"},
	} {
		if !strings.Contains(c.text, c.want) {
			t.Errorf("%s: %q lacks %q", c.what, c.text, c.want)
		}
	}
	if wd, _ := os.Getwd(); strings.Contains(got.Failures, filepath.Dir(filepath.Dir(wd))+"/") {
		t.Errorf("the failures show the build machine's paths (%s):\n%s", filepath.Dir(filepath.Dir(wd)), got.Failures)
	}
	if got.Rows != len(res.Requirements) || got.External != 0 || got.Methods != 77 {
		t.Errorf("%d requirement rows (want %d), %d external resources (want 0), %d matrix rows (want 77)",
			got.Rows, len(res.Requirements), got.External, got.Methods)
	}
}
