// Package report turns a Ginkgo run of the conformance specs into verdicts per
// requirement and writes them as JSON, JUnit and a self-contained HTML
// certification report; it also reads and writes baselines of accepted
// failures, merges repeated runs into a flakiness report, and redacts secrets.
package report

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"scapi-conformance/contract/interp"
)

// Verdict is the outcome of a spec or of a requirement.
type Verdict string

// The verdicts (Autobahn-style: a pass under a recorded interpretation is NON-STRICT).
const (
	Pass      Verdict = "PASS"
	NonStrict Verdict = "NON-STRICT"
	Fail      Verdict = "FAIL"
	Skipped   Verdict = "SKIPPED"
	// NotRun is a selected spec the run stopped before (or while) running it
	// (a timeout, an interrupt, a lost target, --fail-fast): nothing decided.
	NotRun Verdict = "NOT RUN"
)

// Overall verdicts of a run.
const (
	Conforming    = "CONFORMING"
	NonConforming = "NON-CONFORMING"
	// Incomplete is a run stopped before every selected spec ran (Result.Incomplete
	// says why): it certifies nothing, either way.
	Incomplete = "INCOMPLETE"
)

// ExitIncomplete is the exit code of an INCOMPLETE run.
const ExitIncomplete = 4

// SchemaID identifies the JSON report format.
const SchemaID = "scapi-conformance/report/v1"

// Result is everything a run produced; every report format renders it.
type Result struct {
	Schema string `json:"schema"`
	// Verdict is Conforming, NonConforming (after the baseline) or Incomplete.
	Verdict string `json:"verdict"`
	// ExitCode is the code the run exits with (0 conforming, 1 non-conforming,
	// 4 incomplete).
	ExitCode int `json:"exitCode"`
	// Incomplete says why the run stopped before every selected spec ran (a
	// timeout, an interrupt, a lost target); "" when it did not.
	Incomplete   string              `json:"incomplete,omitempty"`
	Summary      Summary             `json:"summary"`
	Target       Target              `json:"target"`
	Provenance   Provenance          `json:"provenance"`
	Requirements []RequirementResult `json:"requirements"`
	Specs        []Spec              `json:"specs"`
	// Flaky lists the specs whose verdict differed between repeats (--repeat).
	Flaky    []Spec           `json:"flaky,omitempty"`
	Baseline *BaselineOutcome `json:"baseline,omitempty"`
	Coverage *Coverage        `json:"coverage,omitempty"`
	// Interpretations are the recorded readings the NON-STRICT verdicts rely on.
	Interpretations []interp.Interpretation `json:"interpretations,omitempty"`
}

// Summary counts verdicts.
type Summary struct {
	Requirements Counts `json:"requirements"`
	Specs        Counts `json:"specs"`
	// NotSelected is the number of specs the filters left out.
	NotSelected int `json:"notSelected"`
	// NotRun is the number of selected specs that did not run to the end.
	NotRun int `json:"notRun"`
	Flaky  int `json:"flaky"`
}

// Counts of each verdict.
type Counts struct {
	Pass      int `json:"pass"`
	NonStrict int `json:"nonStrict"`
	Fail      int `json:"fail"`
	Skipped   int `json:"skipped"`
	NotRun    int `json:"notRun"`
}

func (c *Counts) add(v Verdict) {
	switch v {
	case Pass:
		c.Pass++
	case NonStrict:
		c.NonStrict++
	case Fail:
		c.Fail++
	case Skipped:
		c.Skipped++
	case NotRun:
		c.NotRun++
	}
}

// Total is the sum of the counts.
func (c Counts) Total() int { return c.Pass + c.NonStrict + c.Fail + c.Skipped + c.NotRun }

