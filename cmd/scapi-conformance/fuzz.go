package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"scapi-conformance/internal/fuzz"
	"scapi-conformance/internal/fuzz/corpus"
	"scapi-conformance/internal/target"
)

func init() {
	register(&command{name: "fuzz", summary: "stateful contract fuzzing of a target; shrunk findings saved as replay files", run: runFuzz})
}

// fuzzFlags are the flags of fuzz beyond the target's.
type fuzzFlags struct {
	target   target.Flags
	strict   bool
	duration time.Duration
	seed     uint64
	out      string
	sessions uint64
	quiet    bool
	first    bool
	workers  int
	shard    string
	json     string
}

// fuzzReport is what fuzz --json writes: the campaign's target, seed and
// figures, its findings (with their replay files) and the exit code.
type fuzzReport struct {
	Target   string       `json:"target"`
	Seed     uint64       `json:"seed"`
	ExitCode int          `json:"exitCode"`
	Error    string       `json:"error,omitempty"`
	Sessions int          `json:"sessions"`
	Requests int          `json:"requests"`
	Millis   int64        `json:"millis"`
	Findings []fuzz.Saved `json:"findings"`
}

func runFuzz(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "corpus" {
		return runCorpus(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "merge" {
		return runFuzzMerge(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("fuzz", flag.ContinueOnError)
	var f fuzzFlags
	f.target.Register(fs)
	fs.BoolVar(&f.strict, "strict", false, "hold the target to the strict reading of every interpretation (no NON-STRICT findings)")
	fs.DurationVar(&f.duration, "duration", time.Minute, "how long to fuzz")
	fs.Uint64Var(&f.seed, "seed", 0, "seed of the sessions (0: from the clock; printed)")
	fs.StringVar(&f.out, "out", "fuzz-findings", "`DIR` for the replay files, one per violation (checked before the run)")
	fs.Uint64Var(&f.sessions, "sessions", 0, "stop after this many sessions (0: only the duration)")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress line")
	fs.BoolVar(&f.first, "first", false, "stop at the first FAIL finding")
	fs.IntVar(&f.workers, "workers", 0, fmt.Sprintf("sessions run at once, each worker on its own embedded reference (default: over websocket %d per core,\n"+
		"a session there waiting for the loopback most of its time; in-process 1 per core; an external target or the browser: 1)",
		fuzz.WebSocketWorkersPerCore))
	fs.StringVar(&f.json, "json", "", "also write the campaign as JSON to `FILE`: figures, findings with their replay files, exit code (checked before the run)")
	fs.StringVar(&f.shard, "shard", "", "run the `i/n`-th of n disjoint parts of the seed's sessions (one CI job each; join them with fuzz merge)")
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, "Usage: scapi-conformance fuzz [target flags] [--duration D] [--seed N] [--out DIR] [--workers N] [--shard i/n] [--json FILE]")
		fmt.Fprintln(w, "       scapi-conformance fuzz merge --out DIR DIR...")
		fmt.Fprintln(w, "\nGenerates random sessions from the catalog, checks every reply and event against the schemas,")
		fmt.Fprintln(w, "the option oracles and state invariants, shrinks each finding and saves it as a replay file.")
		fmt.Fprintln(w, "A seed gives the same sessions on any target and with any number of workers; --shard i/n splits them.")
		fmt.Fprintln(w, "\nExamples: scapi-conformance fuzz --duration 60s --seed 1 --out findings")
		fmt.Fprintln(w, "          scapi-conformance fuzz --driver inproc --mutant origin-prefix-match --first")
		fmt.Fprintln(w, "          scapi-conformance fuzz --seed 7 --shard 2/4 --out findings-2")
		fmt.Fprintln(w, "\nCorpora: scapi-conformance fuzz corpus --help")
		fmt.Fprintln(w, "\nFlags:")
		printFlags(fs)
		fmt.Fprintln(w, "\nExit codes: 0 no FAIL finding, 1 FAIL findings, 2 usage error, 3 target unreachable.")
	}
	if code, done := parseFlags(fs, args, stdout, stderr, "fuzz"); done {
		return code
	}
	spec, shard, err := f.check(fs)
	if err != nil {
		fmt.Fprintf(stderr, "scapi-conformance fuzz: %v\n", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if p := spec.Profile; p != nil {
		// The sessions present the declared origins and neighbours of them.
		presentThroughBrowser(&spec, (&fuzz.Generator{Seed: f.seed, Origins: p.Origins}).Session(0).Origins)
	}
	var runners []*fuzz.Runner
	var first *fuzzTarget
	for range f.workers {
		ft, err := openFuzzTarget(ctx, spec)
		if err != nil {
			fmt.Fprintf(stderr, "scapi-conformance fuzz: %v\n", err)
			return targetExit(err)
		}
		defer ft.Close()
		r := ft.runner(f.strict)
		defer r.Close()
		runners = append(runners, r)
		if first == nil {
			first = ft
		}
	}
	gen := &fuzz.Generator{Seed: f.seed, Origins: first.sessionOrigins(),
		Steerable: first.Caps.Options, Clock: first.Caps.Clock, Stimuli: first.Caps.Stimuli, Limited: fuzz.DeclaresLimits(first.configured)}
	part := ""
	if shard.Count > 0 {
		part = ", shard " + shard.String()
	}
	fmt.Fprintf(stdout, "fuzz: target %s, seed %d%s, %d workers, duration %v, findings in %s\n", spec.Name(), f.seed, part, f.workers, f.duration, f.out)
	c := &fuzz.Campaign{Generator: gen, Runners: runners, Shard: shard, Duration: f.duration, MaxSessions: f.sessions,
		OutDir: f.out, Target: fuzz.RecordedTarget(spec), Mutant: spec.Mutant, StopAtFirst: f.first}
	if !f.quiet {
		c.Progress, c.ProgressLines = stderr, !isTerminal(stderr)
	}
	defer fuzz.TuneGC()() // as the throughput benchmarks measure it
	st, err := c.Run(ctx)
	rep := fuzzReport{Target: spec.Name(), Seed: f.seed, ExitCode: exitOK, Findings: []fuzz.Saved{}}
	if st != nil {
		printFindings(stdout, st)
		rep.Sessions, rep.Requests, rep.Millis = st.Sessions, st.Requests, st.Elapsed.Milliseconds()
		rep.Findings = append(rep.Findings, st.Findings...)
	}
	switch fail, _ := fuzz.Split(rep.Findings); {
	case err != nil:
		fmt.Fprintf(stderr, "scapi-conformance fuzz: %v\n", err)
		rep.ExitCode, rep.Error = exitUnreachable, err.Error()
	case len(fail) > 0:
		rep.ExitCode = exitFailed
	}
	if f.json != "" {
		if err := writeJSONFile(f.json, rep, nil); err != nil {
			fmt.Fprintf(stderr, "scapi-conformance fuzz: --json %s: %v\n", f.json, err)
			return exitUsage
		}
	}
	return rep.ExitCode
}

// check validates the flags that need more than parsing and returns the
// target and the shard; the output directory is checked before the run.
func (f *fuzzFlags) check(fs *flag.FlagSet) (target.Spec, fuzz.Shard, error) {
	spec, err := f.target.Spec()
	if err != nil {
		return spec, fuzz.Shard{}, err
	}
	if f.duration <= 0 {
		return spec, fuzz.Shard{}, fmt.Errorf("--duration %v must be positive", f.duration)
	}
	var shard fuzz.Shard
	if f.shard != "" {
		if shard, err = fuzz.ParseShard(f.shard); err != nil {
			return spec, shard, fmt.Errorf("--shard: %w", err)
		}
	}
	set := false
	fs.Visit(func(fl *flag.Flag) { set = set || fl.Name == "workers" })
	if !set {
		f.workers = fuzz.DefaultWorkers(spec)
	}
	if f.workers < 1 {
		return spec, shard, fmt.Errorf("--workers %d: want 1 or more", f.workers)
	}
	if one := fuzz.OneWorker(spec); one != "" && f.workers > 1 {
		return spec, shard, fmt.Errorf("--workers %d: %s", f.workers, one)
	}
	if f.seed == 0 {
		f.seed = uint64(time.Now().UnixNano())
	}
	if f.json != "" {
		if err := checkWritable(f.json); err != nil {
			return spec, shard, fmt.Errorf("--json %s: %v", f.json, err)
		}
	}
	return spec, shard, checkOutDir(f.out)
}

// printFindings prints the FAIL findings, then the NON-STRICT ones, and the
// campaign's figures.
func printFindings(w io.Writer, st *fuzz.Stats) {
	fail, nonStrict := fuzz.Split(st.Findings)
	for _, f := range fail {
		fmt.Fprintf(w, "FINDING %s after %v (session %d, %d steps shrunk to %d): %s\n  replay: %s\n",
			f.Finding.Requirement, f.After.Round(time.Millisecond), f.Index, f.Steps, f.Shrunk, f.Finding.Detail, f.File)
	}
	for _, f := range nonStrict {
		fmt.Fprintf(w, "NON-STRICT %s (%s) after %v: %s\n  replay: %s\n",
			f.Finding.Requirement, strings.Join(f.Finding.Interpretations, ", "), f.After.Round(time.Millisecond), f.Finding.Detail, f.File)
	}
	fmt.Fprintf(w, "fuzz: %d sessions, %d requests in %v; %d findings, %d non-strict\n",
		st.Sessions, st.Requests, st.Elapsed.Round(time.Millisecond), len(fail), len(nonStrict))
}

// runCorpus converts corpora between Go's testdata/fuzz format and libFuzzer's.
func runCorpus(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fuzz corpus", flag.ContinueOnError)
	framing := fs.String("framing", "headers", "libFuzzer input layout: headers (4-byte length per argument, as compile_native_go_fuzzer reads it) or raw (one argument = the whole file)")
	types := fs.String("types", "[]byte", "to-go: the fuzz function's argument types, comma-separated ([]byte or string)")
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, "Usage: scapi-conformance fuzz corpus to-libfuzzer|to-go SRC DST [--framing headers|raw] [--types T1,T2]")
		fmt.Fprintln(w, "\nExample: scapi-conformance fuzz corpus to-libfuzzer contract/wire/testdata/fuzz/FuzzDecode out/FuzzDecode_corpus")
		fmt.Fprintln(w, "         scapi-conformance fuzz corpus to-go out/FuzzDecode_corpus contract/wire/testdata/fuzz/FuzzDecode")
		fmt.Fprintln(w, "\nFlags:")
		printFlags(fs)
	}
	positional, code, done := parseInterleaved(fs, args, stdout, stderr, "fuzz corpus")
	if done {
		return code
	}
	if len(positional) != 3 {
		fmt.Fprintf(stderr, "scapi-conformance fuzz corpus: want to-libfuzzer|to-go SRC DST, got %d argument(s) (see scapi-conformance fuzz corpus --help)\n", len(positional))
		return exitUsage
	}
	dir, src, dst := positional[0], positional[1], positional[2]
	var fr corpus.Framing
	switch *framing {
	case "headers":
		fr = corpus.Headers
	case "raw":
		fr = corpus.Raw
	default:
		fmt.Fprintf(stderr, "fuzz corpus: --framing %q: want headers or raw\n", *framing)
		return exitUsage
	}
	var n int
	var err error
	switch dir {
	case "to-libfuzzer":
		n, err = corpus.ToLibFuzzer(src, dst, fr)
	case "to-go":
		n, err = corpus.ToGo(src, dst, strings.Split(*types, ","), fr)
	default:
		fmt.Fprintf(stderr, "fuzz corpus: unknown direction %q: want to-libfuzzer or to-go\n", dir)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(stderr, "fuzz corpus: %v (%d files written)\n", err, n)
		return exitUsage
	}
	fmt.Fprintf(stdout, "fuzz corpus: %d files written to %s\n", n, dst)
	return exitOK
}

// isTerminal reports whether w is a character device (a terminal: the
// standard library has no isatty), where a progress line can be rewritten.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
