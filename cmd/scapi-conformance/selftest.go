package main

import (
	"bytes"
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"scapi-conformance/fixtures/reference"
	"scapi-conformance/internal/report"
	"scapi-conformance/internal/target"
)

func init() {
	register(&command{name: "selftest", summary: "run the suite against the reference Workspace and every mutant; print the mutation score", run: runSelftest})
}

// maxCaughtShown bounds the specs listed per target on the console.
const maxCaughtShown = 6

// selftestOutcome is one target of the self-test.
type selftestOutcome struct {
	// Mutant is "" for the reference Workspace.
	Mutant      string `json:"mutant"`
	Requirement string `json:"requirement,omitempty"`
	// Status is "pass"/"fail" for the reference, "killed"/"survived" for a
	// mutant, "error" when the run could not decide.
	Status string `json:"status"`
	// Caught lists the failing specs (with the requirement ids each failure
	// is attributed to).
	Caught []string `json:"caught,omitempty"`
	// Failed lists the requirements the run failed (FAIL verdicts).
	Failed []string `json:"failed,omitempty"`
	// OwnRequirement is true when the mutant's requirement is among Failed.
	OwnRequirement bool   `json:"ownRequirement"`
	Error          string `json:"error,omitempty"`
	Millis         int64  `json:"millis"`
}

// selftestReport is the --json output of selftest.
type selftestReport struct {
	Score  float64 `json:"score"`
	Killed int     `json:"killed"`
	// Misattributed are the killed mutants whose own requirement did not
	// fail (caught only through other requirements): they fail the self-test.
	Misattributed []string          `json:"misattributed"`
	Mutants       int               `json:"mutants"`
	Reference     selftestOutcome   `json:"reference"`
	Outcomes      []selftestOutcome `json:"outcomes"`
}

