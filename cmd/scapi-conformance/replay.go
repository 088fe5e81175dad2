package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"

	"scapi-conformance/internal/fuzz"
	"scapi-conformance/internal/target"
)

func init() {
	register(&command{name: "replay", summary: "replay a fuzz finding against a target; exit 1 if it still fails", run: runReplay})
}

func runReplay(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	var tf target.Flags
	tf.Register(fs)
	strict := fs.Bool("strict", false, "hold the target to the strict reading of every interpretation")
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, "Usage: scapi-conformance replay FILE [target flags]")
		fmt.Fprintln(w, "\nRuns the session of a replay file (written by fuzz) and says whether the finding is still there.")
		fmt.Fprintln(w, "Without target flags it runs against the target recorded in the file: the embedded reference")
		fmt.Fprintln(w, "with the recorded mutant, or the recorded URL. Target flags name another target (a fixed build).")
		fmt.Fprintln(w, "\nExamples: scapi-conformance replay findings/security.origin.1.origin-listed.1a2b3c4d.replay.json")
		fmt.Fprintln(w, "          scapi-conformance replay FILE --target ws://127.0.0.1:8080/scapi --control http://127.0.0.1:8080/control")
		fmt.Fprintln(w, "\nFlags:")
		printFlags(fs)
		fmt.Fprintln(w, "\nExit codes: 0 no longer fails, 1 still fails, 2 usage or file error, 3 target unreachable.")
	}
	// The file may come before, between or after the flags.
	files, code, done := parseInterleaved(fs, args, stdout, stderr, "replay")
	if done {
		return code
	}
	if len(files) != 1 {
		fmt.Fprintf(stderr, "scapi-conformance replay: want one FILE, got %d (see scapi-conformance replay --help)\n", len(files))
		return exitUsage
	}
	file := files[0]
	rp, err := fuzz.ReadReplay(file)
	if err != nil {
		fmt.Fprintf(stderr, "scapi-conformance replay: %v\n", err)
		return exitUsage
	}
	spec, err := replaySpec(fs, &tf, rp)
	if err != nil {
		fmt.Fprintf(stderr, "scapi-conformance replay: %v\n", err)
		return exitUsage
	}
	if o := loopbackOrigin(rp.Session.Origins); o != "" && spec.DriverName() == target.DriverBrowser {
		fmt.Fprintf(stderr, "scapi-conformance replay: %s presents %s, a loopback origin of the run that recorded it, which the browser driver cannot present again (it maps host names only); replay it with --driver ws, which presents any origin\n", file, o)
		return exitUsage
	}
	presentThroughBrowser(&spec, rp.Session.Origins)
	ctx := context.Background()
	ft, err := openFuzzTarget(ctx, spec)
	if err != nil {
		fmt.Fprintf(stderr, "scapi-conformance replay: %v\n", err)
		return targetExit(err)
	}
	defer ft.Close()
	if rp.Session.Options != nil && ft.Control() == nil {
		if spec.Profile == nil {
			fmt.Fprintf(stderr, "scapi-conformance replay: %s sets options, but %s cannot be steered (give --control, or a --profile declaring its options)\n", file, ft.Name())
			return exitUsage
		}
		rp.Session.Options = nil // the target runs with the options its profile declares
	}
	r := ft.runner(*strict)
	defer r.Close()
	found, err := rp.Check(ctx, r)
	if err != nil {
		fmt.Fprintf(stderr, "scapi-conformance replay: %s: %v\n", ft.Name(), err)
		return exitUnreachable
	}
	if len(found) == 0 {
		fmt.Fprintf(stdout, "PASS %s: %s no longer fails against %s (%d steps)\n", file, rp.Finding.Requirement, ft.Name(), len(rp.Session.Steps))
		return exitOK
	}
	for _, f := range found {
		fmt.Fprintf(stdout, "FAIL %s: %s against %s\n", file, f, ft.Name())
	}
	return exitFailed
}

// replaySpec is the target of a replay: the one the flags name (--target,
// --profile, --mutant), else the one the file records, reached as the other
// target flags say (--driver, --wait-timeout, …).
func replaySpec(fs *flag.FlagSet, tf *target.Flags, rp *fuzz.Replay) (target.Spec, error) {
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	spec, err := tf.Spec()
	if err != nil || set["target"] || set["profile"] || set["mutant"] || set["control"] {
		return spec, err
	}
	rs, err := rp.Spec()
	if err != nil {
		return rs, err
	}
	if set["driver"] {
		rs.Driver = spec.Driver
	}
	rs.Browser, rs.ClientLib, rs.WaitTimeout = spec.Browser, spec.ClientLib, spec.WaitTimeout
	return rs, rs.Check()
}

// loopbackOrigin returns the first origin whose host is an IP address or
// localhost ("" when none): a browser run's own frame origins, whose ports
// were that run's.
func loopbackOrigin(origins []string) string {
	for _, o := range origins {
		u, err := url.Parse(o)
		if err != nil {
			continue
		}
		if h := u.Hostname(); net.ParseIP(h) != nil || strings.EqualFold(h, "localhost") {
			return o
		}
	}
	return ""
}
