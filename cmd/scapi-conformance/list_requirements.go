package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"scapi-conformance/contract/requirements"
)

func init() {
	registerList(&lister{what: "requirements", summary: "the requirement registry: every testable sentence of the documentation, by id", run: runListRequirements})
}

func runListRequirements(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("list requirements", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print id, quote, document, section, interpretations and note as a JSON array")
	ns := fs.String("ns", "", "only the requirements of this namespace (the first segment of the id: agent, security, envelope, …)")
	trace := fs.Bool("trace", false, "trace each requirement: its sentence and section, the specs citing it (file:line), the fuzz\nchecks citing it, the mutants that break it, the schemas and the interpretations involved")
	asYAML := fs.Bool("yaml", false, "with --trace: print the trace as YAML, as "+traceFile+" holds it")
	if code, done := parseListFlags(fs, args, stdout, stderr, "requirements",
		"Prints every requirement: its id (what specs cite and verdicts are given for), the document\n"+
			"(001 reference, 000 guide, client-library), the interpretation ids that decide its reading,\n"+
			"and the sentence it tests. --trace adds everything that tests it.",
		"scapi-conformance list requirements --ns security\n         scapi-conformance list requirements --trace --json | jq '.[] | select(.id == \"agent.setState.3\")'"); done {
		return code
	}
	switch {
	case *asYAML && !*trace:
		fmt.Fprintln(stderr, "scapi-conformance list requirements: --yaml needs --trace (see scapi-conformance list requirements --help)")
		return exitUsage
	case *asYAML && *asJSON:
		fmt.Fprintln(stderr, "scapi-conformance list requirements: --yaml and --json exclude each other (see scapi-conformance list requirements --help)")
		return exitUsage
	}
	var out []requirements.Requirement
	namespaces := map[string]bool{}
	for _, r := range requirements.All() {
		first, _, _ := strings.Cut(r.ID, ".")
		namespaces[first] = true
		if *ns == "" || first == *ns {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		fmt.Fprintf(stderr, "scapi-conformance list requirements: no namespace %q; one of: %s\n", *ns, strings.Join(slices.Sorted(maps.Keys(namespaces)), ", "))
		return exitUsage
	}
	if *trace {
		entries := buildTrace(out)
		switch {
		case *asJSON:
			return printJSON(stdout, stderr, "list requirements", entries)
		case *asYAML:
			if err := writeTraceYAML(stdout, entries); err != nil {
				fmt.Fprintf(stderr, "scapi-conformance list requirements: %v\n", err)
				return exitFailed
			}
		default:
			printTrace(stdout, entries)
		}
		return exitOK
	}
	if *asJSON {
		return printJSON(stdout, stderr, "list requirements", out)
	}
	rows := make([]string, 0, len(out))
	for _, r := range out {
		rows = append(rows, fmt.Sprintf("%s\t%s\t%s\t%s", r.ID, r.Document, dash(strings.Join(r.Interpretations, ",")), shorten(r.Quote, 100)))
	}
	return printTable(stdout, stderr, "requirements", "REQUIREMENT\tDOC\tINTERPRETATIONS\tQUOTE", rows, "requirements")
}

// shorten cuts s to n runes on one line, marking the cut.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
