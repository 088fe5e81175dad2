package fuzz

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
				fs := replayOn(t, rp, func() (Target, error) { return Embedded(context.Background(), c.mutant, 2*time.Second) })
				if got := len(fs) > 0; got != c.fails {
					t.Errorf("against mutant %q: findings of %s %v, want failing=%v", c.mutant, rp.Finding.Requirement, fs, c.fails)
				}
			}
		})
	}
}

// replayOn replays rp on the target open returns, and closes it.
func replayOn(t *testing.T, rp *Replay, open func() (Target, error)) []Finding {
	t.Helper()
	tg, err := open()
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	fs, err := rp.Check(context.Background(), NewRunner(tg, Config{CallTimeout: time.Second, Clock: ClockOf(tg)}))
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
		{"bad step", `{"format":"scapi-conformance-replay/1","finding":{"requirement":"r"},"session":{"origins":["https://a.example"],"steps":[{"op":"call","client":3}]}}`,
			"session: step 0: client 3 is not one of the 1 origins"},
		{"bad op", `{"format":"scapi-conformance-replay/1","finding":{"requirement":"r"},"session":{"origins":["https://a.example"],"steps":[{"op":"dance"}]}}`,
			`session: step 0 (dance): unknown op "dance"`},
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
	ctx := context.Background()
	targets := map[string]func() (Target, error){
		"in-process":     func() (Target, error) { return InProcess("") },
		"over websocket": func() (Target, error) { return Embedded(ctx, "", 2*time.Second) },
	}
	for _, f := range files {
		rp, err := ReadReplay(f)
		if err != nil {
			t.Fatal(err)
		}
		for name, open := range targets {
			if fs := replayOn(t, rp, open); len(fs) > 0 {
				t.Errorf("%s %s: %v", f, name, fs)
			}
		}
	}
}
