package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/fixtures/reference"
	"scapi-conformance/internal/report"
)

// Fixed-mode self-test: the suite runs through a profile per option set
// against the reference Workspace configured once with that set (serve
// --options FILE --clock-only, or --no-control), as against a real build.

// fixedMode is a fixed mode of the reference a self-test can use: serve's
// flag for it, and the bound on each run against it.
type fixedMode struct {
	serveFlag  string
	runTimeout time.Duration
}

// fixedModes are the fixed modes by name.
var fixedModes = map[string]fixedMode{
	// No options, stimuli or reset from outside; a virtual clock: a run takes seconds.
	"clock-only": {"--clock-only", 5 * time.Minute},
	// Nothing but the Workspace: rate windows and quarantines pass in real
	// time, and a run under rate limits takes many minutes.
	"no-control": {"--no-control", time.Hour},
}

// fixedReport is the --json output of selftest --fixed.
type fixedReport struct {
	// Mode is the fixed mode of every target: clock-only or no-control.
	Mode string `json:"mode"`
	// Seed orders the specs of every run alike (state carries over from spec
	// to spec on a target nobody resets).
	Seed       int64            `json:"seed"`
	OptionSets []fixedSetResult `json:"optionSets"`
	// SecurityMutants are the selected mutants that break a security.*
	// requirement (origins, rate limits, user data), each with the option
	// sets under which the suite caught it; SecurityUncaught those caught
	// under none.
	SecurityMutants  []fixedSecurityMutant `json:"securityMutants"`
	SecurityUncaught []string              `json:"securityUncaught"`
	Millis           int64                 `json:"millis"`
}

// fixedSecurityMutant is a security-option mutant and where it was caught.
type fixedSecurityMutant struct {
	Mutant      string   `json:"mutant"`
	Requirement string   `json:"requirement"`
	CaughtUnder []string `json:"caughtUnder"`
}

// fixedSetResult is the outcome of one option set.
type fixedSetResult struct {
	Name      string          `json:"name"`
	What      string          `json:"what"`
	Options   control.Options `json:"options"`
	Origins   []string        `json:"origins"`
	Reference fixedRun        `json:"reference"`
	// Caught are the mutants some spec caught that passes on the reference
	// under the same set; Survived the others.
	Caught   []fixedRun `json:"caught"`
	Survived []string   `json:"survived"`
	Mutants  int        `json:"mutants"`
	Score    float64    `json:"score"`
}

// fixedRun is one run of the suite against one target.
type fixedRun struct {
	Mutant      string `json:"mutant,omitempty"`
	Requirement string `json:"requirement,omitempty"`
	// Status is "pass"/"fail" for the reference, "killed"/"survived" for a
	// mutant, "error" when the run could not decide.
	Status       string        `json:"status"`
	Requirements report.Counts `json:"requirements"`
	Specs        report.Counts `json:"specs"`
	// Failures are the failing specs (with their requirement ids); for a
	// mutant, only those that pass on the reference.
	Failures []string `json:"failures,omitempty"`
	// OwnRequirement is true when one of Failures cites the mutant's
	// requirement (a catch by another spec may be a side effect).
	OwnRequirement bool   `json:"ownRequirement,omitempty"`
	Error          string `json:"error,omitempty"`
	Millis         int64  `json:"millis"`
}

// fixedFlags are the flags of selftest --fixed.
type fixedFlags struct {
	mode                        string
	parallel                    int
	jsonOut, only, sets, labels string
	keep                        string
	security, strict            bool
	seed                        int64
	wait                        time.Duration
	exe                         string // this executable, whose serve command runs each target
}