func runSelftest(args []string, stdout, stderr io.Writer) int {
	if i := slices.IndexFunc(args, func(a string) bool { return a == "--fixed" || a == "-fixed" }); i >= 0 {
		return runSelftestFixed(slices.Delete(slices.Clone(args), i, i+1), stdout, stderr)
	}
	fs := flag.NewFlagSet("selftest", flag.ContinueOnError)
	var tf target.Flags
	tf.Register(fs) // how every run reaches the reference: --driver, --browser, --wait-timeout, …
	parallel := fs.Int("parallel", runtime.NumCPU(), "how many runs at once (each target is its own process)")
	jsonOut := fs.String("json", "", "write the self-test result as JSON")
	only := fs.String("mutants", "", "comma-separated mutant names to test (default: all)")
	labelFilter := fs.String("label-filter", "", "run only these specs against every target (a spec family's own mutants)")
	strict := fs.Bool("strict", false, "hold every target to the strict reading of every interpretation")
	thorough := fs.Bool("thorough", false, "run every spec against every mutant and list all that catch it (default: stop at the first)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: scapi-conformance selftest [--driver ws|browser] [--parallel N] [--json FILE] [--mutants a,b]")
		fmt.Fprintln(fs.Output(), "\nRuns the whole suite against the embedded reference Workspace, which must pass entirely, and")
		fmt.Fprintln(fs.Output(), "against each of its mutants (one realistic deviation each), each of which must fail at least one")
		fmt.Fprintln(fs.Output(), "spec. Prints the mutation score and, per mutant, the specs that caught it (the first one; all")
		fmt.Fprintln(fs.Output(), "of them with --thorough), and the requirements it failed. Exit 1 when the reference fails, a")
		fmt.Fprintln(fs.Output(), "mutant survives, or a mutant is caught only through requirements other than the one it breaks")
		fmt.Fprintln(fs.Output(), "(MISATTRIBUTED: a spec fails the wrong requirement, or none of its own specs catches it).")
		fmt.Fprintln(fs.Output(), "With --fixed, the same through profiles against the reference configured once, per option set")
		fmt.Fprintln(fs.Output(), "(see scapi-conformance selftest --fixed --help).")
		fmt.Fprintln(fs.Output(), "\nFlags:")
		printFlags(fs)
		fmt.Fprintln(fs.Output(), "\nExamples:\n  scapi-conformance selftest\n  scapi-conformance selftest --parallel 1 --json selftest.json\n  scapi-conformance selftest --thorough\n  scapi-conformance selftest --mutants agent-state-event-missing --label-filter ns:agent")
	}
	if code, done := parseFlags(fs, args, stdout, stderr, "selftest"); done {
		return code
	}
	spec, err := selftestSpec(&tf)
	if err != nil || *parallel < 1 {
		fmt.Fprintf(stderr, "scapi-conformance selftest: %v\n", cmp.Or(err, fmt.Errorf("--parallel %d: want 1 or more", *parallel)))
		return exitUsage
	}
	mutants := reference.Mutants()
	if *only != "" {
		var picked []reference.Mutant
		for _, name := range strings.Split(*only, ",") {
			i := slices.IndexFunc(mutants, func(m reference.Mutant) bool { return m.Name == strings.TrimSpace(name) })
			if i < 0 {
				fmt.Fprintf(stderr, "scapi-conformance selftest: unknown mutant %q (see list mutants)\n", name)
				return exitUsage
			}
			picked = append(picked, mutants[i])
		}
		mutants = picked
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	dir, err := os.MkdirTemp("", "scapi-selftest-")
	if err != nil {
		fmt.Fprintln(stderr, "scapi-conformance selftest:", err)
		return exitUsage
	}
	defer os.RemoveAll(dir)

	fmt.Fprintf(stdout, "selftest: the reference Workspace and %d mutants, driver %s, %d in parallel\n", len(mutants), spec.DriverName(), *parallel)
	start := time.Now()
	targets := append([]reference.Mutant{{}}, mutants...)
	outcomes := make([]selftestOutcome, len(targets))
	sem := make(chan struct{}, *parallel)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i, m := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			flags := append(spec.Args(), fmt.Sprintf("--strict=%v", *strict), "--label-filter="+*labelFilter)
			first := flags
			if m.Name != "" && !*thorough {
				first = append(slices.Clone(flags), "--fail-fast")
			}
			o := selftestOne(ctx, m, first, filepath.Join(dir, fmt.Sprintf("%d.json", i)))
			if o.Status == "killed" && !o.OwnRequirement {
				// The first failure (--fail-fast) may belong to another
				// requirement: run every spec citing the mutant's own, to
				// the end (Ginkgo shuffles the top-level containers, so
				// stopping at the first failure again would let the order
				// decide which of them is judged).
				own := "req:" + m.Requirement
				if *labelFilter != "" {
					own = "(" + *labelFilter + ") && " + own
				}
				focused := selftestOne(ctx, m, append(slices.Clone(flags), "--label-filter="+own), filepath.Join(dir, fmt.Sprintf("%d-own.json", i)))
				o.Caught = append(o.Caught, focused.Caught...)
				o.Failed = append(o.Failed, focused.Failed...)
				o.OwnRequirement = focused.OwnRequirement
				o.Millis += focused.Millis
			}
			outcomes[i] = o
			mu.Lock()
			printOutcome(stdout, o)
			mu.Unlock()
		}()
	}
	wg.Wait()

	rep := selftestReport{Reference: outcomes[0], Outcomes: outcomes[1:], Mutants: len(mutants), Misattributed: []string{}}
	for _, o := range rep.Outcomes {
		if o.Status == "killed" {
			rep.Killed++
			if !o.OwnRequirement {
				rep.Misattributed = append(rep.Misattributed, o.Mutant)
			}
		}
	}
	if rep.Mutants > 0 {
		rep.Score = float64(rep.Killed) / float64(rep.Mutants)
	}
	fmt.Fprintf(stdout, "\nreference Workspace: %s\nmutation score: %d/%d = %.1f%% (%s)\n", rep.Reference.Status,
		rep.Killed, rep.Mutants, 100*rep.Score, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(stdout, "own requirement failed: %d/%d killed mutants\n", rep.Killed-len(rep.Misattributed), rep.Killed)
	for _, o := range rep.Outcomes {
		switch {
		case o.Status != "killed":
			fmt.Fprintf(stdout, "  %s %s (breaks %s)\n", strings.ToUpper(o.Status), o.Mutant, o.Requirement)
		case !o.OwnRequirement:
			fmt.Fprintf(stdout, "  MISATTRIBUTED %s (breaks %s; fails only %s)\n", o.Mutant, o.Requirement, strings.Join(o.Failed, ", "))
		}
	}
	if *jsonOut != "" {
		if err := writeJSONFile(*jsonOut, rep, nil); err != nil {
			fmt.Fprintln(stderr, "scapi-conformance selftest:", err)
			return exitUsage
		}
	}
	if rep.Reference.Status != "pass" || rep.Killed != rep.Mutants || len(rep.Misattributed) > 0 {
		return exitFailed
	}
	return exitOK
}

