package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/fixtures/server"
	"scapi-conformance/internal/preflight"
	"scapi-conformance/internal/report"
	"scapi-conformance/suites/framework"
)

// matrixFilter keeps the matrix's runs and plans short: the agent specs run
// on every stand-in (no stimulus, no control endpoint needed).
const matrixFilter = "ns:agent"

// matrixMutant breaks the envelope every vendor client relies on: a
// numeric referenceId is echoed as a number.
const matrixMutant = "envelope-reference-id-as-number"

// matrixRow is a stand-in of a Workspace the commands run against.
type matrixRow struct {
	name string
	// broken: the stand-in breaks the envelope; every command must say so.
	broken bool
	// target starts the stand-in and returns the target flags that reach it.
	target func(t *testing.T) []string
	// build are entries the run's report must carry in its target build
	// (how the driver reached the stand-in).
	build map[string]string
}

// matrixCell is what the matrix keeps of a row's commands for the later
// ones: the run's result (the plan is compared with it) and the fuzz
// finding every row replays.
type matrixCell struct {
	run *report.Result
}

// TestE2ECommandsAgainstStandins: every command (run, run --plan, doctor,
// fuzz, replay of a fuzz finding) against every stand-in of a Workspace the
// suite did not write: the reference configured once without control, with
// only its clock, the stand-in Workspace page behind a login through the
// browser, the reference configured once behind that page reached through
// the stand-in of the vendor library, and a reference that breaks the
// envelope. Verdicts are read from the JSON reports and the exit codes.
// The broken stand-in comes first: its fuzz finding is what every row replays.
func TestE2ECommandsAgainstStandins(t *testing.T) {
	built(t)
	var finding string // the broken stand-in's fuzz finding
	keep := t.TempDir()
	rows := []matrixRow{
		{name: "broken envelope (mutant)", broken: true, target: func(*testing.T) []string { return []string{"--mutant", matrixMutant} }},
		{name: "fixed options, no control (ws)", target: func(t *testing.T) []string {
			return []string{"--profile", fixedTarget(t, server.ControlNone, matrixOptions(appOrigin), []string{appOrigin})}
		}},
		{name: "fixed options, clock only (ws)", target: func(t *testing.T) []string {
			opts := matrixOptions(appOrigin)
			opts[options.RateLimit], opts[options.QuarantineDelay] = "5", "10"
			return []string{"--profile", fixedTarget(t, server.ControlClockOnly, opts, []string{appOrigin})}
		}},
		{name: "stand-in page with login (browser)", target: func(t *testing.T) []string {
			p, _, _ := standinProfile(t, standinPassword)
			return []string{"--profile", p}
		}, build: map[string]string{"driver.declaredOrigins": standinOrigin, "login.user": "agent7"}},
		{name: "fixed reference behind the stand-in page, stand-in library (browser)", target: func(t *testing.T) []string {
			return []string{"--profile", fixedStandinProfile(t)}
		}, build: map[string]string{"driver.declaredOrigins": standinOrigin, "login.user": "agent7", "driver.clientLib": standinLib(t)}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			target := row.target(t)
			var cell matrixCell
			t.Run("run", func(t *testing.T) { cell.run = matrixRun(t, row, target) })
			t.Run("run --plan", func(t *testing.T) { matrixPlan(t, target, cell.run) })
			t.Run("doctor", func(t *testing.T) { matrixDoctor(t, row, target) })
			t.Run("fuzz", func(t *testing.T) {
				if f := matrixFuzz(t, row, target, keep); f != "" {
					finding = f
				}
			})
			t.Run("replay", func(t *testing.T) {
				if finding == "" {
					t.Fatal("no fuzz finding to replay: the broken stand-in's fuzz found nothing")
				}
				matrixReplay(t, row, target, finding)
			})
		})
	}
}

// matrixOptions lets origin call everything and keeps user-data lists, as an
// administrator would configure a Workspace once.
func matrixOptions(origin string) control.Options {
	return control.Options{options.AcceptedOrigins: origin + " (*, auth.getJwtToken)",
		options.UserDataReadAllowed: "Key1,Key2", options.UserDataWriteAllowed: "Key1"}
}

