package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"scapi-conformance/fixtures/reference"
)

func init() {
	registerList(&lister{what: "mutants", summary: "the named mutants of the reference Workspace and the requirement each breaks", run: runListMutants})
}

func runListMutants(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("list mutants", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print name, requirement, quote and description as a JSON array")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: scapi-conformance list mutants [--json]")
		fmt.Fprintln(stderr, "\nPrints every mutant of the reference Workspace: its name (for run --mutant and")
		fmt.Fprintln(stderr, "serve --mutant), the requirement id it breaks and what it does differently.\n\nFlags:")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nExample: scapi-conformance list mutants --json | jq -r '.[].name'")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "scapi-conformance list mutants: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	mutants := reference.Mutants()
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(mutants); err != nil {
			fmt.Fprintf(stderr, "scapi-conformance list mutants: %v\n", err)
			return exitFailed
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "MUTANT\tBREAKS\tDESCRIPTION")
	for _, m := range mutants {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", m.Name, m.Requirement, m.Description)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "scapi-conformance list mutants: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "\n%d mutants\n", len(mutants))
	return exitOK
}
