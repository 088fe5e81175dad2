package main

import (
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

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
	code, out, dir := gate(t, []string{"PATH=" + fakeGo(t, bin) + string(os.PathListSeparator) + os.Getenv("PATH")}, "--label-filter", gateFilter)
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

// fakeGo writes, into a directory it returns (to put first on PATH), a go
// command that answers the gate's build step, go build -o FILE
// ./cmd/scapi-conformance, by copying bin (the binary the tests built once)
// to FILE, and refuses anything else: the gate's build branch runs without a
// second build.
func fakeGo(t *testing.T, bin string) string {
	t.Helper()
	dir := t.TempDir()
	script := "#!/bin/sh\n" +
		"if [ \"$1 $2 $4\" = \"build -o ./cmd/scapi-conformance\" ] && [ $# -eq 4 ]; then exec cp \"" + bin + "\" \"$3\"; fi\n" +
		"echo \"fake go: unexpected arguments: $*\" >&2; exit 2\n"
	if err := os.WriteFile(filepath.Join(dir, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
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

// action is what TestCIGateAction reads of action.yml.
type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID  string            `yaml:"id"`
			Env map[string]string `yaml:"env"`
			Run string            `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

var inputRef = regexp.MustCompile(`^\$\{\{ inputs\.([a-z-]+) \}\}$`)

// TestCIGateAction runs the composite action's gate step as GitHub would
// (bash -eo pipefail, inputs through env, outputs to $GITHUB_OUTPUT): with
// no target it refuses (exit 2, the embedded reference is never a default);
// with reference: true it passes the reference and reports exit-code=0.
func TestCIGateAction(t *testing.T) {
	bin := built(t)
	b, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	if a.Runs.Using != "composite" || len(a.Runs.Steps) == 0 {
		t.Fatalf("action.yml: runs.using %q, %d steps", a.Runs.Using, len(a.Runs.Steps))
	}
	step := a.Runs.Steps[len(a.Runs.Steps)-1]
	if step.ID != "gate" || !strings.Contains(step.Run, "scripts/ci-gate.sh") {
		t.Fatalf("the last step is not the gate calling scripts/ci-gate.sh: %+v", step)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	run := func(inputs map[string]string) (int, string, string) {
		t.Helper()
		dir := t.TempDir()
		outputs := filepath.Join(dir, "outputs")
		env := append(os.Environ(), childEnv+"=", "SCAPI_GATE_BIN="+bin, "GITHUB_ACTION_PATH="+root, "GITHUB_OUTPUT="+outputs)
		for name, value := range step.Env {
			m := inputRef.FindStringSubmatch(value)
			if m == nil {
				t.Fatalf("env %s=%s: not an input", name, value)
			}
			in, ok := a.Inputs[m[1]]
			if !ok {
				t.Fatalf("env %s names input %s, which action.yml does not declare", name, m[1])
			}
			v := in.Default
			if o, ok := inputs[m[1]]; ok {
				v = o
			}
			if m[1] == "out" {
				v = filepath.Join(dir, v)
			}
			env = append(env, name+"="+v)
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.Run)
		cmd.Env, cmd.Dir = env, dir
		out, err := cmd.CombinedOutput()
		code := 0
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			code = exitErr.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		o, _ := os.ReadFile(outputs)
		return code, string(out), string(o)
	}
	code, out, outputs := run(map[string]string{})
	if code != exitUsage || !strings.Contains(out, "give target, profile, or reference: true") || !strings.Contains(outputs, "exit-code=2") {
		t.Errorf("no target: exit %d, outputs %q\n%s", code, outputs, out)
	}
	code, out, outputs = run(map[string]string{"reference": "true", "label-filter": gateFilter, "args": "--seed 7 --wait-timeout 5s"})
	if code != exitOK || !strings.Contains(outputs, "exit-code=0\n") || !strings.Contains(out, "--seed 7 --wait-timeout 5s") {
		t.Errorf("reference: exit %d, outputs %q\n%s", code, outputs, out)
	}
	code, _, outputs = run(map[string]string{"reference": "true", "label-filter": gateFilter, "args": "--mutant " + gateMutant})
	if code != exitFailed || !strings.Contains(outputs, "exit-code=1\n") {
		t.Errorf("mutant: exit %d, outputs %q", code, outputs)
	}
}

// TestCIGateReadmeExample: the README's example workflow parses and gives the
// action only inputs action.yml declares.
func TestCIGateReadmeExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## CI gate\n")
	_, block, ok2 := strings.Cut(section, "```yaml\n")
	block, _, ok3 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("README.md has no ## CI gate section with a yaml example")
	}
	var workflow struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(block), &workflow); err != nil {
		t.Fatalf("the example workflow: %v", err)
	}
	a, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var act action
	if err := yaml.Unmarshal(a, &act); err != nil {
		t.Fatal(err)
	}
	used := 0
	for _, job := range workflow.Jobs {
		for _, s := range job.Steps {
			if !strings.Contains(s.Uses, "/scapi-conformance@") {
				continue
			}
			used++
			for k := range s.With {
				if _, ok := act.Inputs[k]; !ok {
					t.Errorf("the example gives input %q, which action.yml does not declare", k)
				}
			}
		}
	}
	if used == 0 {
		t.Error("the example workflow does not use the action")
	}
}
