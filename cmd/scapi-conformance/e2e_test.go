package main

// End-to-end tests of the built binary, in the style of Ginkgo's own
// integration tests: build scapi-conformance once, run it as a user would,
// and assert on its exit code and on its JSON, JUnit and HTML reports.

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"scapi-conformance/fixtures/reference"
	"scapi-conformance/internal/report"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// TestMain removes the binary the end-to-end tests built once, if any.
func TestMain(m *testing.M) {
	code := m.Run()
	if binary != "" {
		os.RemoveAll(filepath.Dir(binary))
	}
	os.Exit(code)
}

// built returns the path of the binary, building it on first use: every
// end-to-end test of the package (the CI gate's included) runs this one
// build.
func built(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test of the built binary (-short)")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "scapi-e2e-")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "scapi-conformance")
		out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
		if err != nil {
			buildErr = errors.New("go build: " + err.Error() + "\n" + string(out))
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

type e2eRun struct {
	code           int
	stdout, stderr string
	dir            string
}

// e2e runs the binary with args; "{dir}" in an argument is the run's own
// temporary directory.
func e2e(t *testing.T, args ...string) e2eRun {
	t.Helper()
	r := e2eRun{dir: t.TempDir()}
	for i := range args {
		args[i] = strings.ReplaceAll(args[i], "{dir}", r.dir)
	}
	cmd := exec.Command(built(t), args...)
	cmd.Env = append(os.Environ(), childEnv+"=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			r.code = exitErr.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Minute):
		cmd.Process.Kill()
		t.Fatalf("scapi-conformance %v did not finish within 5 minutes", args)
	}
	r.stdout, r.stderr = out.String(), errb.String()
	return r
}

func (r e2eRun) expect(t *testing.T, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout (tail):\n%s\nstderr:\n%s", r.code, code, tail(r.stdout, 40), r.stderr)
	}
}

func (r e2eRun) result(t *testing.T) *report.Result {
	t.Helper()
	res, err := report.ReadJSON(filepath.Join(r.dir, "r.json"))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// junitCase is what the end-to-end tests read of a JUnit testcase.
type junitCase struct {
	Name       string    `xml:"name,attr"`
	Failure    *struct{} `xml:"failure"`
	Skipped    *struct{} `xml:"skipped"`
	Properties []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	} `xml:"properties>property"`
}

// junitCases reads the testcases of a JUnit file.
func junitCases(t *testing.T, path string) []junitCase {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suites []struct {
			Cases []junitCase `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s is not JUnit XML: %v", path, err)
	}
	var out []junitCase
	for _, s := range doc.Suites {
		out = append(out, s.Cases...)
	}
	return out
}

// junitFailures returns the names of the failing testcases of a JUnit file.
func junitFailures(t *testing.T, path string) []string {
	t.Helper()
	var out []string
	for _, c := range junitCases(t, path) {
		if c.Failure != nil {
			out = append(out, c.Name)
		}
	}
	return out
}

// sameVerdicts checks that the JUnit file carries the JSON report's
// requirements with the same verdicts, as <failure>, <skipped> or a pass.
func sameVerdicts(t *testing.T, junitPath string, res *report.Result) {
	t.Helper()
	cases := map[string]junitCase{}
	for _, c := range junitCases(t, junitPath) {
		cases[c.Name] = c
	}
	if len(cases) != len(res.Requirements) {
		t.Errorf("JUnit has %d testcases, the JSON report %d requirements", len(cases), len(res.Requirements))
	}
	for _, rr := range res.Requirements {
		c, ok := cases[rr.ID]
		verdict := ""
		for _, p := range c.Properties {
			if p.Name == "verdict" {
				verdict = p.Value
			}
		}
		if !ok || verdict != string(rr.Verdict) || (c.Failure != nil) != (rr.Verdict == report.Fail) || (c.Skipped != nil) != (rr.Verdict == report.Skipped) {
			t.Errorf("%s: JSON %s, JUnit %+v", rr.ID, rr.Verdict, c)
		}
	}
}

func TestE2EDefaultRunConforms(t *testing.T) {
	r := e2e(t, "run", "--json", "{dir}/r.json", "--junit", "{dir}/r.xml", "--html", "{dir}/r.html")
	r.expect(t, exitOK)
	res := r.result(t)
	if res.Verdict != report.Conforming || res.Summary.Requirements.Fail != 0 || res.Summary.Requirements.Pass == 0 {
		t.Errorf("verdict %s, summary %+v", res.Verdict, res.Summary)
	}
	if res.Target.UserAgent == "" || res.Target.ProtocolVersion == "" || !res.Target.Embedded || res.Provenance.Driver != "ws" {
		t.Errorf("target identity %+v, provenance %+v", res.Target, res.Provenance)
	}
	if f := junitFailures(t, filepath.Join(r.dir, "r.xml")); len(f) != 0 {
		t.Errorf("JUnit failures %v in a conforming run", f)
	}
	sameVerdicts(t, filepath.Join(r.dir, "r.xml"), res)
	html, err := os.ReadFile(filepath.Join(r.dir, "r.html"))
	if err != nil || !bytes.Contains(html, []byte(`id="verdict">CONFORMING<`)) {
		t.Errorf("HTML report lacks the verdict (err %v)", err)
	}
	for _, want := range []string{"] PASS ", "== CONFORMING (exit 0)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// firstMutant is the mutant the gate tests use, and the requirement it breaks.
func firstMutant(t *testing.T) reference.Mutant {
	ms := reference.Mutants()
	if len(ms) == 0 {
		t.Fatal("fixtures/reference has no mutant")
	}
	return ms[0]
}

func TestE2EMutantBaselineGate(t *testing.T) {
	m := firstMutant(t)
	// The specs citing the mutant's requirement: the gate's behaviour, not the
	// whole suite's, is under test here (TestE2EDefaultRunConforms runs it all).
	only := "req:" + m.Requirement
	failing := e2e(t, "run", "--mutant", m.Name, "--label-filter", only, "--json", "{dir}/r.json", "--junit", "{dir}/r.xml",
		"--write-baseline", "{dir}/baseline.yaml", "--owner", "qa-team")
	failing.expect(t, exitFailed)
	if f := junitFailures(t, filepath.Join(failing.dir, "r.xml")); !slices.Contains(f, m.Requirement) {
		t.Errorf("JUnit of mutant %s names failures %v, not its requirement %s", m.Name, f, m.Requirement)
	}
	sameVerdicts(t, filepath.Join(failing.dir, "r.xml"), failing.result(t))
	baseline := filepath.Join(failing.dir, "baseline.yaml")

	accepted := e2e(t, "run", "--mutant", m.Name, "--label-filter", only, "--baseline", baseline, "--json", "{dir}/r.json")
	accepted.expect(t, exitOK)
	res := accepted.result(t)
	if res.Baseline == nil || len(res.Baseline.Accepted) == 0 || len(res.Baseline.New) != 0 {
		t.Errorf("baseline outcome %+v", res.Baseline)
	}
	if !strings.Contains(accepted.stdout, "accepted by the baseline") {
		t.Errorf("summary does not say the failure was accepted:\n%s", tail(accepted.stdout, 20))
	}

	b, err := os.ReadFile(baseline)
	if err != nil {
		t.Fatal(err)
	}
	expired := regexp.MustCompile(`expires: "?\d{4}-\d{2}-\d{2}"?`).ReplaceAll(b, []byte("expires: 2020-01-01"))
	expiredPath := filepath.Join(failing.dir, "expired.yaml")
	if err := os.WriteFile(expiredPath, expired, 0o644); err != nil {
		t.Fatal(err)
	}
	lapsed := e2e(t, "run", "--mutant", m.Name, "--label-filter", only, "--baseline", expiredPath)
	lapsed.expect(t, exitFailed)
	if !strings.Contains(lapsed.stdout, "EXPIRED "+m.Requirement) {
		t.Errorf("summary does not name the expired entry:\n%s", tail(lapsed.stdout, 20))
	}

	// The same baseline against the reference: nothing fails, the entries are stale.
	stale := e2e(t, "run", "--label-filter", only, "--baseline", baseline, "--json", "{dir}/r.json")
	stale.expect(t, exitOK)
	if res := stale.result(t); res.Baseline == nil || len(res.Baseline.Stale) == 0 {
		t.Errorf("entries are not reported stale: %+v", res.Baseline)
	}
}

func TestE2EUsageAndReachability(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"empty label filter", []string{"run", "--label-filter", "req:no.such.requirement"}, exitUsage, "no spec selected"},
		{"bad label filter", []string{"run", "--label-filter", "(("}, exitUsage, "--label-filter"},
		{"unreachable target", []string{"run", "--target", "ws://127.0.0.1:1/scapi"}, exitUnreachable, "target unreachable"},
		{"bad driver", []string{"run", "--driver", "carrier-pigeon"}, exitUsage, `--driver "carrier-pigeon"`},
		{"control without target", []string{"run", "--control", "http://127.0.0.1:1/control"}, exitUsage, "give its --target too"},
		{"mutant with target", []string{"run", "--mutant", "x", "--target", "ws://127.0.0.1:1/scapi"}, exitUsage, "cannot be combined with a target"},
		{"repeat zero", []string{"run", "--repeat", "0"}, exitUsage, "--repeat 0"},
		{"stray argument", []string{"run", "agent"}, exitUsage, `unexpected argument "agent"`},
		{"unknown mutant", []string{"run", "--mutant", "no-such-mutant"}, exitUsage, "no-such-mutant"},
		{"bad profile", []string{"run", "--profile", "{dir}/absent.yaml"}, exitUsage, "absent.yaml"},
		{"bad baseline", []string{"run", "--baseline", "{dir}/absent.yaml"}, exitUsage, "absent.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e2e(t, tc.args...)
			r.expect(t, tc.code)
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr %q lacks %q", r.stderr, tc.stderr)
			}
		})
	}
}

func TestE2EHelpShowsEveryFlagWithAnExample(t *testing.T) {
	r := e2e(t, "run", "--help")
	r.expect(t, exitOK)
	if r.stderr != "" {
		t.Errorf("--help also wrote to stderr:\n%s", r.stderr)
	}
	newRunFlags().fs.VisitAll(func(fl *flag.Flag) {
		example, ok := runFlagExamples[fl.Name]
		if !ok || !strings.Contains(r.stdout, "  --"+fl.Name+"\n") || !strings.Contains(r.stdout, "example: scapi-conformance run "+example+"\n") {
			t.Errorf("--help lacks --%s or its example", fl.Name)
		}
	})
}

func TestE2ERepeatReportsAttempts(t *testing.T) {
	r := e2e(t, "run", "--repeat", "2", "--label-filter", "ns:agent", "--json", "{dir}/r.json")
	r.expect(t, exitOK)
	res := r.result(t)
	if res.Provenance.Repeat != 2 || len(res.Specs) == 0 || len(res.Flaky) != 0 {
		t.Fatalf("repeat %d, %d specs, flaky %v", res.Provenance.Repeat, len(res.Specs), res.Flaky)
	}
	for _, s := range res.Specs {
		if len(s.Attempts) != 2 {
			t.Errorf("%s: attempts %v, want 2", s.Text, s.Attempts)
		}
	}
	runs := strings.Split(r.stdout, "== run ")
	if len(runs) != 3 {
		t.Fatalf("output does not show two runs:\n%s", r.stdout)
	}
	// One seed for every run: the specs come in the same order.
	order := func(out string) []string {
		var specs []string
		for _, line := range strings.Split(out, "\n") {
			if _, spec, ok := strings.Cut(line, "] "); ok && strings.HasPrefix(line, "[") {
				specs = append(specs, spec)
			}
		}
		return specs
	}
	if first, second := order(runs[1]), order(runs[2]); len(first) == 0 || !slices.Equal(first, second) {
		t.Errorf("the runs ran specs in different orders:\n%v\n%v", first, second)
	}
}

func TestE2EBaselineWithUnknownRequirement(t *testing.T) {
	path := filepath.Join(t.TempDir(), "typo.yaml")
	if err := os.WriteFile(path, []byte("accepted:\n  - requirement: agent.gte.1\n    reason: typo\n    owner: qa\n    expires: 2030-01-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := e2e(t, "run", "--baseline", path)
	r.expect(t, exitUsage)
	if want := path + `:2: requirement "agent.gte.1" is not in the registry`; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q lacks %q", r.stderr, want)
	}
}
