// Command scapi-conformance is the conformance test suite and contract fuzzer
// for the Genesys Workspace Service Client API (SCAPI).
//
// Each command lives in its own file and registers itself in an init function;
// main only dispatches. Exit codes: 0 success / conforming, 1 non-conforming or
// invalid, 2 usage or input error, 3 target unreachable, 4 incomplete run.
package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"
)

// Exit codes shared by every command.
const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitUnreachable = 3
)

// command is one subcommand. run gets the arguments after the command name and
// returns the exit code; it writes to stdout and stderr and never calls os.Exit.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]*command{}

// register adds a command; called from init functions.
func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("duplicate command " + c.name)
	}
	commands[c.name] = c
}

func main() { os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr)) }

func dispatch(args []string, stdout, stderr io.Writer) int {
	switch {
	case len(args) == 0:
		usage(stderr)
		return exitUsage
	case args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" && len(args) == 1:
		usage(stdout)
		return exitOK
	case args[0] == "help":
		// help CMD [WHAT]: the command's own --help.
		return dispatch(append(args[1:], "--help"), stdout, stderr)
	case args[0] == "-version" || args[0] == "--version":
		return commands["version"].run(args[1:], stdout, stderr)
	}
	c, ok := commands[args[0]]
	if !ok {
		what := "unknown command"
		if strings.HasPrefix(args[0], "-") {
			what = "unknown flag"
		}
		hint := ""
		if s := closest(strings.TrimLeft(args[0], "-"), slices.Sorted(maps.Keys(commands))); s != "" {
			hint = fmt.Sprintf("; did you mean %s?", s)
		}
		fmt.Fprintf(stderr, "scapi-conformance: %s %q%s (see scapi-conformance --help)\n", what, args[0], hint)
		return exitUsage
	}
	return c.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "scapi-conformance: conformance suite and contract fuzzer for the Workspace Service Client API")
	fmt.Fprintln(w, "\nUsage: scapi-conformance <command> [flags]   (scapi-conformance <command> --help for its flags)")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nscapi-conformance help <command> and scapi-conformance <command> --help show a command's flags;")
	fmt.Fprintln(w, "scapi-conformance --version shows the version.")
	fmt.Fprintln(w, "\nExit codes: 0 success/conforming, 1 non-conforming/invalid, 2 usage or input error, 3 target unreachable,")
	fmt.Fprintln(w, "4 incomplete (a run stopped by --timeout, an interrupt or a lost target).")
}