// selftestOne runs the suite against one target in its own process.
func selftestOne(ctx context.Context, m reference.Mutant, flags []string, path string) selftestOutcome {
	o := selftestOutcome{Mutant: m.Name, Requirement: m.Requirement}
	args := append([]string{"run", "--json=" + path}, flags...)
	if m.Name != "" {
		args = append(args, "--mutant="+m.Name)
	}
	var out bytes.Buffer
	start := time.Now()
	code, err := runChild(ctx, args, io.Discard, &out)
	o.Millis = time.Since(start).Milliseconds()
	var res *report.Result
	if err == nil && (code == exitOK || code == exitFailed) {
		res, err = report.ReadJSON(path)
	}
	if err != nil || res == nil {
		o.Status = "error"
		o.Error = strings.TrimSpace(fmt.Sprintf("exit %d %v %s", code, err, out.String()))
		return o
	}
	for _, s := range res.Specs {
		if s.Verdict == report.Fail {
			o.Caught = append(o.Caught, fmt.Sprintf("%s [%s]", s.Text, strings.Join(s.Violates(), ", ")))
		}
	}
	for _, rr := range res.Requirements {
		if rr.Verdict == report.Fail {
			o.Failed = append(o.Failed, rr.ID)
		}
	}
	o.OwnRequirement = slices.Contains(o.Failed, m.Requirement)
	switch {
	case m.Name == "" && code == exitOK:
		o.Status = "pass"
	case m.Name == "":
		o.Status = "fail"
	case code == exitFailed && len(o.Caught) > 0:
		o.Status = "killed"
	default:
		o.Status = "survived"
	}
	return o
}

func printOutcome(w io.Writer, o selftestOutcome) {
	name := "reference Workspace"
	if o.Mutant != "" {
		name = "mutant " + o.Mutant
	}
	took := (time.Duration(o.Millis) * time.Millisecond).Round(10 * time.Millisecond)
	switch {
	case o.Status == "error":
		fmt.Fprintf(w, "%-48s ERROR (%s): %s\n", name, took, o.Error)
		return
	case o.Mutant == "":
		fmt.Fprintf(w, "%-48s %s (%s)\n", name, strings.ToUpper(o.Status), took)
	default:
		own := ""
		if o.Status == "killed" {
			own = "; fails " + strings.Join(o.Failed, ", ")
			if !o.OwnRequirement {
				own += "; NOT its own " + o.Requirement
			}
		}
		fmt.Fprintf(w, "%-48s %s by %d spec(s) (%s%s)\n", name, strings.ToUpper(o.Status), len(o.Caught), took, own)
	}
	for i, c := range o.Caught {
		if i == maxCaughtShown {
			fmt.Fprintf(w, "    … and %d more (all in --json)\n", len(o.Caught)-i)
			break
		}
		fmt.Fprintf(w, "    %s\n", c)
	}
}

// selftestSpec is how every run of the self-test reaches the embedded
// reference (the target flags every command shares); a target other than
// the embedded reference, or a mutant, is not the self-test's to choose.
func selftestSpec(tf *target.Flags) (target.Spec, error) {
	spec, err := tf.Spec()
	switch {
	case err != nil:
		return spec, err
	case !spec.Embedded() || spec.Control != "":
		return spec, fmt.Errorf("the self-test runs the embedded reference and its mutants, not %s (see run)", spec.URL)
	case spec.Mutant != "":
		return spec, fmt.Errorf("--mutant %s: the self-test runs every mutant; choose some with --mutants", spec.Mutant)
	}
	return spec, nil
}
