package fuzz

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"scapi-conformance/internal/target"
)

// TestReplayFilesRedOnTheirMutantGreenOnTheReference replays every shrunk
// finding kept in testdata, over the websocket transport: each still fails
// against the mutant it was found on, and passes against the reference.
func TestReplayFilesRedOnTheirMutantGreenOnTheReference(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.replay.json"))
	if len(files) == 0 {
		t.Fatal("no replay file in testdata")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			rp, err := ReadReplay(f)
			if err != nil {
				t.Fatal(err)
			}
			if rp.Mutant == "" {
				t.Fatal("the replay file names no mutant")
			}
			for _, c := range []struct {
				mutant string
				fails  bool
			}{{rp.Mutant, true}, {"", false}} {
				fs := replayOn(t, rp, target.Spec{Mutant: c.mutant, WaitTimeout: 2 * time.Second})
				if got := len(fs) > 0; got != c.fails {
					t.Errorf("against mutant %q: findings of %s %v, want failing=%v", c.mutant, rp.Finding.Requirement, fs, c.fails)
				}
			}
		})
	}
}

// replayOn replays rp on the target s names.
func replayOn(t *testing.T, rp *Replay, s target.Spec) []Finding {
	t.Helper()
	tg, err := target.Open(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	r := NewRunner(tg, Config{CallTimeout: time.Second, Clock: ClockOf(tg)})
	defer r.Close()
	fs, err := rp.Check(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestReadReplayErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, body, want string
	}{
		{"syntax", "{\n  \"format\": \"scapi-conformance-replay/1\",\n  \"seed\": x\n}", "line 3, byte offset"},
		{"format", `{"format":"other/1"}`, `format "other/1", want "scapi-conformance-replay/1"`},
		{"unknown field", `{"format":"scapi-conformance-replay/1","bogus":1}`, `unknown field "bogus"`},
		{"no requirement", `{"format":"scapi-conformance-replay/1","session":{"origins":["https://a.example"],"steps":[]}}`, "finding.requirement is empty"},
		{"bad step", `{"format":"scapi-conformance-replay/1","finding":{"requirement":"security.origin.1"},"session":{"origins":["https://a.example"],"steps":[{"op":"call","client":3}]}}`,
			"session: step 0: client 3 is not one of the 1 origins"},
		{"bad op", `{"format":"scapi-conformance-replay/1","finding":{"requirement":"security.origin.1"},"session":{"origins":["https://a.example"],"steps":[{"op":"dance"}]}}`,
			`session: step 0 (dance): unknown op "dance"`},
		{"unknown requirement", `{"format":"scapi-conformance-replay/1","finding":{"requirement":"no.such.1"},"session":{"origins":["https://a.example"],"steps":[]}}`,
			`finding.requirement "no.such.1" is no documented requirement`},
		{"mutant on a URL", `{"format":"scapi-conformance-replay/1","finding":{"requirement":"security.origin.1"},"target":"ws://h/x","mutant":"m","session":{"origins":["https://a.example"],"steps":[]}}`,
			`mutant "m" recorded for the target ws://h/x`},
		{"target not a URL", `{"format":"scapi-conformance-replay/1","finding":{"requirement":"security.origin.1"},"target":"somewhere","session":{"origins":["https://a.example"],"steps":[]}}`,
			`target "somewhere": want a ws(s):// or http(s):// URL`},
	}
	for _, c := range cases {
		p := filepath.Join(dir, c.name+".json")
		os.WriteFile(p, []byte(c.body), 0o644)
		_, err := ReadReplay(p)
		if err == nil || !strings.HasPrefix(err.Error(), p+": ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q naming the file", c.name, err, c.want)
		}
	}
}

func TestReplayFileRoundTrip(t *testing.T) {
	g := testGenerator(3)
	s := g.Session(5)
	s.Steps = append(s.Steps, RawStep(0, []byte{0xff, 0xfe, '{'}))
	p := filepath.Join(t.TempDir(), "r.json")
	in := &Replay{Finding: Finding{Requirement: "security.origin.1", Check: "origin-denied"}, Seed: 3, Index: 5, Session: *s}
	if err := WriteReplay(p, in); err != nil {
		t.Fatal(err)
	}
	out, err := ReadReplay(p)
	if err != nil {
		t.Fatal(err)
	}
	last := out.Session.Steps[len(out.Session.Steps)-1]
	if string(last.rawBytes()) != "\xff\xfe{" || len(out.Session.Steps) != len(s.Steps) || out.Seed != 3 {
		t.Fatalf("round trip lost data: %+v", out)
	}
}

// TestFormerFalsePositivesPassOnTheReference replays the sessions that once
// made the fuzzer report the reference Workspace wrongly (testdata/
// false-positives; the file says which check erred): they must pass.
func TestFormerFalsePositivesPassOnTheReference(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "false-positives", "*.replay.json"))
	if len(files) == 0 {
		t.Fatal("no replay file in testdata/false-positives")
	}
	targets := map[string]target.Spec{
		"in-process":     {Driver: target.DriverInProc},
		"over websocket": {WaitTimeout: 2 * time.Second},
	}
	for _, f := range files {
		rp, err := ReadReplay(f)
		if err != nil {
			t.Fatal(err)
		}
		for name, s := range targets {
			if fs := replayOn(t, rp, s); len(fs) > 0 {
				t.Errorf("%s %s: %v", f, name, fs)
			}
		}
	}
}

// TestReplaySpec: a replay names the target it was found on, as fuzz
// recorded it, and older files' names of the embedded reference still read.
func TestReplaySpec(t *testing.T) {
	for _, tc := range []struct {
		target, mutant string
		want           target.Spec
	}{
		{RecordedTarget(target.Spec{Mutant: "m"}), "m", target.Spec{Mutant: "m"}},
		{"embedded reference (mutant m) over websocket", "m", target.Spec{Mutant: "m"}},
		{"", "", target.Spec{}},
		{RecordedTarget(target.Spec{URL: "ws://h/x"}), "", target.Spec{URL: "ws://h/x"}},
		{"https://h/page", "", target.Spec{URL: "https://h/page", Driver: target.DriverBrowser}},
	} {
		got, err := (&Replay{Target: tc.target, Mutant: tc.mutant}).Spec()
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Spec() of %q/%q = %+v, %v; want %+v", tc.target, tc.mutant, got, err, tc.want)
		}
	}
}