// Target identifies what was tested, as far as it said.
type Target struct {
	URL             string `json:"url"`
	UserAgent       string `json:"userAgent,omitempty"`
	ProtocolVersion string `json:"protocolVersion,omitempty"`
	// Build is what the target says about itself (control capabilities, driver info).
	Build  map[string]string `json:"build,omitempty"`
	Mutant string            `json:"mutant,omitempty"`
	// Embedded is true for the embedded reference Workspace.
	Embedded bool `json:"embedded"`
}

// Provenance says how the run was made, so it can be reproduced.
type Provenance struct {
	SuiteVersion   string    `json:"suiteVersion"`
	GoVersion      string    `json:"goVersion"`
	SchemasHash    string    `json:"schemasHash,omitempty"`
	DocumentsHash  string    `json:"documentsHash,omitempty"`
	Driver         string    `json:"driver"`
	Browser        string    `json:"browser,omitempty"`
	Seed           int64     `json:"seed"`
	Strict         bool      `json:"strict"`
	LabelFilter    string    `json:"labelFilter,omitempty"`
	Focus          string    `json:"focus,omitempty"`
	Repeat         int       `json:"repeat"`
	Profile        string    `json:"profile,omitempty"`
	Start          time.Time `json:"start"`
	DurationMillis int64     `json:"durationMillis"`
}

// Spec is the outcome of one spec.
type Spec struct {
	Text         string   `json:"text"`
	Namespace    string   `json:"namespace,omitempty"`
	Requirements []string `json:"requirements"`
	Labels       []string `json:"labels,omitempty"`
	Verdict      Verdict  `json:"verdict"`
	// Violated are the requirements a FAIL is attributed to (the spec said
	// which through framework.Session.For); empty, it violates them all.
	Violated []string `json:"violated,omitempty"`
	// Interpretations are the interp ids a NON-STRICT pass relied on.
	Interpretations []string `json:"interpretations,omitempty"`
	// Reason says why a spec was SKIPPED or NOT RUN.
	Reason   string   `json:"reason,omitempty"`
	Failure  *Failure `json:"failure,omitempty"`
	Location string   `json:"location,omitempty"`
	Millis   int64    `json:"millis"`
	// Attempts lists the verdict of every repeat (--repeat N, N > 1).
	Attempts []Verdict `json:"attempts,omitempty"`
}

// Failure explains a FAIL: the matcher's message (expected and actual), where,
// and what the spec attached (transcripts, values).
type Failure struct {
	Message  string `json:"message"`
	Location string `json:"location,omitempty"`
	// Signature identifies the failure across runs (see Signature): what a
	// baseline entry pins.
	Signature   string   `json:"signature,omitempty"`
	Attachments []Attach `json:"attachments,omitempty"`
}

// Attach is one named piece of evidence (a Ginkgo report entry).
type Attach struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// RequirementResult is the verdict on one requirement, from the specs citing it.
type RequirementResult struct {
	ID        string  `json:"id"`
	Namespace string  `json:"namespace"`
	Quote     string  `json:"quote,omitempty"`
	Document  string  `json:"document,omitempty"`
	Section   string  `json:"section,omitempty"`
	Verdict   Verdict `json:"verdict"`
	// Interpretations are the interp ids of a NON-STRICT verdict.
	Interpretations []string `json:"interpretations,omitempty"`
	// Reasons are why it was SKIPPED.
	Reasons []string `json:"reasons,omitempty"`
	// Specs are the texts of the specs citing it; Failed those that failed.
	Specs  []string `json:"specs"`
	Failed []string `json:"failed,omitempty"`
	// Accepted is the baseline entry that accepts its failure.
	Accepted *BaselineEntry `json:"accepted,omitempty"`
}

// WriteJSON writes the result as indented JSON.
func WriteJSON(path string, r *Result) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// ReadJSON reads a result written by WriteJSON.
func ReadJSON(path string) (*Result, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: not a scapi-conformance JSON report: %v", path, err)
	}
	if r.Schema != SchemaID {
		return nil, fmt.Errorf("%s: schema %q, want %q", path, r.Schema, SchemaID)
	}
	return &r, nil
}
