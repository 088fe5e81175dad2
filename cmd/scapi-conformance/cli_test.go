package main

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// everyCommand is every command line that has its own flags: the commands,
// each "list <what>", and "fuzz corpus".
func everyCommand(t *testing.T) [][]string {
	t.Helper()
	var out [][]string
	for _, name := range sortedKeys(commands) {
		out = append(out, []string{name})
	}
	for _, what := range sortedKeys(listers) {
		out = append(out, []string{"list", what})
	}
	out = append(out, []string{"fuzz", "corpus"})
	if len(out) < 10 {
		t.Fatalf("only %d commands registered: %v", len(out), out)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

var (
	longFlag       = regexp.MustCompile(`--([a-z][a-z0-9-]*)`)
	flagListed     = regexp.MustCompile(`(?m)^  --([a-z][a-z0-9-]*)`)
	singleDashList = regexp.MustCompile(`(?m)^\s+-[a-zA-Z]`)
)

// TestHelpOnStdout: --help, -h and "help CMD" print the command's usage on
// stdout and nothing on stderr, exit 0, and spell every flag --name.
func TestHelpOnStdout(t *testing.T) {
	for _, cmd := range everyCommand(t) {
		name := strings.Join(cmd, " ")
		var first string
		for _, form := range [][]string{
			append(slices.Clone(cmd), "--help"),
			append(slices.Clone(cmd), "-h"),
			append([]string{"help"}, cmd...),
		} {
			t.Run(strings.Join(form, " "), func(t *testing.T) {
				code, out, errOut := contractRun(form...)
				if code != exitOK || errOut != "" {
					t.Fatalf("exit %d, stderr %q; want 0 and nothing", code, errOut)
				}
				if !strings.HasPrefix(out, "Usage: scapi-conformance "+name) {
					t.Errorf("stdout does not start with the usage of %s:\n%s", name, out)
				}
				if first == "" {
					first = out
				} else if out != first {
					t.Errorf("help differs between forms:\n%s\n---\n%s", first, out)
				}
				if singleDashList.MatchString(out) {
					t.Errorf("help lists a flag with one dash:\n%s", out)
				}
				for _, m := range longFlag.FindAllStringSubmatch(out, -1) {
					if regexp.MustCompile(`(^|[\s\[(|'"])-` + regexp.QuoteMeta(m[1]) + `\b`).MatchString(out) {
						t.Errorf("help spells --%s with one dash too:\n%s", m[1], out)
					}
				}
			})
		}
	}
}

// TestBadFlagOneLine: an unknown flag gives one line on stderr naming it,
// with a "did you mean" for a near miss of a defined flag and a pointer to
// --help, and exit 2, for every command.
func TestBadFlagOneLine(t *testing.T) {
	for _, cmd := range everyCommand(t) {
		name := strings.Join(cmd, " ")
		_, help, _ := contractRun(append(slices.Clone(cmd), "--help")...)
		flags := flagListed.FindAllStringSubmatch(help, -1)
		cases := []struct{ flag, want string }{{"--no-such-flag", "--no-such-flag"}}
		// A near miss of the command's own first flag (one letter short).
		if cmd[0] != "list" || len(cmd) > 1 {
			if len(flags) == 0 {
				t.Errorf("%s --help lists no --flag:\n%s", name, help)
				continue
			}
			f := flags[0][1]
			cases = append(cases, struct{ flag, want string }{"--" + f[:len(f)-1], "did you mean --" + f + "?"})
		}
		for _, c := range cases {
			t.Run(name+" "+c.flag, func(t *testing.T) {
				code, out, errOut := contractRun(append(slices.Clone(cmd), c.flag)...)
				if code != exitUsage || out != "" {
					t.Errorf("exit %d, stdout %q; want %d and nothing", code, out, exitUsage)
				}
				if strings.Count(errOut, "\n") != 1 || !strings.HasSuffix(errOut, "\n") {
					t.Errorf("stderr is not one line: %q", errOut)
				}
				if !strings.HasPrefix(errOut, "scapi-conformance "+name+": ") || !strings.Contains(errOut, c.want) ||
					!strings.Contains(errOut, "--help") {
					t.Errorf("stderr %q: want scapi-conformance %s: …%s… --help", errOut, name, c.want)
				}
			})
		}
	}
}

func TestFlagErrorsNameTheFlag(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--labelfilter", "x"}, "scapi-conformance run: unknown flag --labelfilter; did you mean --label-filter? (see scapi-conformance run --help)\n"},
		{[]string{"fuzz", "--duration", "soon"}, "scapi-conformance fuzz: invalid value \"soon\" for --duration: want a duration such as 90s, 5m or 1h30m (see scapi-conformance fuzz --help)\n"},
		{[]string{"selftest", "--parallel", "many"}, "scapi-conformance selftest: invalid value \"many\" for --parallel: want an integer (see scapi-conformance selftest --help)\n"},
		{[]string{"run", "--strict=maybe"}, "scapi-conformance run: invalid value \"maybe\" for --strict: want true or false (see scapi-conformance run --help)\n"},
		{[]string{"validate", "--type"}, "scapi-conformance validate: --type needs a value (see scapi-conformance validate --help)\n"},
		{[]string{"list", "requirements", "--xyz"}, "scapi-conformance list requirements: unknown flag --xyz (see scapi-conformance list requirements --help)\n"},
		{[]string{"rnu"}, "scapi-conformance: unknown command \"rnu\"; did you mean run? (see scapi-conformance --help)\n"},
		{[]string{"--verbose"}, "scapi-conformance: unknown flag \"--verbose\" (see scapi-conformance --help)\n"},
		{[]string{"list", "mutant"}, "scapi-conformance list: unknown list \"mutant\"; did you mean mutants?; one of: interpretations, methods, mutants, requirements (see scapi-conformance list --help)\n"},
		{[]string{"list", "--json"}, "scapi-conformance list: --json comes after what to list; one of: interpretations, methods, mutants, requirements (see scapi-conformance list --help)\n"},
		{[]string{"replay"}, "scapi-conformance replay: want one FILE, got 0 (see scapi-conformance replay --help)\n"},
		// A profile's options are checked by the contract parsers when it is loaded, before anything is opened.
		{[]string{"run", "--profile", "testdata/profile-bad-origins.yaml"}, "scapi-conformance run: usage error: testdata/profile-bad-origins.yaml:4:83: option service-client-api.accepted-web-content-origins: byte offset 30: expected ',' before the next keyword, or ')' closing the filter, found end of value\n"},
		{[]string{"run", "--profile", "testdata/profile-bad-rate-limit.yaml"}, "scapi-conformance run: usage error: testdata/profile-bad-rate-limit.yaml:4:34: service-client-api.rate-limit=\"five\": byte offset 0: expected a decimal digit (a whole number of 0 or more)\n"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, errOut := contractRun(c.args...)
			if code != exitUsage || out != "" || errOut != c.want {
				t.Errorf("exit %d, stdout %q, stderr\n%q\nwant exit 2, no stdout, stderr\n%q", code, out, errOut, c.want)
			}
		})
	}
}