func runSelftestFixed(args []string, stdout, stderr io.Writer) int {
	f := fixedFlags{}
	fs := flag.NewFlagSet("selftest --fixed", flag.ContinueOnError)
	fs.StringVar(&f.mode, "mode", "clock-only", "fixed mode of the reference: clock-only (a virtual clock, nothing else) or no-control (real time, like a real build)")
	fs.IntVar(&f.parallel, "parallel", runtime.NumCPU(), "how many targets at once (each target is a serve process and a run process)")
	fs.StringVar(&f.jsonOut, "json", "", "write the result as JSON (optionSets: options, the reference's verdict counts, the mutants caught)")
	fs.StringVar(&f.only, "mutants", "", "comma-separated mutant names to test (default: all)")
	fs.BoolVar(&f.security, "security", false, "test only the security-option mutants (those breaking a security.* requirement)")
	fs.StringVar(&f.sets, "sets", "", "comma-separated option set names (default: all; see the table in --help)")
	fs.StringVar(&f.keep, "keep", "", "keep every run's options file, profile and JSON report in this `DIR` (default: a temporary directory, removed)")
	fs.StringVar(&f.labels, "label-filter", "", "run only these specs against every target")
	fs.BoolVar(&f.strict, "strict", false, "hold every target to the strict reading of every interpretation")
	fs.Int64Var(&f.seed, "seed", 0, "seed of the spec order of every run (0: from the clock; reported)")
	fs.DurationVar(&f.wait, "wait-timeout", 0, "bound on each wait for the target in every run (default: run's)")
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, "Usage: scapi-conformance selftest --fixed [--mode clock-only|no-control] [--sets a,b] [--mutants a,b | --security] [--json FILE]")
		fmt.Fprintln(w, "\nRuns the suite through a profile per option set against the reference Workspace configured once")
		fmt.Fprintln(w, "with that set, without a control endpoint (serve --options FILE --no-control) or with only its")
		fmt.Fprintln(w, "virtual clock (--clock-only, the default, so that rate-limit specs need not wait in real time).")
		fmt.Fprintln(w, "The reference must give 0 FAIL under every set; per set it prints which mutants the configuration")
		fmt.Fprintln(w, "lets the suite catch. Exit 1 when the reference fails under a set or a security-option mutant")
		fmt.Fprintln(w, "is caught under none.")
		fmt.Fprintln(w, "\nFlags:")
		printFlags(fs)
		fmt.Fprintln(w, "\nOption sets:")
		for _, s := range fixedOptionSets {
			fmt.Fprintf(w, "  %-20s %s\n", s.Name, s.What)
		}
		fmt.Fprintln(w, "\nExamples:\n  scapi-conformance selftest --fixed --security\n  scapi-conformance selftest --fixed --sets defaults,global-limit --json fixed.json\n  scapi-conformance selftest --fixed --mode no-control --label-filter '!slow'")
	}
	if code, done := parseFlags(fs, args, stdout, stderr, "selftest --fixed"); done {
		return code
	}
	sets, mutants, err := f.selection()
	if err != nil {
		fmt.Fprintf(stderr, "scapi-conformance selftest --fixed: %v\n", err)
		return exitUsage
	}
	if f.exe, err = os.Executable(); err != nil {
		fmt.Fprintln(stderr, "scapi-conformance selftest --fixed: cannot find this executable to run serve:", err)
		return exitUsage
	}
	if f.seed == 0 {
		f.seed = time.Now().UnixNano()%1_000_000 + 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	dir := f.keep
	if dir == "" {
		dir, err = os.MkdirTemp("", "scapi-selftest-fixed-")
		defer os.RemoveAll(dir)
	} else {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		fmt.Fprintln(stderr, "scapi-conformance selftest --fixed:", err)
		return exitUsage
	}

	fmt.Fprintf(stdout, "selftest --fixed: %d option sets × (the reference + %d mutants), %s, seed %d, %d in parallel\n",
		len(sets), len(mutants), f.mode, f.seed, f.parallel)
	start := time.Now()
	rep := fixedReport{Mode: f.mode, Seed: f.seed, OptionSets: f.runAll(ctx, dir, sets, mutants, stdout)}
	rep.Millis = time.Since(start).Milliseconds()
	rep.SecurityMutants, rep.SecurityUncaught = securityCoverage(mutants, rep.OptionSets)
	printFixedTable(stdout, rep)
	if f.jsonOut != "" {
		if err := writeJSONFile(f.jsonOut, rep, nil); err != nil {
			fmt.Fprintln(stderr, "scapi-conformance selftest --fixed:", err)
			return exitUsage
		}
	}
	for _, s := range rep.OptionSets {
		if s.Reference.Status != "pass" {
			return exitFailed
		}
	}
	if len(rep.SecurityUncaught) > 0 {
		return exitFailed
	}
	return exitOK
}