// fixedStandinProfile serves the reference configured once (no control
// endpoint) behind the stand-in Workspace page, and writes the profile that
// logs into the page and reaches it through the stand-in of the vendor
// library, declaring the options and the origin the reference is configured
// with.
func fixedStandinProfile(t *testing.T) string {
	opts := matrixOptions(standinOrigin)
	srv := fixedServer(t, server.ControlNone, opts)
	return standinWorkspace(t, srv.WebSocketURL(), "", standinPassword, standinLib(t), opts)
}

// standinLib is the file URL of the stand-in of the vendor library.
func standinLib(t *testing.T) string {
	lib, err := filepath.Abs("../../driver/browser/testdata/standin-client-lib.js")
	if err != nil {
		t.Fatal(err)
	}
	return "file://" + lib
}

// matrixRun: run gives its verdict in the JSON report. On a healthy
// stand-in nothing fails, every basic holds and the target's identity comes
// from the preflight; on the broken one the preflight names the broken
// envelope and every failing spec says it met it, at once (no spec waits
// out the wait timeout).
func matrixRun(t *testing.T, row matrixRow, target []string) *report.Result {
	const wait = "10s"
	r := e2e(t, append(append([]string{"run"}, target...), "--label-filter", matrixFilter, "--wait-timeout", wait, "--json", "{dir}/r.json")...)
	noSecret(t, r)
	res := r.result(t)
	t.Logf("exit %d; specs %d pass, %d fail, %d skipped; %d ms", r.code, res.Summary.Specs.Pass, res.Summary.Specs.Fail, res.Summary.Specs.Skipped, res.Provenance.DurationMillis)
	if row.broken {
		r.expect(t, exitFailed)
		if res.Summary.Specs.Fail == 0 || !strings.Contains(res.Target.Build["preflight"], "reply envelope BROKEN") {
			t.Errorf("specs %+v, preflight %q; want failures and the broken reply envelope", res.Summary.Specs, res.Target.Build["preflight"])
		}
		for _, s := range res.Specs {
			if s.Failure != nil && !strings.Contains(s.Failure.Message, "broken envelope") {
				t.Errorf("%s failed without naming the broken envelope: %s", s.Text, s.Failure.Message)
			}
			if s.Millis >= 10_000 {
				t.Errorf("%s took %d ms: it waited out the %s wait timeout instead of failing fast", s.Text, s.Millis, wait)
			}
		}
		return res
	}
	r.expect(t, exitOK)
	for k, v := range row.build {
		if got := res.Target.Build[k]; got != v {
			t.Errorf("target build %s = %q; want %q", k, got, v)
		}
	}
	for _, s := range res.Specs {
		if s.Verdict == report.Skipped && !strings.Contains(s.Reason, "the target cannot provide") {
			t.Errorf("%s skipped for another reason than a stimulus: %s", s.Text, s.Reason)
		}
	}
	if res.Summary.Specs.Fail != 0 || res.Summary.Specs.Pass == 0 || res.Target.UserAgent != "WWE Server" ||
		!strings.HasPrefix(res.Target.Build["preflight"], "every basic holds") {
		t.Errorf("specs %+v, userAgent %q, preflight %q; want passes, no failure, every basic holding",
			res.Summary.Specs, res.Target.UserAgent, res.Target.Build["preflight"])
	}
	return res
}

