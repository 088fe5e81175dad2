package main

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"scapi-conformance/internal/report"
)

// verdictsOf maps requirement ids to their verdicts.
func verdictsOf(res *report.Result) map[string]report.Verdict {
	out := map[string]report.Verdict{}
	for _, rr := range res.Requirements {
		out[rr.ID] = rr.Verdict
	}
	return out
}

// A mutant that breaks the comparison of origins fails security.origin.1,
// not security.origin.2, although its spec cites both (issue 14.1).
func TestE2EVerdictsPerRequirement(t *testing.T) {
	r := e2e(t, "run", "--mutant", "origin-prefix-match", "--label-filter", "ns:security", "--json", "{dir}/r.json")
	r.expect(t, exitFailed)
	v := verdictsOf(r.result(t))
	if v["security.origin.1"] != report.Fail || v["security.origin.2"] == report.Fail {
		t.Errorf("security.origin.1 %s, security.origin.2 %s: want FAIL and not FAIL", v["security.origin.1"], v["security.origin.2"])
	}
	if !strings.Contains(r.stdout, "must be refused") {
		t.Errorf("the FAIL line does not say why:\n%s", tail(r.stdout, 30))
	}
}

// A spec riding on agent STATE_CHANGED (a subscription's acknowledgement, a
// filtered origin's events) whose event does not come fails agent.setState.3
// when the target sends the event to nobody, leaving its own requirements
// not decided, and its own requirement when the event reaches others.
func TestE2EMissingVehicleEventIsAttributed(t *testing.T) {
	for _, c := range []struct {
		mutant, filter string
		want           map[string]report.Verdict
		says           []string
	}{
		{"agent-state-event-missing", "req:envelope.subscribe.3 || req:security.origin.4",
			// security.origin.4 is decided by the other specs citing it.
			map[string]report.Verdict{"agent.setState.3": report.Fail, "envelope.subscribe.3": report.Skipped, "security.origin.4": report.Pass},
			[]string{"(fails agent.setState.3; also cites security.origin.4)", "subscribed to agent events got none after another state change either"}},
		{"origin-filter-withholds-events", "req:security.origin.4",
			map[string]report.Verdict{"security.origin.4": report.Fail},
			[]string{`waiting for event "agent"/STATE_CHANGED on https://other.example.com`}},
	} {
		t.Run(c.mutant, func(t *testing.T) {
			r := e2e(t, "run", "--mutant", c.mutant, "--label-filter", c.filter, "--wait-timeout", "1s", "--json", "{dir}/r.json")
			r.expect(t, exitFailed)
			v := verdictsOf(r.result(t))
			for id, verdict := range c.want {
				if v[id] != verdict {
					t.Errorf("%s %s, want %s", id, v[id], verdict)
				}
			}
			for id, verdict := range v {
				if _, named := c.want[id]; verdict == report.Fail && !named {
					t.Errorf("%s FAIL too", id)
				}
			}
			for _, says := range c.says {
				if !strings.Contains(r.stdout, says) {
					t.Errorf("the output does not say %q:\n%s", says, tail(r.stdout, 30))
				}
			}
		})
	}
}

// A baseline accepts a failure by its fingerprint: another defect under the
// same accepted requirement fails the gate and names the entry (issue 14.2).
func TestE2EBaselineFingerprint(t *testing.T) {
	first := e2e(t, "run", "--mutant", "origin-prefix-match", "--label-filter", "ns:security", "--write-baseline", "{dir}/b.yaml", "--owner", "qa")
	first.expect(t, exitFailed)
	b := filepath.Join(first.dir, "b.yaml")
	text, err := os.ReadFile(b)
	if err != nil || !strings.Contains(string(text), "signature:") || !strings.Contains(string(text), "spec:") {
		t.Fatalf("the baseline has no fingerprint (%v):\n%s", err, text)
	}
	same := e2e(t, "run", "--mutant", "origin-prefix-match", "--label-filter", "ns:security", "--baseline", b)
	same.expect(t, exitOK)
	other := e2e(t, "run", "--mutant", "origin-port-ignored", "--label-filter", "ns:security", "--baseline", b, "--json", "{dir}/r.json")
	other.expect(t, exitFailed)
	res := other.result(t)
	if res.Baseline == nil || len(res.Baseline.New) == 0 || res.Baseline.New[0].Resembles == nil {
		t.Fatalf("baseline outcome %+v", res.Baseline)
	}
	for _, want := range []string{"NEW security.origin.1", "app.example.com:#", "resembles the accepted entry security.origin.1"} {
		if !strings.Contains(other.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, tail(other.stdout, 20))
		}
	}
}