// selection checks the flags and returns the option sets and mutants to test.
func (f *fixedFlags) selection() ([]fixedOptionSet, []reference.Mutant, error) {
	if _, ok := fixedModes[f.mode]; !ok {
		return nil, nil, fmt.Errorf("--mode %q: want clock-only or no-control", f.mode)
	}
	if f.parallel < 1 {
		return nil, nil, fmt.Errorf("--parallel %d: want 1 or more", f.parallel)
	}
	if f.security && f.only != "" {
		return nil, nil, errors.New("--security and --mutants both choose the mutants: give one")
	}
	sets := fixedOptionSets
	if f.sets != "" {
		sets = nil
		for _, name := range strings.Split(f.sets, ",") {
			i := slices.IndexFunc(fixedOptionSets, func(s fixedOptionSet) bool { return s.Name == strings.TrimSpace(name) })
			if i < 0 {
				return nil, nil, fmt.Errorf("unknown option set %q (see selftest --fixed --help)", name)
			}
			sets = append(sets, fixedOptionSets[i])
		}
	}
	all := reference.Mutants()
	var mutants []reference.Mutant
	switch {
	case f.security:
		for _, m := range all {
			if isSecurityMutant(m) {
				mutants = append(mutants, m)
			}
		}
	case f.only != "":
		for _, name := range strings.Split(f.only, ",") {
			i := slices.IndexFunc(all, func(m reference.Mutant) bool { return m.Name == strings.TrimSpace(name) })
			if i < 0 {
				return nil, nil, fmt.Errorf("unknown mutant %q (see list mutants)", name)
			}
			mutants = append(mutants, all[i])
		}
	default:
		mutants = all
	}
	return sets, mutants, nil
}

// isSecurityMutant reports whether m breaks a security option (origins, rate
// limits, user data): those a fixed configuration must let the suite catch.
func isSecurityMutant(m reference.Mutant) bool { return strings.HasPrefix(m.Requirement, "security.") }

// runAll runs the reference under every set, then every mutant under every
// set (a mutant's catches are judged against the reference's failures under
// the same set), at most f.parallel targets at once.
func (f *fixedFlags) runAll(ctx context.Context, dir string, sets []fixedOptionSet, mutants []reference.Mutant, stdout io.Writer) []fixedSetResult {
	out := make([]fixedSetResult, len(sets))
	var mu sync.Mutex
	each := func(n int, one func(i int)) {
		sem := make(chan struct{}, f.parallel)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				one(i)
			}()
		}
		wg.Wait()
	}
	each(len(sets), func(i int) {
		s := sets[i]
		origins, err := s.origins()
		r := fixedRun{Status: "error"}
		if err == nil {
			r = f.runOne(ctx, filepath.Join(dir, fmt.Sprintf("%s-reference", s.Name)), s, origins, reference.Mutant{}, nil)
		} else {
			r.Error = err.Error()
		}
		out[i] = fixedSetResult{Name: s.Name, What: s.What, Options: s.Options, Origins: origins, Reference: r,
			Mutants: len(mutants), Caught: []fixedRun{}, Survived: []string{}}
		mu.Lock()
		fmt.Fprintf(stdout, "%-20s reference %s, requirements %s (%s)\n", s.Name, strings.ToUpper(r.Status), countsLine(r.Requirements), millis(r.Millis))
		for _, e := range firstN(r.Failures, maxCaughtShown) {
			fmt.Fprintf(stdout, "    FAIL %s\n", e)
		}
		if r.Error != "" {
			fmt.Fprintf(stdout, "    %s\n", r.Error)
		}
		mu.Unlock()
	})
	runs := make([][]fixedRun, len(sets))
	for i := range runs {
		runs[i] = make([]fixedRun, len(mutants))
	}
	left := make([]int, len(sets))
	for i := range left {
		left[i] = len(mutants)
	}
	each(len(sets)*len(mutants), func(k int) {
		i, j := k/len(mutants), k%len(mutants)
		s := out[i]
		r := fixedRun{Mutant: mutants[j].Name, Requirement: mutants[j].Requirement, Status: "error", Error: "the reference run under this set failed to run"}
		if s.Reference.Status != "error" {
			r = f.runOne(ctx, filepath.Join(dir, fmt.Sprintf("%s-%s", s.Name, mutants[j].Name)), sets[i], s.Origins, mutants[j], s.Reference.Failures)
		}
		mu.Lock()
		defer mu.Unlock()
		runs[i][j] = r
		if left[i]--; left[i] == 0 {
			killed := 0
			for _, r := range runs[i] {
				if r.Status == "killed" {
					killed++
				}
			}
			fmt.Fprintf(stdout, "%-20s mutants: %d/%d caught\n", s.Name, killed, len(mutants))
		}
	})
	for i := range out {
		for _, r := range runs[i] {
			if r.Status == "killed" {
				out[i].Caught = append(out[i].Caught, r)
			} else {
				out[i].Survived = append(out[i].Survived, r.Mutant)
			}
		}
		if len(mutants) > 0 {
			out[i].Score = float64(len(out[i].Caught)) / float64(len(mutants))
		}
	}
	return out
}