// matrixPlan: run --plan writes the plan as JSON, exit 0, and agrees with
// the run: every spec the plan skips was skipped by the run, and every spec
// the run ran was planned to run.
func matrixPlan(t *testing.T, target []string, run *report.Result) {
	r := e2e(t, append(append([]string{"run", "--plan"}, target...), "--label-filter", matrixFilter, "--json", "{dir}/plan.json")...)
	noSecret(t, r)
	r.expect(t, exitOK)
	var plan framework.Plan
	readJSON(t, filepath.Join(r.dir, "plan.json"), &plan)
	if len(plan.Specs) == 0 {
		t.Fatal("the plan lists no spec")
	}
	skips := 0
	for _, p := range plan.Specs {
		if p.Skip != "" {
			skips++
		}
	}
	t.Logf("exit %d; %d specs planned, %d to skip", r.code, len(plan.Specs), skips)
	if run == nil {
		t.Fatal("no run to compare the plan with")
	}
	verdicts := map[string]report.Verdict{}
	for _, s := range run.Specs {
		verdicts[s.Text] = s.Verdict
	}
	for _, p := range plan.Specs {
		v, ok := verdicts[p.Text]
		switch {
		case !ok:
			t.Errorf("the plan lists %q, which the run did not report", p.Text)
		case p.Skip != "" && v != report.Skipped:
			t.Errorf("the plan skips %q (%s), the run gave it %s", p.Text, p.Skip, v)
		}
	}
	if len(plan.Specs) != len(run.Specs) {
		t.Errorf("the plan lists %d specs, the run reported %d", len(plan.Specs), len(run.Specs))
	}
}

// matrixDoctor: doctor writes its checks as JSON; every basic holds on a
// healthy stand-in (exit 0), the reply envelope is BROKEN on the broken one
// (exit 1).
func matrixDoctor(t *testing.T, row matrixRow, target []string) {
	r := e2e(t, append(append([]string{"doctor"}, target...), "--json", "{dir}/doctor.json")...)
	noSecret(t, r)
	var rep doctorReport
	readJSON(t, filepath.Join(r.dir, "doctor.json"), &rep)
	if rep.ExitCode != r.code || rep.Preflight == nil {
		t.Fatalf("doctor.json says exit %d (preflight %v), the command exited %d\n%s", rep.ExitCode, rep.Preflight, r.code, r.stderr)
	}
	t.Logf("exit %d; %d checks broken", r.code, len(rep.Preflight.Broken()))
	if row.broken {
		r.expect(t, exitFailed)
		if c := rep.Preflight.Check(preflight.CheckReply); c.Status != preflight.Broken {
			t.Errorf("reply envelope %+v; want BROKEN", c)
		}
		return
	}
	r.expect(t, exitOK)
	if broken := rep.Preflight.Broken(); len(broken) != 0 || len(rep.Preflight.Accepted) == 0 || rep.Preflight.UserAgent != "WWE Server" {
		t.Errorf("broken %+v, accepted %v, userAgent %q; want every basic holding", broken, rep.Preflight.Accepted, rep.Preflight.UserAgent)
	}
}

// matrixFuzz: five seconds of fuzzing run sessions and find nothing on a
// healthy stand-in (exit 0, no replay file) and the broken envelope on the
// broken one (exit 1), as fuzz --json says; it returns the broken one's
// first replay file, copied into keep (the run's own directory goes with the
// subtest, and every row replays it).
func matrixFuzz(t *testing.T, row matrixRow, target []string, keep string) string {
	r := e2e(t, append(append([]string{"fuzz"}, target...), "--duration", "5s", "--seed", "1", "--quiet", "--out", "{dir}/findings", "--json", "{dir}/fuzz.json")...)
	noSecret(t, r)
	var rep fuzzReport
	readJSON(t, filepath.Join(r.dir, "fuzz.json"), &rep)
	files, _ := filepath.Glob(filepath.Join(r.dir, "findings", "*.replay.json"))
	t.Logf("exit %d; %d sessions, %d requests, %d findings", r.code, rep.Sessions, rep.Requests, len(rep.Findings))
	if rep.ExitCode != r.code || rep.Sessions == 0 || rep.Requests == 0 || len(files) != len(rep.Findings) {
		t.Fatalf("fuzz.json: exit %d, %d sessions, %d requests, %d findings; the command exited %d and wrote %d replay files\n%s",
			rep.ExitCode, rep.Sessions, rep.Requests, len(rep.Findings), r.code, len(files), r.stderr)
	}
	if !row.broken {
		r.expect(t, exitOK)
		if len(rep.Findings) != 0 {
			t.Errorf("findings against a healthy stand-in: %+v", rep.Findings)
		}
		return ""
	}
	r.expect(t, exitFailed)
	if len(rep.Findings) == 0 || rep.Findings[0].Finding.Requirement != "envelope.reply.3" {
		t.Fatalf("findings %+v; want the broken referenceId (envelope.reply.3)", rep.Findings)
	}
	b, err := os.ReadFile(rep.Findings[0].File)
	if err != nil {
		t.Fatal(err)
	}
	kept := filepath.Join(keep, filepath.Base(rep.Findings[0].File))
	if err := os.WriteFile(kept, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return kept
}

// matrixReplay: the broken stand-in's finding still fails there (exit 1)
// and no longer fails on a healthy stand-in (exit 0).
func matrixReplay(t *testing.T, row matrixRow, target []string, finding string) {
	r := e2e(t, append([]string{"replay", finding}, target...)...)
	noSecret(t, r)
	t.Logf("exit %d", r.code)
	if row.broken {
		r.expect(t, exitFailed)
		return
	}
	r.expect(t, exitOK)
}

// noSecret fails the test when the stand-in's password shows in the
// command's output or in any file it wrote (reports, plans, findings).
func noSecret(t *testing.T, r e2eRun) {
	t.Helper()
	if strings.Contains(r.stdout+r.stderr, standinPassword) {
		t.Error("the password shows in the command's output")
	}
	filepath.WalkDir(r.dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, rerr := os.ReadFile(path); rerr == nil && strings.Contains(string(b), standinPassword) {
				t.Errorf("the password shows in %s", path)
			}
		}
		return nil
	})
}

