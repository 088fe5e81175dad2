package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"scapi-conformance/contract"
)

func init() {
	registerList(&lister{what: "methods", summary: "the method catalog: 75 documented methods + subscribe, unsubscribe", run: runListMethods})
}

func runListMethods(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("list methods", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print every catalog field as a JSON array")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: scapi-conformance list methods [--json]")
		fmt.Fprintln(stderr, "\nPrints the method catalog: catalog name, wire request name, positional parameters")
		fmt.Fprintln(stderr, "(? = optional), result schema, allow-list keyword (* = listed in the documentation),")
		fmt.Fprintln(stderr, "whether it changes state, what it needs, the documents, and the interpretation ids of")
		fmt.Fprintln(stderr, "its known differences.\n\nFlags:")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nExample: scapi-conformance list methods --json | jq '.[] | select(.wire != .namespace + \".\" + .name)'")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "scapi-conformance list methods: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	methods := contract.Catalog()
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(methods); err != nil {
			fmt.Fprintf(stderr, "scapi-conformance list methods: %v\n", err)
			return exitFailed
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "METHOD\tWIRE\tPARAMS\tRESULT\tKEYWORD\tSTATE\tNEEDS\tDOCS\tDIFFERENCES")
	for _, m := range methods {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.Request(), m.Wire, formatParams(m.Params),
			dash(m.Result), formatKeyword(m), yesNo(m.ChangesState), dash(strings.Join(m.Needs, ",")),
			formatDocs(m.Documents), dash(formatDifferences(m.Differences)))
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "scapi-conformance list methods: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "\n%d entries\n", len(methods))
	return exitOK
}

// formatParams renders positional parameters as name:type, optional ones
// with a trailing "?".
func formatParams(ps []contract.Param) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Name + ":" + string(p.Type)
		if p.Optional {
			parts[i] += "?"
		}
	}
	return dash(strings.Join(parts, ","))
}

func formatKeyword(m contract.Method) string {
	if m.ListedKeyword {
		return m.AllowKeyword + "*"
	}
	return dash(m.AllowKeyword)
}

func formatDocs(ds []contract.Document) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = string(d)
	}
	return strings.Join(parts, ",")
}

// formatDifferences lists the interpretation ids of the differences, or
// "note" for one that only records a fact.
func formatDifferences(ds []contract.Difference) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.Interpretation
		if parts[i] == "" {
			parts[i] = "note"
		}
	}
	return strings.Join(parts, ",")
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "changes"
	}
	return "-"
}
