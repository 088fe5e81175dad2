package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// lister prints one kind of thing for "list <what>"; each lives in its own file
// (list_methods.go, list_mutants.go, …) and registers itself in init.
type lister struct {
	what    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var listers = map[string]*lister{}

func registerList(l *lister) {
	if _, dup := listers[l.what]; dup {
		panic("duplicate list " + l.what)
	}
	listers[l.what] = l
}

func init() {
	register(&command{name: "list", summary: "list the catalog's methods, the mutants, the requirements, …", run: runList})
}

func runList(args []string, stdout, stderr io.Writer) int {
	names := make([]string, 0, len(listers))
	for n := range listers {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		w, code := stdout, exitOK
		if len(args) == 0 {
			w, code = stderr, exitUsage
		}
		fmt.Fprintln(w, "Usage: scapi-conformance list <what> [flags]   (scapi-conformance list <what> --help for its flags)\n\nWhat:")
		for _, n := range names {
			fmt.Fprintf(w, "  %-14s %s\n", n, listers[n].summary)
		}
		fmt.Fprintln(w, "\nExample: scapi-conformance list methods --json")
		return code
	}
	l, ok := listers[args[0]]
	if !ok {
		what := fmt.Sprintf("unknown list %q", args[0])
		if strings.HasPrefix(args[0], "-") {
			what = fmt.Sprintf("%s comes after what to list", args[0])
		} else if s := closest(args[0], names); s != "" {
			what += fmt.Sprintf("; did you mean %s?", s)
		}
		fmt.Fprintf(stderr, "scapi-conformance list: %s; one of: %s (see scapi-conformance list --help)\n", what, strings.Join(names, ", "))
		return exitUsage
	}
	return l.run(args[1:], stdout, stderr)
}

// printTable writes rows (cells separated by tabs) under header in aligned
// columns, then a blank line and "<number of rows> <noun>". what names the
// list in an error message.
func printTable(stdout, stderr io.Writer, what, header string, rows []string, noun string) int {
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, header)
	for _, r := range rows {
		fmt.Fprintln(tw, r)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "scapi-conformance list %s: %v\n", what, err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "\n%d %s\n", len(rows), noun)
	return exitOK
}

// parseListFlags parses the flags of a "list <what>" command whose usage text
// is about and example; done is true when the command must return code
// (help asked, bad flag, extra argument).
func parseListFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer, what, about, example string) (code int, done bool) {
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: scapi-conformance list %s [flags]\n\n%s\n\nFlags:\n", what, about)
		printFlags(fs)
		fmt.Fprintf(fs.Output(), "\nExample: %s\n", example)
	}
	return parseFlags(fs, args, stdout, stderr, "list "+what)
}

// printJSON writes v as indented JSON; command names the command in an
// error ("list methods").
func printJSON(stdout, stderr io.Writer, command string, v any) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "scapi-conformance %s: %v\n", command, err)
		return exitFailed
	}
	return exitOK
}
