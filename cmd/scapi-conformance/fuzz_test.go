package main

import (
	"bytes"
	"context"
	"encoding/json"
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
	code, out, errOut := fuzzCLI("fuzz", "--driver", "inproc", "--mutant", "origin-prefix-match", "--duration", "20s",
		"--seed", "11", "--first", "--quiet", "--out", dir)
	if code != exitFailed {
		t.Fatalf("fuzz against a mutant: exit %d, want %d\n%s%s", code, exitFailed, out, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.replay.json"))
	if len(files) == 0 || !strings.Contains(out, "FINDING security.origin.") {
		t.Fatalf("no finding saved:\n%s", out)
	}
	// Without flags, replay runs against the target the file records: the
	// embedded reference with its mutant.
	if code, out, errOut := fuzzCLI("replay", files[0]); code != exitFailed || !strings.HasPrefix(out, "FAIL ") || !strings.Contains(out, "mutant origin-prefix-match") {
		t.Errorf("replay without flags: exit %d, want %d against the recorded mutant\n%s%s", code, exitFailed, out, errOut)
	}
	if code, out, errOut := fuzzCLI("replay", "--driver", "inproc", files[0]); code != exitFailed || !strings.HasPrefix(out, "FAIL ") {
		t.Errorf("replay in-process: exit %d, want %d\n%s%s", code, exitFailed, out, errOut)
	}
	if code, out, errOut := fuzzCLI("replay", "--mutant", "", files[0]); code != exitOK || !strings.HasPrefix(out, "PASS ") {
		t.Errorf("replay against the reference without mutant: exit %d, want %d\n%s%s", code, exitOK, out, errOut)
	}
}

func TestFuzzAgainstTheReferenceExitsZero(t *testing.T) {
	code, out, errOut := fuzzCLI("fuzz", "--driver", "inproc", "--duration", "30s", "--sessions", "30", "--seed", "3", "--quiet", "--out", t.TempDir())
	if code != exitOK || !strings.Contains(out, "fuzz: 30 sessions") {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitOK, out, errOut)
	}
}

func TestFuzzAndReplayUsageErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{\n\"format\": 1\n}"), 0o644)
	otherFormat := filepath.Join(dir, "other.json")
	os.WriteFile(otherFormat, []byte(`{"format":"scapi-conformance-replay/2","finding":{"requirement":"security.origin.1"},"session":{"origins":["https://a.example"],"steps":[]}}`), 0o644)
	unknownReq := filepath.Join(dir, "unknown.json")
	os.WriteFile(unknownReq, []byte(`{"format":"scapi-conformance-replay/1","finding":{"requirement":"no.such.requirement"},"session":{"origins":["https://a.example"],"steps":[]}}`), 0o644)
	loopback := filepath.Join(dir, "loopback.json")
	os.WriteFile(loopback, []byte(`{"format":"scapi-conformance-replay/1","finding":{"requirement":"security.origin.1"},"session":{"origins":["https://a.example","http://127.0.0.1:43065"],"steps":[]}}`), 0o644)
	valid := filepath.Join(dir, "valid.json")
	os.WriteFile(valid, []byte(`{"format":"scapi-conformance-replay/1","finding":{"requirement":"security.origin.1"},"session":{"origins":["https://a.example"],"steps":[]}}`), 0o644)
	noTarget := filepath.Join(dir, "no-target.yaml")
	os.WriteFile(noTarget, []byte("origins: [https://a.example]\n"), 0o644)
	aFile := filepath.Join(dir, "a-file")
	os.WriteFile(aFile, nil, 0o644)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"fuzz", "--duration", "0s"}, exitUsage, "--duration 0s must be positive"},
		{[]string{"fuzz", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"fuzz", "--mutant", "no-such-mutant", "--driver", "inproc", "--out", dir}, exitUsage, "no-such-mutant"},
		{[]string{"fuzz", "--target", "ws://127.0.0.1:1/scapi", "--duration", "1s", "--out", dir}, exitUnreachable, "127.0.0.1:1"},
		{[]string{"fuzz", "--target", "ws://127.0.0.1:1/scapi", "--mutant", "x"}, exitUsage, "cannot be combined with a target"},
		{[]string{"fuzz", "--target", ""}, exitUsage, "--target is empty"},
		{[]string{"run", "--target", ""}, exitUsage, "--target is empty"},
		{[]string{"run", "--profile", noTarget}, exitUsage, "the profile names no target"},
		{[]string{"replay", "--profile", noTarget, valid}, exitUsage, "the profile names no target"},
		{[]string{"fuzz", "--profile", noTarget}, exitUsage, "the profile names no target"},
		{[]string{"fuzz", "--out", filepath.Join(aFile, "x")}, exitUsage, "--out " + filepath.Join(aFile, "x")},
		{[]string{"fuzz", "--out", dir, "--json", filepath.Join(aFile, "f.json")}, exitUsage, "--json " + filepath.Join(aFile, "f.json") + ": "},
		{[]string{"doctor", "--json", filepath.Join(aFile, "d.json")}, exitUsage, "--json " + filepath.Join(aFile, "d.json") + ": "},
		{[]string{"run", "--plan", "--junit", filepath.Join(dir, "r.xml")}, exitUsage, "--junit has nothing to do with --plan"},
		{[]string{"fuzz", "--shard", "3/2"}, exitUsage, `shard "3/2": want i/n`},
		{[]string{"fuzz", "--workers", "0"}, exitUsage, "--workers 0"},
		{[]string{"fuzz", "--target", "ws://127.0.0.1:1/scapi", "--workers", "2"}, exitUsage, "would disturb each other"},
		{[]string{"replay", "--driver", "browser", loopback}, exitUsage, "presents http://127.0.0.1:43065, a loopback origin of the run that recorded it"},
		{[]string{"replay", otherFormat}, exitUsage, `format "scapi-conformance-replay/2", want "scapi-conformance-replay/1"`},
		{[]string{"replay", unknownReq}, exitUsage, `"no.such.requirement" is no documented requirement`},
		{[]string{"replay", "--target", "", bad}, exitUsage, bad},
		{[]string{"fuzz", "merge"}, exitUsage, "want at least one DIR"},
		{[]string{"fuzz", "merge", "--out", dir, dir}, exitUsage, "is one of the directories merged"},
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