// runOne serves the reference (or mutant m) configured once with the set's
// options in its own process, and runs the suite against it through a
// profile declaring those options and origins, in another. known are the
// reference's failures under the set: they do not count as catching m.
func (f *fixedFlags) runOne(ctx context.Context, base string, s fixedOptionSet, origins []string, m reference.Mutant, known []string) (r fixedRun) {
	r = fixedRun{Mutant: m.Name, Requirement: m.Requirement, Status: "error"}
	start := time.Now()
	defer func() { r.Millis = time.Since(start).Milliseconds() }()
	optFile := base + "-options.json"
	b, _ := json.Marshal(s.Options)
	if err := os.WriteFile(optFile, b, 0o644); err != nil {
		r.Error = err.Error()
		return r
	}
	serveArgs := []string{"serve", "--options=" + optFile, fixedModes[f.mode].serveFlag}
	if m.Name != "" {
		serveArgs = append(serveArgs, "--mutant="+m.Name)
	}
	srv, err := startServe(ctx, f.exe, serveArgs, f.mode == "clock-only")
	if err != nil {
		r.Error = err.Error()
		return r
	}
	defer srv.stop()
	profileFile := base + "-profile.yaml"
	b, err = fixedProfileYAML(srv.urls["websocket"], srv.urls["control"], s.Options, origins)
	if err == nil {
		err = os.WriteFile(profileFile, b, 0o644)
	}
	if err != nil {
		r.Error = err.Error()
		return r
	}
	jsonFile := base + ".json"
	args := []string{"run", "--profile=" + profileFile, "--json=" + jsonFile, fmt.Sprintf("--seed=%d", f.seed),
		fmt.Sprintf("--timeout=%v", fixedModes[f.mode].runTimeout),
		fmt.Sprintf("--strict=%v", f.strict), "--label-filter=" + f.labels}
	if f.wait > 0 {
		args = append(args, fmt.Sprintf("--wait-timeout=%v", f.wait))
	}
	if m.Name != "" && len(known) == 0 {
		args = append(args, "--fail-fast")
	}
	var errb strings.Builder
	code, err := runChild(ctx, args, io.Discard, &errb)
	var res *report.Result
	if err == nil && (code == exitOK || code == exitFailed) {
		res, err = report.ReadJSON(jsonFile)
	}
	if err != nil || res == nil {
		r.Error = strings.TrimSpace(fmt.Sprintf("run exit %d %v %s", code, err, errb.String()))
		return r
	}
	r.Requirements, r.Specs = res.Summary.Requirements, res.Summary.Specs
	for _, sp := range res.Specs {
		if name := fmt.Sprintf("%s [%s]", sp.Text, strings.Join(sp.Requirements, ", ")); sp.Verdict == report.Fail && !slices.Contains(known, name) {
			r.Failures = append(r.Failures, name)
			r.OwnRequirement = r.OwnRequirement || m.Name != "" && slices.Contains(sp.Requirements, m.Requirement)
		}
	}
	switch {
	case m.Name == "" && code == exitOK && len(r.Failures) == 0:
		r.Status = "pass"
	case m.Name == "":
		r.Status = "fail"
	case len(r.Failures) > 0:
		r.Status = "killed"
	default:
		r.Status = "survived"
	}
	return r
}

// securityCoverage returns, per selected security-option mutant, the option
// sets under which it was caught, and those caught under none.
func securityCoverage(mutants []reference.Mutant, sets []fixedSetResult) (all []fixedSecurityMutant, uncaught []string) {
	all, uncaught = []fixedSecurityMutant{}, []string{}
	for _, m := range mutants {
		if !isSecurityMutant(m) {
			continue
		}
		sm := fixedSecurityMutant{Mutant: m.Name, Requirement: m.Requirement, CaughtUnder: []string{}}
		for _, s := range sets {
			if slices.ContainsFunc(s.Caught, func(r fixedRun) bool { return r.Mutant == m.Name }) {
				sm.CaughtUnder = append(sm.CaughtUnder, s.Name)
			}
		}
		all = append(all, sm)
		if len(sm.CaughtUnder) == 0 {
			uncaught = append(uncaught, m.Name)
		}
	}
	return all, uncaught
}

