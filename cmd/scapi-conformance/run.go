package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"scapi-conformance/contract/requirements"
	"scapi-conformance/internal/report"
	"scapi-conformance/internal/runner"
	"scapi-conformance/internal/target"

	// The conformance specs: importing the package registers the spec tree.
	_ "scapi-conformance/suites/conformance"
)

func init() {
	register(&command{name: "run", summary: "run the conformance suite against a target (default: the embedded reference Workspace)", run: runRun})
}

// runFlags are the flags of run.
type runFlags struct {
	cfg                     runner.Config
	target                  target.Flags
	junit, json, html       string
	baseline, writeBaseline string
	owner                   string
	expiresIn               time.Duration
	repeat                  int
	plan                    bool
	set                     map[string]bool
	fs                      *flag.FlagSet
}

// runFlagExamples gives each flag's --help example.
var runFlagExamples = map[string]string{
	"driver":         "--driver browser",
	"target":         "--target ws://127.0.0.1:8080/scapi",
	"control":        "--target ws://127.0.0.1:8080/scapi --control http://127.0.0.1:8080/control",
	"profile":        "--profile workspace-8.5.yaml",
	"label-filter":   "--label-filter 'ns:agent && !slow'",
	"focus":          "--focus 'setState'",
	"strict":         "--strict",
	"fail-fast":      "--fail-fast",
	"junit":          "--junit results.xml",
	"json":           "--json results.json",
	"html":           "--html certification.html",
	"baseline":       "--baseline ci-baseline.yaml",
	"write-baseline": "--write-baseline ci-baseline.yaml --owner qa-team",
	"owner":          "--write-baseline b.yaml --owner alice",
	"expires-in":     "--write-baseline b.yaml --expires-in 336h",
	"repeat":         "--repeat 5",
	"plan":           "--profile workspace.yaml --plan",
	"seed":           "--seed 1234",
	"timeout":        "--timeout 5m",
	"wait-timeout":   "--wait-timeout 10s",
	"mutant":         "--mutant agent-state-event-missing",
	"browser":        "--driver browser --browser /usr/lib/chromium/chromium",
	"client-lib":     "--driver browser --client-lib wwe-service-client-api.js",
	"call-timeout":   "--wait-timeout 10s (--call-timeout is its deprecated name)",
}

func newRunFlags() *runFlags {
	f := &runFlags{fs: flag.NewFlagSet("run", flag.ContinueOnError)}
	fs := f.fs
	c := &f.cfg
	f.target.Register(fs)
	fs.StringVar(&c.LabelFilter, "label-filter", "", "select specs by label (Ginkgo syntax; labels req:<id>, ns:<namespace>, needs:<capability>, slow)")
	fs.StringVar(&c.Focus, "focus", "", "select specs whose text matches this regular expression")
	fs.BoolVar(&c.FailFast, "fail-fast", false, "stop at the first failing spec (the others are reported not selected)")
	fs.BoolVar(&c.Strict, "strict", false, "hold the target to the strict reading of every interpretation (no NON-STRICT verdicts)")
	fs.StringVar(&f.junit, "junit", "", "write a JUnit XML report (one testcase per requirement)")
	fs.StringVar(&f.json, "json", "", "write the JSON report (verdicts, specs, failures, provenance; with --plan, the plan)")
	fs.StringVar(&f.html, "html", "", "write the self-contained HTML certification report")
	fs.StringVar(&f.baseline, "baseline", "", "YAML file of accepted failures (reason, owner, expiry): they do not fail the run")
	fs.StringVar(&f.writeBaseline, "write-baseline", "", "write a baseline accepting every failure of this run (keeps entries of --baseline)")
	fs.StringVar(&f.owner, "owner", os.Getenv("USER"), "owner of the entries --write-baseline adds")
	fs.DurationVar(&f.expiresIn, "expires-in", 30*24*time.Hour, "validity of the entries --write-baseline adds")
	fs.IntVar(&f.repeat, "repeat", 1, "run the suite N times and report the specs whose verdicts differ as flaky")
	fs.BoolVar(&f.plan, "plan", false, "print which specs would run, which be skipped and why, and the real waiting, without running any (exit 0)")
	fs.Int64Var(&c.Seed, "seed", 0, "seed of the spec order (0: from the clock; the seed used is reported)")
	fs.DurationVar(&c.Timeout, "timeout", 15*time.Minute, "bound on the whole run")
	fs.Usage = func() { f.usage(fs.Output()) }
	return f
}

