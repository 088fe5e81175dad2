package main

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"scapi-conformance/fixtures/reference"
)

func TestListMutantsTable(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"list", "mutants"}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	text := out.String()
	if !strings.HasPrefix(text, "MUTANT") {
		t.Errorf("the table does not start with its header: %q", text[:min(len(text), 60)])
	}
	for _, m := range reference.Mutants() {
		if !strings.Contains(text, m.Name) || !strings.Contains(text, m.Requirement) {
			t.Errorf("the table lacks %s (%s)", m.Name, m.Requirement)
		}
	}
	if want := "\n" + strconv.Itoa(len(reference.Mutants())) + " mutants\n"; !strings.HasSuffix(text, want) {
		t.Errorf("the table does not end with %q", want)
	}
}

func TestListMutantsJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"list", "mutants", "--json"}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	var got []reference.Mutant
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("not a JSON array of mutants: %v", err)
	}
	if len(got) < 30 || len(got) != len(reference.Mutants()) {
		t.Fatalf("got %d mutants, want all %d (at least 30)", len(got), len(reference.Mutants()))
	}
	for _, m := range got {
		if m.Name == "" || m.Requirement == "" || m.Description == "" {
			t.Errorf("incomplete entry %+v", m)
		}
	}
}

func TestListMutantsUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"list", "mutants", "extra"}, &out, &errOut); code != exitUsage {
		t.Fatalf("exit %d for an extra argument, want %d", code, exitUsage)
	}
	if want := "scapi-conformance list mutants: unexpected argument \"extra\" (see scapi-conformance list mutants --help)\n"; errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
}
