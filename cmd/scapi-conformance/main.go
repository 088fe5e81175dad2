// Command scapi-conformance is the conformance test suite and contract fuzzer
// for the Genesys Workspace Service Client API (SCAPI).
//
// Each command lives in its own file and registers itself in an init function;
// main only dispatches. Exit codes: 0 success / conforming, 1 non-conforming or
// invalid, 2 usage or input error, 3 target unreachable.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
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
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "scapi-conformance: unknown command %q (see scapi-conformance --help)\n", args[0])
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
	fmt.Fprintln(w, "\nExit codes: 0 success/conforming, 1 non-conforming/invalid, 2 usage or input error, 3 target unreachable.")
}

// parseFlags parses a command's flags and refuses positional arguments; done is
// true when the command must return code at once (help shown, bad flag, stray
// argument).
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer, name string) (code int, done bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, true
		}
		return exitUsage, true
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "scapi-conformance %s: unexpected argument %q (see --help)\n", name, fs.Arg(0))
		return exitUsage, true
	}
	return exitOK, false
}