// printFixedTable prints the per-set table and, per security-option mutant,
// the sets that caught it.
func printFixedTable(w io.Writer, rep fixedReport) {
	fmt.Fprintf(w, "\n%-20s %-9s %-26s %s\n", "option set", "reference", "requirements P·NS·F·S", "mutants caught")
	for _, s := range rep.OptionSets {
		names := make([]string, len(s.Caught))
		for i, c := range s.Caught {
			names[i] = c.Mutant
			if !c.OwnRequirement {
				names[i] += "*"
			}
		}
		fmt.Fprintf(w, "%-20s %-9s %-26s %d/%d %s\n", s.Name, strings.ToUpper(s.Reference.Status), countsLine(s.Reference.Requirements),
			len(s.Caught), s.Mutants, strings.Join(firstN(names, maxCaughtShown), ", "))
	}
	fmt.Fprintln(w, "(* caught by specs that do not cite the mutant's requirement: check it is no side effect)")
	fmt.Fprintf(w, "\nsecurity-option mutants caught under some option set: %d/%d (%s)\n",
		len(rep.SecurityMutants)-len(rep.SecurityUncaught), len(rep.SecurityMutants), millis(rep.Millis))
	for _, m := range rep.SecurityMutants {
		under := "UNCAUGHT"
		if len(m.CaughtUnder) > 0 {
			under = "caught under " + strings.Join(m.CaughtUnder, ", ")
		}
		fmt.Fprintf(w, "  %-42s %-22s %s\n", m.Mutant, m.Requirement, under)
	}
}

// countsLine is "PASS·NON-STRICT·FAIL·SKIPPED" counts.
func countsLine(c report.Counts) string {
	return fmt.Sprintf("%d·%d·%d·%d", c.Pass, c.NonStrict, c.Fail, c.Skipped)
}

func millis(ms int64) time.Duration {
	return (time.Duration(ms) * time.Millisecond).Round(10 * time.Millisecond)
}

// firstN returns at most n elements of s, with a last one saying how many more.
func firstN(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(slices.Clone(s[:n]), fmt.Sprintf("… %d more (all in --json)", len(s)-n))
}

// serveChild is a serve process started by selftest --fixed.
type serveChild struct {
	cmd  *exec.Cmd
	urls map[string]string // "websocket", "control" (absent without control)
	done chan struct{}
}

// serveStartTimeout bounds the wait for a serve process to print its URLs.
const serveStartTimeout = 20 * time.Second

// startServe starts the serve command of the executable exe with args and
// waits for the URLs it prints: the websocket one, and the control one if
// wantControl.
func startServe(ctx context.Context, exe string, args []string, wantControl bool) (*serveChild, error) {
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	var errb strings.Builder
	cmd.Stderr = &errb
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	c := &serveChild{cmd: cmd, urls: map[string]string{}, done: make(chan struct{})}
	found := make(chan struct{})
	go func() {
		defer close(c.done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if found != nil && serveURLLine(sc.Text(), c.urls) && c.urls["websocket"] != "" && (c.urls["control"] != "" || !wantControl) {
				close(found)
				found = nil
			}
		}
		io.Copy(io.Discard, out)
		cmd.Wait()
	}()
	select {
	case <-found:
		return c, nil
	case <-c.done:
		return nil, fmt.Errorf("serve %s ended before serving: %s", strings.Join(args[1:], " "), strings.TrimSpace(errb.String()))
	case <-ctx.Done():
	case <-time.After(serveStartTimeout):
	}
	c.stop()
	return nil, fmt.Errorf("serve %s printed no URL within %v", strings.Join(args[1:], " "), serveStartTimeout)
}

// serveURLLine records the URL of a "  websocket: ws://…" or "  control:
// http://…" line of serve's output; false for other lines.
func serveURLLine(line string, urls map[string]string) bool {
	for _, k := range []string{"websocket", "control"} {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), k+":"); ok {
			if f := strings.Fields(rest); len(f) > 0 {
				urls[k] = f[0]
				return true
			}
		}
	}
	return false
}

// stop interrupts the serve process (it stops on SIGINT) and waits for it,
// killing it when it does not end within 5 s.
func (c *serveChild) stop() {
	c.cmd.Process.Signal(os.Interrupt)
	select {
	case <-c.done:
	case <-time.After(5 * time.Second):
		c.cmd.Process.Kill()
		<-c.done
	}
}