func (f *runFlags) usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: scapi-conformance run [flags]")
	fmt.Fprintln(w, "\nRuns the conformance specs against a target and gives a verdict per documented requirement:")
	fmt.Fprintln(w, "PASS, NON-STRICT (passes only under a recorded interpretation), FAIL, or SKIPPED with its reason.")
	fmt.Fprintln(w, "With no flags it starts the embedded reference Workspace and runs the whole suite over websocket.")
	fmt.Fprintln(w, "\nFlags:")
	f.fs.VisitAll(func(fl *flag.Flag) {
		def := ""
		if fl.DefValue != "" && fl.DefValue != "0" && fl.DefValue != "false" && fl.DefValue != "0s" {
			def = " (default " + fl.DefValue + ")"
		}
		_, usage := flag.UnquoteUsage(fl) // the usage without the `quotes` that name a value
		fmt.Fprintf(w, "  --%s\n      %s%s\n      example: scapi-conformance run %s\n", fl.Name, usage, def, runFlagExamples[fl.Name])
	})
	fmt.Fprintln(w, "\nExit codes: 0 conforming, 1 non-conforming (a new failure, an expired baseline entry),")
	fmt.Fprintln(w, "2 usage or profile error (including a selection that tests nothing, an output path that cannot")
	fmt.Fprintln(w, "be written: checked before the run), 3 target unreachable, 4 incomplete (--timeout elapsed, an")
	fmt.Fprintln(w, "interrupt, or the target stopped answering: the specs that did not run are NOT RUN, nothing FAILs")
	fmt.Fprintln(w, "for it).")
}

func runRun(args []string, stdout, stderr io.Writer) int {
	f := newRunFlags()
	if code, done := parseFlags(f.fs, args, stdout, stderr, "run"); done {
		return code
	}
	f.set = map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	if err := f.check(); err != nil {
		fmt.Fprintf(stderr, "scapi-conformance run: %v\n", err)
		return exitUsage
	}
	if err := f.checkOutputs(); err != nil {
		fmt.Fprintf(stderr, "scapi-conformance run: %v\n", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if f.plan {
		return f.runPlan(ctx, stdout, stderr)
	}

	var bl *report.Baseline
	if f.baseline != "" {
		var err error
		if bl, err = report.LoadBaseline(f.baseline); err == nil {
			err = bl.CheckRequirements(func(id string) bool { _, ok := requirements.Lookup(id); return ok })
		}
		if err != nil {
			fmt.Fprintf(stderr, "scapi-conformance run: %v\n", err)
			return exitUsage
		}
	}
	f.cfg.Progress = stdout
	f.cfg.Redactor = report.NewRedactor(f.cfg.Target.Profile.Secrets()...)
	var res *report.Result
	var err error
	if f.repeat > 1 {
		res, err = f.repeatRuns(ctx, stdout, stderr)
	} else {
		res, err = runner.Run(ctx, f.cfg)
	}
	if err != nil {
		if res != nil {
			// A run that tested nothing still shows why, in its reports.
			res.Finish()
			f.writeReports(res)
		}
		fmt.Fprintf(stderr, "scapi-conformance run: %s\n", f.cfg.Redactor.String(err.Error()))
		if errors.Is(err, runner.ErrUnreachable) {
			return exitUnreachable
		}
		return exitUsage
	}
	if bl != nil {
		bl.Apply(res, time.Now())
	}
	res.Finish()
	err = f.writeReports(res)
	if err == nil && f.writeBaseline != "" && res.Incomplete != "" {
		// A baseline accepts the failures of a whole run, not of a part.
		fmt.Fprintf(stderr, "scapi-conformance run: --write-baseline %s: not written, the run is INCOMPLETE\n", f.writeBaseline)
	} else if err == nil && f.writeBaseline != "" {
		err = report.NewBaseline(res, bl, f.owner, time.Now().Add(f.expiresIn)).Write(f.writeBaseline)
	}
	if err != nil {
		fmt.Fprintf(stderr, "scapi-conformance run: %v\n", err)
		return exitUsage
	}
	printSummary(stdout, res)
	return res.ExitCode
}

// check validates the flags that need more than parsing, and loads the profile.
func (f *runFlags) check() error {
	if f.repeat < 1 {
		return fmt.Errorf("--repeat %d: want 1 or more", f.repeat)
	}
	if f.expiresIn <= 0 {
		return fmt.Errorf("--expires-in %v: want a positive duration", f.expiresIn)
	}
	if f.writeBaseline != "" && strings.TrimSpace(f.owner) == "" {
		return errors.New("--write-baseline needs --owner (every accepted failure has an owner)")
	}
	if name := f.planOnly(); f.plan && name != "" {
		return fmt.Errorf("--%s has nothing to do with --plan, which runs no spec (--json writes the plan)", name)
	}
	var err error
	f.cfg.Target, err = f.target.Spec()
	return err
}

// writeReports writes every report asked for.
func (f *runFlags) writeReports(res *report.Result) error {
	for _, out := range []struct {
		path  string
		write func(string, *report.Result) error
	}{{f.json, report.WriteJSON}, {f.junit, report.WriteJUnit}, {f.html, report.WriteHTML}} {
		if out.path == "" {
			continue
		}
		if err := out.write(out.path, res); err != nil {
			return fmt.Errorf("writing %s: %w", out.path, err)
		}
	}
	return nil
}
