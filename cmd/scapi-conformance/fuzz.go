package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
	"scapi-conformance/internal/fuzz"
	"scapi-conformance/internal/fuzz/corpus"
	"scapi-conformance/internal/profile"
)

func init() {
	register(&command{name: "fuzz", summary: "stateful contract fuzzing of a target; shrunk findings saved as replay files", run: runFuzz})
}

// fuzzTarget is where a fuzz or replay command runs its sessions.
type fuzzTarget struct {
	target fuzz.Target
	name   string
	// configured and origins come from a profile: the options of a target
	// that cannot be steered, and the client origins it accepts.
	configured control.Options
	origins    []string
}

// targetFlags are the flags fuzz and replay share to choose a target.
type targetFlags struct {
	url, control, mutant, profile string
	inprocess, strict             bool
	callTimeout                   time.Duration
}

func (tf *targetFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&tf.url, "target", "", "websocket URL of the target (ws://…); default: the embedded reference Workspace over a loopback websocket")
	fs.StringVar(&tf.profile, "profile", "", "YAML profile of the target (its URL, control endpoint, configured options, accepted origins)")
	fs.StringVar(&tf.control, "control", "", "control endpoint URL of the --target (http://…/control), when it can be steered")
	fs.StringVar(&tf.mutant, "mutant", "", "run the embedded reference Workspace with this mutant (see list mutants)")
	fs.BoolVar(&tf.inprocess, "inprocess", false, "drive the embedded reference in-process, without the websocket (fastest)")
	fs.DurationVar(&tf.callTimeout, "call-timeout", 2*time.Second, "how long a reply that is due may take")
	fs.BoolVar(&tf.strict, "strict", false, "hold the target to the strict reading of every interpretation")
}

// open resolves the target.
func (tf *targetFlags) open(ctx context.Context) (fuzzTarget, error) {
	if tf.profile != "" {
		return tf.openProfile(ctx)
	}
	if tf.url != "" {
		if tf.mutant != "" || tf.inprocess {
			return fuzzTarget{}, errors.New("--mutant and --inprocess apply to the embedded reference, not to --target")
		}
		t, err := fuzz.WebSocket(ctx, tf.url, tf.control, tf.callTimeout)
		return fuzzTarget{target: t, name: tf.url}, err
	}
	name := "embedded reference"
	if tf.mutant != "" {
		name += " (mutant " + tf.mutant + ")"
	}
	if tf.inprocess {
		t, err := fuzz.InProcess(tf.mutant)
		return fuzzTarget{target: t, name: name + " in-process"}, err
	}
	t, err := fuzz.Embedded(ctx, tf.mutant, tf.callTimeout)
	return fuzzTarget{target: t, name: name + " over websocket"}, err
}

// openProfile resolves the target a profile describes.
func (tf *targetFlags) openProfile(ctx context.Context) (fuzzTarget, error) {
	if tf.url != "" || tf.control != "" || tf.mutant != "" || tf.inprocess {
		return fuzzTarget{}, errors.New("--profile says where the target is: drop --target, --control, --mutant and --inprocess")
	}
	p, err := profile.Load(tf.profile)
	if err != nil {
		return fuzzTarget{}, err
	}
	if p.Target.Driver == "browser" {
		return fuzzTarget{}, fmt.Errorf("%s: the fuzzer reaches targets over websocket; the profile names the browser driver", tf.profile)
	}
	if p.Target.URL == "" {
		return fuzzTarget{}, fmt.Errorf("%s: the profile gives no target URL", tf.profile)
	}
	timeout := tf.callTimeout
	if p.Target.Timeout > 0 {
		timeout = p.Target.Timeout
	}
	t, err := fuzz.WebSocket(ctx, p.Target.URL, p.Target.Control, timeout)
	ft := fuzzTarget{target: t, name: p.Target.URL + " (profile " + tf.profile + ")", origins: p.Origins}
	if p.Target.Control == "" {
		ft.configured = p.Options
		if ft.configured == nil {
			ft.configured = control.Options{}
		}
	}
	return ft, err
}

func (tf *targetFlags) runner(ft fuzzTarget) *fuzz.Runner {
	return fuzz.NewRunner(ft.target, fuzz.Config{CallTimeout: tf.callTimeout, Strict: tf.strict,
		Clock: fuzz.ClockOf(ft.target), Configured: ft.configured})
}