// TestFuzzShardsAndMerge: two shards of one seed fuzz disjoint sessions, and
// fuzz merge joins their findings into one directory and one summary, one
// file per violation.
func TestFuzzShardsAndMerge(t *testing.T) {
	dir := t.TempDir()
	var shardDirs []string
	for _, shard := range []string{"1/2", "2/2"} {
		d := filepath.Join(dir, "shard-"+shard[:1])
		shardDirs = append(shardDirs, d)
		code, out, errOut := fuzzCLI("fuzz", "--driver", "inproc", "--mutant", "origin-prefix-match", "--seed", "11", "--sessions", "6",
			"--workers", "2", "--shard", shard, "--quiet", "--out", d)
		if code != exitFailed || !strings.Contains(out, "shard "+shard) {
			t.Fatalf("shard %s: exit %d, want %d\n%s%s", shard, code, exitFailed, out, errOut)
		}
	}
	merged := filepath.Join(dir, "merged")
	code, out, errOut := fuzzCLI(append([]string{"fuzz", "merge", "--out", merged}, shardDirs...)...)
	if code != exitFailed || !strings.Contains(out, "FINDING security.origin.") {
		t.Fatalf("merge: exit %d, want %d\n%s%s", code, exitFailed, out, errOut)
	}
	b, err := os.ReadFile(filepath.Join(merged, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Read     int `json:"read"`
		Findings []struct {
			Requirement, Check, File string
		} `json:"findings"`
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(merged, "*.replay.json"))
	if len(sum.Findings) == 0 || len(files) != len(sum.Findings) || sum.Read < len(sum.Findings) {
		t.Fatalf("summary %+v and %d files: want one file per finding, from at least as many read", sum, len(files))
	}
	seen := map[string]bool{}
	for _, f := range sum.Findings {
		key := f.Requirement + " " + f.Check
		if seen[key] && f.Check != "" {
			t.Logf("two findings of %s (different signatures)", key)
		}
		seen[key] = true
	}
}
