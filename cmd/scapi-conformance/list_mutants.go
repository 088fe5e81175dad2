package main

import (
	"flag"
	"io"

	"scapi-conformance/fixtures/reference"
)

func init() {
	registerList(&lister{what: "mutants", summary: "the named mutants of the reference Workspace and the requirement each breaks", run: runListMutants})
}

func runListMutants(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("list mutants", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print name, requirement, quote and description as a JSON array")
	if code, done := parseListFlags(fs, args, stdout, stderr, "mutants",
		"Prints every mutant of the reference Workspace: its name (for run --mutant and\n"+
			"serve --mutant), the requirement id it breaks and what it does differently.",
		"scapi-conformance list mutants --json | jq -r '.[].name'"); done {
		return code
	}
	mutants := reference.Mutants()
	if *asJSON {
		return printJSON(stdout, stderr, "list mutants", mutants)
	}
	rows := make([]string, len(mutants))
	for i, m := range mutants {
		rows[i] = m.Name + "\t" + m.Requirement + "\t" + m.Description
	}
	return printTable(stdout, stderr, "mutants", "MUTANT\tBREAKS\tDESCRIPTION", rows, "mutants")
}
