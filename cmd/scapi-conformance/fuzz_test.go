package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scapi-conformance/contract/control"
	"scapi-conformance/fixtures/server"
)

// fuzzCLI runs the CLI in-process and returns its exit code and outputs.
func fuzzCLI(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := dispatch(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestFuzzFindsShrinksAndReplays(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := fuzzCLI("fuzz", "--inprocess", "--mutant", "origin-prefix-match", "--duration", "20s",
		"--seed", "11", "--first", "--quiet", "--out", dir)
	if code != exitFailed {
		t.Fatalf("fuzz against a mutant: exit %d, want %d\n%s%s", code, exitFailed, out, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.replay.json"))
	if len(files) == 0 || !strings.Contains(out, "FINDING security.origin.") {
		t.Fatalf("no finding saved:\n%s", out)
	}
	if code, out, errOut := fuzzCLI("replay", files[0], "--inprocess", "--mutant", "origin-prefix-match"); code != exitFailed || !strings.HasPrefix(out, "FAIL ") {
		t.Errorf("replay against the mutant: exit %d, want %d\n%s%s", code, exitFailed, out, errOut)
	}
	if code, out, errOut := fuzzCLI("replay", "--inprocess", files[0]); code != exitOK || !strings.HasPrefix(out, "PASS ") {
		t.Errorf("replay against the reference: exit %d, want %d\n%s%s", code, exitOK, out, errOut)
	}
}

func TestFuzzAgainstTheReferenceExitsZero(t *testing.T) {
	code, out, errOut := fuzzCLI("fuzz", "--inprocess", "--duration", "30s", "--sessions", "30", "--seed", "3", "--quiet", "--out", t.TempDir())
	if code != exitOK || !strings.Contains(out, "fuzz: 30 sessions") {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitOK, out, errOut)
	}
}

func TestFuzzAndReplayUsageErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{\n\"format\": 1\n}"), 0o644)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"fuzz", "--duration", "0s"}, exitUsage, "--duration 0s must be positive"},
		{[]string{"fuzz", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"fuzz", "--mutant", "no-such-mutant", "--inprocess"}, exitUsage, "no-such-mutant"},
		{[]string{"fuzz", "--target", "ws://127.0.0.1:1/scapi", "--duration", "1s"}, exitUnreachable, "127.0.0.1:1"},
		{[]string{"fuzz", "--target", "ws://127.0.0.1:1/scapi", "--mutant", "x"}, exitUsage, "--mutant and --inprocess apply to the embedded reference"},
		{[]string{"replay"}, exitUsage, "want one FILE, got 0"},
		{[]string{"replay", "/nonexistent/f.json"}, exitUsage, "/nonexistent/f.json"},
		{[]string{"replay", bad}, exitUsage, bad + ": line 2, byte offset"},
		{[]string{"fuzz", "corpus", "sideways", "a", "b"}, exitUsage, `unknown direction "sideways"`},
	}
	for _, c := range cases {
		code, _, errOut := fuzzCLI(c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, errOut, c.code, c.want)
		}
	}
}

func TestFuzzCorpusToLibFuzzerAndBack(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "..", "contract", "wire", "testdata", "fuzz", "FuzzDecode")
	lf, back := filepath.Join(dir, "lf"), filepath.Join(dir, "back")
	if code, out, errOut := fuzzCLI("fuzz", "corpus", "to-libfuzzer", src, lf); code != exitOK || !strings.Contains(out, "files written") {
		t.Fatalf("to-libfuzzer: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := fuzzCLI("fuzz", "corpus", "to-go", lf, back, "--types", "[]byte"); code != exitOK {
		t.Fatalf("to-go: exit %d\n%s%s", code, out, errOut)
	}
	a, _ := os.ReadDir(src)
	b, _ := os.ReadDir(back)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d seeds in, %d back", len(a), len(b))
	}
}

// TestFuzzAProfiledTargetThatCannotBeSteered fuzzes a running reference
// through a profile without control endpoint: the oracles use the options
// the profile declares.
func TestFuzzAProfiledTargetThatCannotBeSteered(t *testing.T) {
	opts := control.Options{"service-client-api.accepted-web-content-origins": "https://a.example, https://b.example (agent.getState)"}
	for _, c := range []struct {
		mutant string
		code   int
	}{{"", exitOK}, {"origin-request-filter-dropped", exitFailed}} {
		ctx := context.Background()
		srv, err := server.Start(ctx, server.Config{Mutant: c.mutant})
		if err != nil {
			t.Fatal(err)
		}
		if err := srv.Workspace().SetOptions(opts); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), "target.yaml")
		os.WriteFile(p, []byte("target:\n  driver: ws\n  url: "+srv.WebSocketURL()+"\noptions:\n  service-client-api.accepted-web-content-origins: \""+
			opts["service-client-api.accepted-web-content-origins"]+"\"\norigins: [https://a.example, https://b.example]\n"), 0o644)
		code, out, errOut := fuzzCLI("fuzz", "--profile", p, "--duration", "30s", "--sessions", "40", "--seed", "5", "--first", "--quiet", "--out", t.TempDir())
		srv.Close()
		if code != c.code {
			t.Errorf("mutant %q: exit %d, want %d\n%s%s", c.mutant, code, c.code, out, errOut)
		}
	}
}
