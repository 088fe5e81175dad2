package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"scapi-conformance/contract/requirements"
	"scapi-conformance/fixtures/reference"
	"scapi-conformance/internal/fuzz"
)

// specLocation is a spec's file:line relative to the module root.
var specLocation = regexp.MustCompile(`^suites/[a-z_/]+\.go:[1-9][0-9]*$`)

// TestTraceEveryRequirementHasASpec: list requirements --trace --json traces
// every registered requirement whole, each to at least one spec by its
// location in the spec tree, and names every mutant and fuzz check somewhere.
func TestTraceEveryRequirementHasASpec(t *testing.T) {
	code, out, errOut := contractRun("list", "requirements", "--trace", "--json")
	var entries []traceEntry
	if code != exitOK || json.Unmarshal([]byte(out), &entries) != nil {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if got, want := len(entries), len(requirements.All()); got != want || got == 0 {
		t.Fatalf("%d requirements traced, the registry holds %d", got, want)
	}
	mutants, checks := map[string]bool{}, map[string]bool{}
	for _, e := range entries {
		if e.Sentence == "" || e.Section == "" || e.Document == "" {
			t.Errorf("%s: sentence, section or document missing: %+v", e.ID, e)
		}
		if len(e.Specs) == 0 {
			t.Errorf("%s: no spec cites it", e.ID)
		}
		for _, s := range e.Specs {
			if !specLocation.MatchString(s.Location) || s.Text == "" {
				t.Errorf("%s: spec %q at %q: want its text and suites/…/file.go:line", e.ID, s.Text, s.Location)
			}
		}
		for _, in := range e.Interpretations {
			if in.Topic == "" {
				t.Errorf("%s: interpretation %s has no topic (not registered?)", e.ID, in.ID)
			}
		}
		for _, m := range e.Mutants {
			mutants[m] = true
		}
		for _, c := range e.FuzzChecks {
			checks[c] = true
		}
	}
	for _, m := range reference.Mutants() {
		if !mutants[m.Name] {
			t.Errorf("mutant %s (breaks %s) is in no requirement's trace", m.Name, m.Requirement)
		}
	}
	for _, c := range fuzz.Checks() {
		if !checks[c] {
			t.Errorf("fuzz check %s is in no requirement's trace", c)
		}
	}
}

func TestTraceSchemas(t *testing.T) {
	for id, want := range map[string]string{
		"agent.get.1":                      "agent.Agent",
		"interaction.type.Interaction.1":   "interaction.Interaction",
		"events.interaction.RINGING.1":     "event.interaction.RINGING",
		"envelope.subscribe.1":             "envelope.SubscribeAck",
		"system.getAllowedServices.1":      "string[]",
		"events.interaction.eventType.1":   "envelope.Event",
		"configuration.type.Section.1":     "configuration.Section",
		"security.origin.1":                "",
		"interaction.setUserData.1":        "interaction.UserData",
		"outbound.preview.directPush.1":    "",
		"events.system.frameState.1":       "event.system.frameState",
		"interaction.getByInteractionId.1": "null|interaction.Interaction",
	} {
		got := schemasOf(id)
		if want == "" && len(got) != 0 || want != "" && !strings.Contains(strings.Join(got, " "), want) {
			t.Errorf("schemasOf(%s) = %v, want %q", id, got, want)
		}
	}
}

// TestTraceFileIsCurrent: docs/conformance-trace.yaml is what the tool
// generates from the registries and the spec tree of this build.
func TestTraceFileIsCurrent(t *testing.T) {
	code, out, errOut := contractRun("list", "requirements", "--trace", "--yaml")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	checked, err := os.ReadFile(filepath.Join("..", "..", traceFile))
	if err != nil {
		t.Fatalf("%v; generate it with:\n  %s", err, traceCommand)
	}
	if string(checked) == out {
		return
	}
	got, want := strings.Split(string(checked), "\n"), strings.Split(out, "\n")
	line := 0
	for line < len(got) && line < len(want) && got[line] == want[line] {
		line++
	}
	show := func(lines []string) string {
		if line < len(lines) {
			return lines[line]
		}
		return "(end of file)"
	}
	t.Errorf("%s is stale (first difference at line %d: %q, now %q); regenerate it from the module root with:\n  %s",
		traceFile, line+1, show(got), show(want), traceCommand)
}
