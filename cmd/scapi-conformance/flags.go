package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Every command parses its flags through parseFlags (or parseInterleaved,
// for commands that take files among their flags), so that all of them
// behave alike: --help and -h print the command's usage on stdout and exit 0;
// a bad flag gives one line on stderr naming it as --name, with a "did you
// mean" when a defined flag is close, and a pointer to --help, and exit 2.
//
// A command's fs.Usage writes to fs.Output() and lists its flags with
// printFlags, so help shows every flag as --name.

// parseFlags parses a command's flags and refuses positional arguments; done is
// true when the command must return code at once (help shown, bad flag, stray
// argument). name is the command as typed ("run", "list methods").
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer, name string) (code int, done bool) {
	if code, done := parseOnce(fs, args, stdout, stderr, name); done {
		return code, true
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "scapi-conformance %s: unexpected argument %q (see scapi-conformance %s --help)\n", name, fs.Arg(0), name)
		return exitUsage, true
	}
	return exitOK, false
}

// parseInterleaved parses flags that may come before, between or after the
// positional arguments, and returns those arguments; done is as for
// parseFlags.
func parseInterleaved(fs *flag.FlagSet, args []string, stdout, stderr io.Writer, name string) (positional []string, code int, done bool) {
	for {
		if code, done := parseOnce(fs, args, stdout, stderr, name); done {
			return nil, code, true
		}
		if fs.NArg() == 0 {
			return positional, exitOK, false
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// parseOnce runs fs.Parse with the flag package's own messages held back:
// help goes to stdout, an error becomes one line on stderr.
func parseOnce(fs *flag.FlagSet, args []string, stdout, stderr io.Writer, name string) (code int, done bool) {
	usage := fs.Usage
	if usage == nil {
		usage = func() {
			fmt.Fprintf(fs.Output(), "Usage: scapi-conformance %s [flags]\n\nFlags:\n", name)
			printFlags(fs)
		}
	}
	fs.Usage = func() {} // the flag package calls it on errors too
	var held bytes.Buffer
	fs.SetOutput(&held)
	err := fs.Parse(args)
	fs.Usage = usage
	switch {
	case err == nil:
		return exitOK, false
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK, true
	}
	fmt.Fprintf(stderr, "scapi-conformance %s: %s (see scapi-conformance %s --help)\n", name, flagError(fs, err), name)
	return exitUsage, true
}

// flagErrors match the flag package's error messages, which spell a flag
// with one dash.
var (
	errUndefined = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	errNoValue   = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	errBadValue  = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for (?:flag )?-+([^:]+): (.*)$`)
)

// flagError rewrites one flag package error in --name style, with a
// suggestion for an unknown flag close to a defined one.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if m := errUndefined.FindStringSubmatch(msg); m != nil {
		out := "unknown flag --" + m[1]
		if s := closestFlag(fs, m[1]); s != "" {
			out += "; did you mean --" + s + "?"
		}
		return out
	}
	if m := errNoValue.FindStringSubmatch(msg); m != nil {
		return "--" + m[1] + " needs a value"
	}
	if m := errBadValue.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("invalid value %s for --%s: %s", m[1], m[2], valueError(fs.Lookup(m[2]), m[3]))
	}
	return msg
}

// valueError says what a flag wants instead of the flag package's "parse
// error" and "value out of range"; another reason (a flag.Value's own) is
// kept.
func valueError(f *flag.Flag, reason string) string {
	if f == nil || reason != "parse error" && reason != "value out of range" {
		return reason
	}
	kind, _ := flag.UnquoteUsage(f)
	switch kind {
	case "":
		return "want true or false"
	case "duration":
		return "want a duration such as 90s, 5m or 1h30m"
	case "int":
		return "want an integer"
	case "uint":
		return "want a non-negative integer"
	case "float":
		return "want a number"
	}
	return reason
}

// closestFlag is the defined flag nearest to name by edit distance, or ""
// when none is close enough to be what was meant.
func closestFlag(fs *flag.FlagSet, name string) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return closest(name, names)
}

// closest is the candidate nearest to s by edit distance (the first of
// equals), if at most about a third of s differs.
func closest(s string, candidates []string) string {
	best, bestD := "", 0
	for _, c := range candidates {
		d := editDistance(strings.ToLower(s), c)
		if best == "" || d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" || bestD > max(1, (len(s)+1)/3) {
		return ""
	}
	return best
}

// editDistance is the number of single-byte insertions, deletions,
// substitutions and swaps of adjacent bytes that turn a into b (optimal
// string alignment distance: a typo's swapped letters count once).
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// printFlags lists the flags of fs on its output as --name VALUE, the usage
// on the next line, with the default when it is not the zero value.
func printFlags(fs *flag.FlagSet) {
	w := fs.Output()
	fs.VisitAll(func(f *flag.Flag) {
		kind, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if kind != "" {
			line += " " + kind
		}
		fmt.Fprintln(w, line)
		usage = strings.ReplaceAll(usage, "\n", "\n      ")
		if def := f.DefValue; def != "" && def != "0" && def != "false" && def != "0s" {
			usage += " (default " + def + ")"
		}
		fmt.Fprintf(w, "      %s\n", usage)
	})
}
