package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"scapi-conformance/contract"
)

func init() {
	registerList(&lister{what: "methods", summary: fmt.Sprintf("the method catalog: %d documented methods + subscribe, unsubscribe", documentedMethods()), run: runListMethods})
}

// documentedMethods counts the catalog's methods of a namespace (subscribe
// and unsubscribe have none).
func documentedMethods() int {
	n := 0
	for _, m := range contract.Catalog() {
		if m.Namespace != "" {
			n++
		}
	}
	return n
}

func runListMethods(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("list methods", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print every catalog field as a JSON array")
	if code, done := parseListFlags(fs, args, stdout, stderr, "methods",
		"Prints the method catalog: catalog name, wire request name, positional parameters\n"+
			"(? = optional), result schema, allow-list keyword (* = listed in the documentation),\n"+
			"whether it changes state, what it needs, the documents, and the interpretation ids of\n"+
			"its known differences.",
		"scapi-conformance list methods --json | jq '.[] | select(.wire != .namespace + \".\" + .name)'"); done {
		return code
	}
	methods := contract.Catalog()
	if *asJSON {
		return printJSON(stdout, stderr, "list methods", methods)
	}
	rows := make([]string, len(methods))
	for i, m := range methods {
		rows[i] = strings.Join([]string{m.Request(), m.Wire, formatParams(m.Params), dash(m.Result), formatKeyword(m),
			yesNo(m.ChangesState), dash(strings.Join(m.Needs, ",")), formatDocs(m.Documents), dash(formatDifferences(m.Differences))}, "\t")
	}
	return printTable(stdout, stderr, "methods", "METHOD\tWIRE\tPARAMS\tRESULT\tKEYWORD\tSTATE\tNEEDS\tDOCS\tDIFFERENCES", rows, "entries")
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