// A baseline written before fingerprints (requirement only) still loads and
// accepts any failure of its requirement; the run names it COARSE.
func TestE2ELegacyBaselineIsCoarse(t *testing.T) {
	dir := t.TempDir()
	legacy := filepath.Join(dir, "legacy.yaml")
	if err := os.WriteFile(legacy, []byte("accepted:\n  - {requirement: security.origin.1, reason: vendor ticket 7, owner: qa, expires: 2099-01-01}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := e2e(t, "run", "--mutant", "origin-port-ignored", "--label-filter", "ns:security", "--baseline", legacy)
	r.expect(t, exitOK)
	if !strings.Contains(r.stdout, "COARSE security.origin.1 ("+legacy+":2) accepts any failure of security.origin.1") {
		t.Errorf("summary does not name the coarse entry:\n%s", tail(r.stdout, 12))
	}
}

// A run stopped by its time limit is INCOMPLETE, not a conformance failure;
// an output path that cannot be written stops the run before any spec
// (issue 14.3).
func TestE2EHonestExits(t *testing.T) {
	r := e2e(t, "run", "--timeout", "1s", "--json", "{dir}/r.json")
	r.expect(t, report.ExitIncomplete)
	res := r.result(t)
	if res.Verdict != report.Incomplete || res.Summary.Requirements.Fail != 0 || res.Summary.NotRun == 0 {
		t.Errorf("verdict %s, summary %+v: want INCOMPLETE, no FAIL, specs NOT RUN", res.Verdict, res.Summary)
	}
	if regexp.MustCompile(`(?m)^FAIL |\] FAIL`).MatchString(r.stdout) || !strings.Contains(r.stdout, "INCOMPLETE (exit 4)") {
		t.Errorf("console:\n%s", tail(r.stdout, 12))
	}

	for _, flag := range []string{"--html", "--json", "--junit", "--write-baseline"} {
		bad := e2e(t, "run", flag, "/nonexistent/dir/r.out", "--owner", "qa")
		bad.expect(t, exitUsage)
		if bad.stdout != "" || !strings.Contains(bad.stderr, flag+" /nonexistent/dir/r.out: its directory /nonexistent/dir does not exist") {
			t.Errorf("%s: stdout %q, stderr %q", flag, bad.stdout, bad.stderr)
		}
	}
}

// An interrupt stops the run INCOMPLETE too: the spec it cut off and those
// after it are NOT RUN, nothing FAILs for it.
func TestE2EInterruptIsIncomplete(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(built(t), "run", "--json", filepath.Join(dir, "r.json"))
	cmd.Env = append(os.Environ(), childEnv+"=")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The first progress line: the specs are running.
	lines := bufio.NewScanner(out)
	for lines.Scan() && !strings.HasPrefix(lines.Text(), "[") {
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	for lines.Scan() {
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != report.ExitIncomplete {
		t.Fatalf("exit %v, want %d", err, report.ExitIncomplete)
	}
	res, err := report.ReadJSON(filepath.Join(dir, "r.json"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != report.Incomplete || !strings.Contains(res.Incomplete, "interrupted") || res.Summary.Requirements.Fail != 0 || res.Summary.NotRun == 0 {
		t.Errorf("verdict %s (%s), summary %+v", res.Verdict, res.Incomplete, res.Summary)
	}
}
