package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"scapi-conformance/internal/fuzz"
)

// runFuzzMerge joins the findings of several campaigns (the shards of one
// seed) into one directory and one summary.
func runFuzzMerge(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fuzz merge", flag.ContinueOnError)
	out := fs.String("out", "fuzz-findings", "`DIR` receiving one replay file per violation and "+fuzz.MergeFile)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, "Usage: scapi-conformance fuzz merge --out DIR DIR...")
		fmt.Fprintln(w, "\nJoins the replay files of several fuzz campaigns (the jobs of fuzz --shard i/n) into one directory:")
		fmt.Fprintln(w, "one file per violation (requirement, check, signature of the violation), and "+fuzz.MergeFile+".")
		fmt.Fprintln(w, "\nExample: scapi-conformance fuzz merge --out findings findings-1 findings-2 findings-3")
		fmt.Fprintln(w, "\nFlags:")
		printFlags(fs)
		fmt.Fprintln(w, "\nExit codes: 0 no FAIL finding, 1 FAIL findings, 2 usage or file error.")
	}
	dirs, code, done := parseInterleaved(fs, args, stdout, stderr, "fuzz merge")
	if done {
		return code
	}
	if len(dirs) == 0 {
		fmt.Fprintln(stderr, "scapi-conformance fuzz merge: want at least one DIR of replay files (see scapi-conformance fuzz merge --help)")
		return exitUsage
	}
	if slices.ContainsFunc(dirs, func(d string) bool { return filepath.Clean(d) == filepath.Clean(*out) }) {
		fmt.Fprintf(stderr, "scapi-conformance fuzz merge: --out %s is one of the directories merged; name a new one\n", *out)
		return exitUsage
	}
	if err := checkOutDir(*out); err != nil {
		fmt.Fprintf(stderr, "scapi-conformance fuzz merge: %v\n", err)
		return exitUsage
	}
	sum, err := fuzz.Merge(*out, dirs)
	if err != nil {
		fmt.Fprintf(stderr, "scapi-conformance fuzz merge: %v\n", err)
		return exitUsage
	}
	fails := 0
	for _, f := range sum.Findings {
		verdict := "FINDING"
		if f.NonStrict {
			verdict = "NON-STRICT"
		} else {
			fails++
		}
		fmt.Fprintf(stdout, "%s %s [%s] (%d more): %s\n  replay: %s\n", verdict, f.Requirement, f.Check, len(f.Duplicates), f.Detail, f.File)
	}
	fmt.Fprintf(stdout, "fuzz merge: %d replay files from %d directories; %d findings (%d FAIL) in %s\n",
		sum.Read, len(dirs), len(sum.Findings), fails, filepath.Join(*out, fuzz.MergeFile))
	if fails > 0 {
		return exitFailed
	}
	return exitOK
}