// sessionOrigins are the origins sessions present: the ones the profile says
// the target accepts first (the first one watches events), then the
// transport's own.
func (ft fuzzTarget) sessionOrigins() []string {
	out := append([]string(nil), ft.origins...)
	for _, o := range ft.target.Origins() {
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

func runFuzz(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fuzz", flag.ContinueOnError)
	var tf targetFlags
	tf.add(fs)
	duration := fs.Duration("duration", time.Minute, "how long to fuzz")
	seed := fs.Uint64("seed", 0, "seed of the sessions (0: from the clock; printed)")
	out := fs.String("out", "fuzz-findings", "directory for the replay files, one per violated requirement")
	sessions := fs.Uint64("sessions", 0, "stop after this many sessions (0: only the duration)")
	quiet := fs.Bool("quiet", false, "no progress line")
	first := fs.Bool("first", false, "stop at the first finding")
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, "Usage: scapi-conformance fuzz [--target URL [--control URL] | --profile FILE | --mutant NAME [--inprocess]] --duration D --seed N --out DIR")
		fmt.Fprintln(w, "\nGenerates random sessions from the catalog, checks every reply and event against the schemas,")
		fmt.Fprintln(w, "the option oracles and state invariants, shrinks each finding and saves it as a replay file.")
		fmt.Fprintln(w, "\nExample: scapi-conformance fuzz --duration 60s --seed 1 --out findings")
		fmt.Fprintln(w, "\nCorpora: scapi-conformance fuzz corpus --help")
		fmt.Fprintln(w, "\nFlags:")
		printFlags(fs)
		fmt.Fprintln(w, "\nExit codes: 0 no finding, 1 findings, 2 usage error, 3 target unreachable.")
	}
	if len(args) > 0 && args[0] == "corpus" {
		return runCorpus(args[1:], stdout, stderr)
	}
	if code, done := parseFlags(fs, args, stdout, stderr, "fuzz"); done {
		return code
	}
	if *duration <= 0 {
		fmt.Fprintf(stderr, "fuzz: --duration %v must be positive\n", *duration)
		return exitUsage
	}
	if *seed == 0 {
		*seed = uint64(time.Now().UnixNano())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ft, err := tf.open(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "fuzz: %v\n", err)
		return targetExit(err)
	}
	defer ft.target.Close()
	gen := &fuzz.Generator{Seed: *seed, Origins: ft.sessionOrigins()}
	if ctrl := ft.target.Control(); ctrl != nil {
		caps, err := ctrl.Capabilities(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "fuzz: %s: capabilities: %v\n", ft.name, err)
			return exitUnreachable
		}
		gen.Steerable, gen.Clock, gen.Stimuli = caps.Options, caps.Clock, caps.Stimuli
	}
	fmt.Fprintf(stdout, "fuzz: target %s, seed %d, duration %v, findings in %s\n", ft.name, *seed, *duration, *out)
	c := &fuzz.Campaign{Generator: gen, Runner: tf.runner(ft), Duration: *duration, MaxSessions: *sessions,
		OutDir: *out, Target: ft.name, Mutant: tf.mutant, StopAtFirst: *first}
	if !*quiet {
		c.Progress = stderr
	}
	st, err := c.Run(ctx)
	if st != nil {
		for _, f := range st.Findings {
			fmt.Fprintf(stdout, "FINDING %s after %v (session %d, %d steps shrunk to %d): %s\n  replay: %s\n",
				f.Finding.Requirement, f.After.Round(time.Millisecond), f.Index, f.Steps, f.Shrunk, f.Finding.Detail, f.File)
		}
		fmt.Fprintf(stdout, "fuzz: %d sessions, %d requests in %v; %d findings\n", st.Sessions, st.Requests, st.Elapsed.Round(time.Millisecond), len(st.Findings))
	}
	if err != nil {
		fmt.Fprintf(stderr, "fuzz: %v\n", err)
		return exitUnreachable
	}
	if len(st.Findings) > 0 {
		return exitFailed
	}
	return exitOK
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

// targetExit is the exit code of a failure to reach the target.
func targetExit(err error) int {
	if errors.Is(err, driver.ErrUnreachable) || errors.Is(err, driver.ErrTimeout) {
		return exitUnreachable
	}
	return exitUsage
}
