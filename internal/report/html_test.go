package report

import (
	"path/filepath"
	"strings"
	"testing"

	"scapi-conformance/internal/report/reporttest"
)

// TestHTMLInChromium opens the certification report in headless Chromium and
// reads what a person would see. SCAPI_SCREENSHOT_DIR keeps a screenshot.
func TestHTMLInChromium(t *testing.T) {
	reporttest.Chromium(t)
	r := sampleResult()
	// Requirement ids sort as numbers: origin.2 before origin.10.
	r.Specs = append(r.Specs, Spec{Text: "origins", Requirements: []string{"security.origin.10", "security.origin.2"}, Verdict: Pass, Location: "s.go:1"})
	r.Requirements = Aggregate(r.Specs)
	r.Provenance.SchemasHash, r.Provenance.DocumentsHash = "sha256:aaaa", "sha256:bbbb"
	bl := &Baseline{File: "gate.yaml", Entries: []BaselineEntry{{Requirement: "agent.setState.3", Reason: "vendor ticket 42", Owner: "qa", Expires: "2030-01-01"}}}
	bl.Apply(r, r.Provenance.Start)
	r.ComputeCoverage([]string{"agent.get", "agent.setState"}, []string{"agent/STATE_CHANGED"})
	r.Finish()
	path := filepath.Join(t.TempDir(), "report.html")
	if err := WriteHTML(path, r); err != nil {
		t.Fatal(err)
	}

	ctx := reporttest.Open(t, path)
	type page struct {
		Verdict, Title, SetState1, SetState2, Dial, Failure, Baseline, Target, Interp, Quote, Selection, Order string
		Requirements, Namespaces, External, Methods, Uncalled, Chips, DeadChips                                int
	}
	got := reporttest.Eval[page](t, ctx, `(() => {
		`+reporttest.PageText+`
		return {
			Verdict: text("#verdict"), Title: document.title,
			SetState1: text('[id="req-agent.setState.1"] td:last-child'),
			SetState2: text('[id="req-agent.setState.2"] td:last-child'),
			Dial: text('[id="req-voice.dial.1"] td:last-child'),
			Failure: text(".failure"), Baseline: text("#baseline + table"), Target: text("#target + table"),
			Requirements: document.querySelectorAll('tr[id^="req-"]').length,
			Namespaces: document.querySelectorAll('h3[id^="ns-"]').length,
			External: `+reporttest.ExternalResources+`,
			Methods: document.querySelectorAll("#coverage + p + table tr").length - 1,
			Interp: text('[id="interp-INT-NS-1"]'),
			Uncalled: [...document.querySelectorAll("#coverage + p + table td:nth-child(3)")].filter(td => td.textContent.trim() === "no").length,
			Quote: text(".failure blockquote.violated"), Selection: text("#selection"),
			Order: [...document.querySelectorAll('tr[id^="req-security"]')].map(tr => tr.id).join(" "),
			Chips: document.querySelectorAll("a.chip").length,
			DeadChips: [...document.querySelectorAll("a.chip")].filter(a => !document.getElementById(a.getAttribute("href").slice(1))).length,
		};
	})()`)
	for _, c := range []struct{ what, got, want string }{
		{"verdict", got.Verdict, "NON-CONFORMING"},
		{"title", got.Title, "SCAPI conformance: NON-CONFORMING — ws://127.0.0.1:1/scapi"},
		{"agent.setState.1", got.SetState1, "FAIL failed in “agent setState changes the state”"},
		{"selection without filters", got.Selection, "every spec"},
		{"natural order", got.Order, "req-security.origin.2 req-security.origin.10"},
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
		{"interpretation", got.Interp, "INT-NS-1"},
		{"violated sentence", got.Quote, "agent.setState.1: " + r.Requirements[1].Quote},
	} {
		if !strings.Contains(c.text, c.want) {
			t.Errorf("%s: %q lacks %q", c.what, c.text, c.want)
		}
	}
	if got.Requirements != 7 || got.Namespaces != 3 || got.External != 0 {
		t.Errorf("requirements rows %d (want 7), namespaces %d (want 3), external resources %d (want 0)", got.Requirements, got.Namespaces, got.External)
	}
	if got.Chips == 0 || got.DeadChips != 0 {
		t.Errorf("%d requirement chips, %d of them link to no requirement row", got.Chips, got.DeadChips)
	}
	if got.Methods < 75 || got.Uncalled != got.Methods-2 {
		t.Errorf("coverage matrix: %d methods (want ≥75), %d uncalled (want all but 2)", got.Methods, got.Uncalled)
	}
	reporttest.Screenshot(t, ctx, "report-sample.png")
}