// readJSON reads the JSON file at path into v.
func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestE2EFuzzDeclaredRateLimits: fuzz against the reference configured once
// with a rate limit (5 per minute, quarantine 10 s) that its own traffic
// exceeds: without any control (real time, the windows never known) it
// reports nothing; with only the clock, a reference that lets one request
// more run each minute is caught under the strict reading.
func TestE2EFuzzDeclaredRateLimits(t *testing.T) {
	built(t)
	opts := matrixOptions(appOrigin)
	opts[options.RateLimit], opts[options.QuarantineDelay] = "5", "10"
	cases := []struct {
		name, mutant string
		mode         server.ControlMode
		args         []string
		want         string // the first finding's requirement ("" = none, exit 0)
	}{
		{name: "no control", mode: server.ControlNone, args: []string{"--duration", "5s", "--seed", "1"}},
		{name: "clock only, one request too many", mutant: "rate-limit-off-by-one", mode: server.ControlClockOnly,
			args: []string{"--duration", "10s", "--seed", "3", "--strict", "--first"}, want: "security.rateLimit.4"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			srv, err := server.Start(ctx, server.Config{Control: tc.mode, Options: opts, Mutant: tc.mutant})
			if err != nil {
				cancel()
				t.Fatal(err)
			}
			t.Cleanup(func() { cancel(); srv.Close() })
			b, err := fixedProfileYAML(srv.WebSocketURL(), srv.ControlURL(), opts, []string{appOrigin})
			if err != nil {
				t.Fatal(err)
			}
			profile := filepath.Join(t.TempDir(), "workspace.yaml")
			if err := os.WriteFile(profile, b, 0o644); err != nil {
				t.Fatal(err)
			}
			r := e2e(t, append([]string{"fuzz", "--profile", profile, "--quiet", "--out", "{dir}/findings", "--json", "{dir}/fuzz.json"}, tc.args...)...)
			var rep fuzzReport
			readJSON(t, filepath.Join(r.dir, "fuzz.json"), &rep)
			t.Logf("exit %d; %d sessions, %d requests, %d findings", r.code, rep.Sessions, rep.Requests, len(rep.Findings))
			if tc.want == "" {
				r.expect(t, exitOK)
				if len(rep.Findings) != 0 || rep.Sessions == 0 {
					t.Errorf("%d sessions, findings %+v; want sessions and no finding", rep.Sessions, rep.Findings)
				}
				return
			}
			r.expect(t, exitFailed)
			if len(rep.Findings) == 0 || rep.Findings[0].Finding.Requirement != tc.want {
				t.Errorf("findings %+v; want %s first", rep.Findings, tc.want)
			}
		})
	}
}
