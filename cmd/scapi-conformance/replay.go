package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"scapi-conformance/internal/fuzz"
)

func init() {
	register(&command{name: "replay", summary: "replay a fuzz finding against a target; exit 1 if it still fails", run: runReplay})
}

func runReplay(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	var tf targetFlags
	tf.add(fs)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, "Usage: scapi-conformance replay FILE [--target URL [--control URL] | --profile FILE | --mutant NAME [--inprocess]]")
		fmt.Fprintln(w, "\nRuns the session of a replay file (written by fuzz) and says whether the finding is still there.")
		fmt.Fprintln(w, "\nExample: scapi-conformance replay findings/security.origin.1.replay.json --mutant origin-prefix-match")
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
		fmt.Fprintf(stderr, "replay: %v\n", err)
		return exitUsage
	}
	ctx := context.Background()
	ft, err := tf.open(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "replay: %v\n", err)
		return targetExit(err)
	}
	defer ft.target.Close()
	if rp.Session.Options != nil && ft.target.Control() == nil {
		if ft.configured == nil {
			fmt.Fprintf(stderr, "replay: %s sets options, but %s cannot be steered (give --control)\n", file, ft.name)
			return exitUsage
		}
		rp.Session.Options = nil // the target runs with the options its profile declares
	}
	fs2, err := rp.Check(ctx, tf.runner(ft))
	if err != nil {
		fmt.Fprintf(stderr, "replay: %s: %v\n", ft.name, err)
		return exitUnreachable
	}
	if len(fs2) == 0 {
		fmt.Fprintf(stdout, "PASS %s: %s no longer fails against %s (%d steps)\n", file, rp.Finding.Requirement, ft.name, len(rp.Session.Steps))
		return exitOK
	}
	for _, f := range fs2 {
		fmt.Fprintf(stdout, "FAIL %s: %s\n", file, f)
	}
	return exitFailed
}
