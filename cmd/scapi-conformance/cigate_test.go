package main

import (
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"scapi-conformance/internal/report"
)

// gateFilter keeps the gate's runs short: the reply envelope specs, which
// the userAgent mutant breaks.
const (
	gateFilter = "req:envelope.reply.1"
	gateMutant = "envelope-user-agent-without-wwe"
)

// gate runs scripts/ci-gate.sh with args and env; it returns the exit code,
// the output and the report folder.
func gate(t *testing.T, env []string, args ...string) (int, string, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "reports")
	cmd := exec.Command("bash", append([]string{filepath.Join("..", "..", "scripts", "ci-gate.sh"), "--out", out}, args...)...)
	cmd.Env = append(append(os.Environ(), childEnv+"="), env...)
	b, err := cmd.CombinedOutput()
	var exitErr *exec.ExitError
	code := 0
	switch {
	case errors.As(err, &exitErr):
		code = exitErr.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return code, string(b), out
}

// gateReports checks that the three reports are in dir and returns the JSON one.
func gateReports(t *testing.T, dir string) *report.Result {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "junit.xml"))
	var suites struct {
		XMLName xml.Name `xml:"testsuites"`
	}
	if err != nil || xml.Unmarshal(b, &suites) != nil {
		t.Errorf("junit.xml missing or not JUnit XML: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "certification.html")); err != nil || !strings.Contains(string(b), "</html>") {
		t.Errorf("certification.html missing or incomplete: %v", err)
	}
	res, err := report.ReadJSON(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func verdictOf(res *report.Result, id string) report.Verdict {
	for _, r := range res.Requirements {
		if r.ID == id {
			return r.Verdict
		}
	}
	return ""
}

// TestCIGateScript: the gate builds the binary and passes the reference
// Workspace (exit 0), fails a mutant (exit 1), and accepts that failure once
// a baseline records it (exit 0); every run writes the three reports.
func TestCIGateScript(t *testing.T) {
	bin := built(t) // -short skips
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not available")
	}
	code, out, dir := gate(t, nil, "--label-filter", gateFilter)
	if code != exitOK || !strings.Contains(out, "ci-gate: building scapi-conformance") ||
		!strings.Contains(out, "ci-gate: exit 0 (conforming); reports in "+dir) {
		t.Fatalf("reference: exit %d\n%s", code, out)
	}
	if res := gateReports(t, dir); res.ExitCode != exitOK || verdictOf(res, gateFilter[len("req:"):]) != report.Pass {
		t.Errorf("reference: results.json exit %d, %s %s", res.ExitCode, gateFilter, verdictOf(res, gateFilter[len("req:"):]))
	}

	baseline := filepath.Join(t.TempDir(), "baseline.yaml")
	code, out, dir = gate(t, []string{"SCAPI_GATE_BIN=" + bin}, "--mutant", gateMutant, "--label-filter", gateFilter,
		"--write-baseline", baseline, "--owner", "qa")
	if code != exitFailed || strings.Contains(out, "building") || !strings.Contains(out, "ci-gate: exit 1 (NON-CONFORMING)") {
		t.Fatalf("mutant: exit %d\n%s", code, out)
	}
	if res := gateReports(t, dir); res.ExitCode != exitFailed || verdictOf(res, "envelope.reply.1") != report.Fail {
		t.Errorf("mutant: results.json exit %d, envelope.reply.1 %s", res.ExitCode, verdictOf(res, "envelope.reply.1"))
	}

	code, out, dir = gate(t, []string{"SCAPI_GATE_BIN=" + bin, "SCAPI_GATE_BASELINE=" + baseline}, "--mutant", gateMutant, "--label-filter", gateFilter)
	if code != exitOK || !strings.Contains(out, "--baseline "+baseline) {
		t.Fatalf("mutant under its baseline: exit %d\n%s", code, out)
	}
	if res := gateReports(t, dir); res.Baseline == nil {
		t.Error("mutant under its baseline: results.json has no baseline outcome")
	}
}

func TestCIGateScriptUsage(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not available")
	}
	code, out, _ := gate(t, []string{"SCAPI_GATE_BIN=/nonexistent/scapi-conformance"}, "--baseline")
	if code != exitUsage || !strings.Contains(out, "ci-gate: --baseline needs a value") {
		t.Errorf("exit %d\n%s", code, out)
	}
}
