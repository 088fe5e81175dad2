package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// interpretationJSON is what list interpretations --json prints per entry.
type interpretationJSON struct {
	ID           string   `json:"id"`
	Strict       string   `json:"strict"`
	Requirements []string `json:"requirements"`
}

func TestListRequirements(t *testing.T) {
	for _, c := range []struct {
		name      string
		args      []string
		code      int
		stdout    []string
		stderr    string
		notStdout string
	}{
		{"table", []string{"list", "requirements"}, exitOK,
			[]string{"REQUIREMENT", "security.origin.7", "client-library", "requirements\n"}, "", ""},
		{"one namespace", []string{"list", "requirements", "--ns", "security"}, exitOK,
			[]string{"security.rateLimit.9", "INT-RATE-4"}, "", "envelope.reply.1"},
		{"unknown namespace", []string{"list", "requirements", "--ns", "nope"}, exitUsage,
			nil, `no namespace "nope"; one of: `, ""},
		{"extra argument", []string{"list", "requirements", "x"}, exitUsage, nil, `unexpected argument "x"`, ""},
		{"help", []string{"list", "requirements", "--help"}, exitOK, []string{"Example: scapi-conformance list requirements --ns security"}, "", ""},
		{"interpretations table", []string{"list", "interpretations", "--area", "spec"}, exitOK,
			[]string{"INT-SPEC-1", "envelope.unknown.1"}, "", "INT-RATE-1"},
		{"unknown area", []string{"list", "interpretations", "--area", "NOPE"}, exitUsage, nil, `no area "NOPE"; one of: `, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := contractRun(c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, c.code, errOut)
			}
			for _, want := range c.stdout {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			if c.notStdout != "" && strings.Contains(out, c.notStdout) {
				t.Errorf("stdout has %q", c.notStdout)
			}
			if !strings.Contains(errOut, c.stderr) {
				t.Errorf("stderr %q lacks %q", errOut, c.stderr)
			}
		})
	}
}

func TestListRequirementsAndInterpretationsJSON(t *testing.T) {
	code, out, _ := contractRun("list", "requirements", "--json")
	// String fields: a missing key decodes as "" and is caught (a map of
	// any would hold nil, which is never equal to "").
	var reqs []struct {
		ID       string `json:"id"`
		Quote    string `json:"quote"`
		Document string `json:"document"`
		Section  string `json:"section"`
	}
	if code != exitOK || json.Unmarshal([]byte(out), &reqs) != nil || len(reqs) == 0 {
		t.Fatalf("list requirements --json: exit %d, %d entries", code, len(reqs))
	}
	for _, r := range reqs {
		if r.ID == "" || r.Quote == "" || r.Document == "" || r.Section == "" {
			t.Errorf("incomplete requirement %+v", r)
		}
	}
	code, out, _ = contractRun("list", "interpretations", "--json")
	var ins []interpretationJSON
	if code != exitOK || json.Unmarshal([]byte(out), &ins) != nil || len(ins) == 0 {
		t.Fatalf("list interpretations --json: exit %d, %d entries", code, len(ins))
	}
	i := slices.IndexFunc(ins, func(in interpretationJSON) bool { return in.ID == "INT-SPEC-1" })
	if i < 0 {
		t.Fatal("list interpretations --json lacks INT-SPEC-1")
	}
	if !slices.Contains(ins[i].Requirements, "security.origin.10") {
		t.Errorf("INT-SPEC-1 does not list security.origin.10: %v", ins[i].Requirements)
	}
	for _, in := range ins {
		if in.ID == "" || in.Strict == "" {
			t.Errorf("incomplete interpretation %+v", in)
		}
	}
}