// TestNoCommandIsAUsageError: no command shows the usage on stderr, exit 2;
// asked for, on stdout, exit 0.
func TestNoCommandIsAUsageError(t *testing.T) {
	code, out, errOut := contractRun()
	if code != exitUsage || out != "" || !strings.Contains(errOut, "Commands:") {
		t.Errorf("no arguments: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		code, out, errOut := contractRun(args...)
		if code != exitOK || errOut != "" || !strings.Contains(out, "Commands:") || !strings.Contains(out, "  version ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		code, out, errOut := contractRun(args...)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if code != exitOK || errOut != "" || len(lines) != 3 {
			t.Fatalf("%v: exit %d, stderr %q, stdout\n%s", args, code, errOut, out)
		}
		if !strings.HasPrefix(lines[0], "scapi-conformance ") || !strings.HasPrefix(lines[1], "revision: ") ||
			!regexp.MustCompile(`^go: go1\.\d+`).MatchString(lines[2]) {
			t.Errorf("%v:\n%s", args, out)
		}
		// go test builds without a VCS stamp: the revision is said to be unknown.
		if !regexp.MustCompile(`^revision: (unknown \(built without VCS information|[0-9a-f]{7,})`).MatchString(lines[1]) {
			t.Errorf("revision line %q", lines[1])
		}
	}
	code, out, _ := contractRun("version", "--json")
	var v struct{ Module, Go string }
	if code != exitOK || json.Unmarshal([]byte(out), &v) != nil || v.Module == "" || !strings.HasPrefix(v.Go, "go1.") {
		t.Errorf("version --json: exit %d\n%s", code, out)
	}
}

// TestNoColourInGinkgoErrors: Ginkgo's own messages reach the console
// without escape codes (the label filter error used to be coloured).
func TestNoColourInGinkgoErrors(t *testing.T) {
	code, out, errOut := contractRun("run", "--label-filter", "nonsense &&")
	if code != exitUsage || !strings.Contains(errOut, "Syntax Error Parsing Label Filter") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if strings.ContainsRune(out+errOut, '\x1b') {
		t.Errorf("escape codes in the output: %q", errOut)
	}
}

func TestClosest(t *testing.T) {
	names := []string{"json", "junit", "label-filter", "strict", "target", "timeout"}
	for _, c := range []struct{ in, want string }{
		{"jsn", "json"},
		{"labelfilter", "label-filter"},
		{"Target", "target"},
		{"taregt", "target"},
		{"timout", "timeout"},
		{"x", ""},
		{"verbose", ""},
		{"jso", "json"},
		{"jsno", "json"},
	} {
		if got := closest(c.in, names); got != c.want {
			t.Errorf("closest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"flaw", "lawn", 2}, {"rnu", "run", 1}, {"ca", "abc", 3}} {
		if d := editDistance(c.a, c.b); d != c.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, d, c.d)
		}
	}
}
