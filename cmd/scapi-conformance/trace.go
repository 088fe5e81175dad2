package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/onsi/ginkgo/v2"
	"gopkg.in/yaml.v3"

	"scapi-conformance/contract"
	"scapi-conformance/contract/interp"
	"scapi-conformance/contract/requirements"
	"scapi-conformance/fixtures/reference"
	"scapi-conformance/internal/fuzz"
	"scapi-conformance/internal/report"
	"scapi-conformance/schemas"
)

// traceFile is the checked-in trace and the command that writes it.
const (
	traceFile    = "docs/conformance-trace.yaml"
	traceCommand = "go run ./cmd/scapi-conformance list requirements --trace --yaml > " + traceFile
)

// traceEntry is one requirement with everything that tests it: what an
// auditor needs to see one requirement whole.
type traceEntry struct {
	ID       string `json:"id" yaml:"id"`
	Document string `json:"document" yaml:"document"`
	Section  string `json:"section" yaml:"section"`
	Sentence string `json:"sentence" yaml:"sentence"`
	Note     string `json:"note,omitempty" yaml:"note,omitempty"`
	// Specs are the conformance specs citing it, by source location relative
	// to the module root.
	Specs []traceSpec `json:"specs" yaml:"specs"`
	// FuzzChecks are the contract fuzzer's checks whose findings cite it.
	FuzzChecks []string `json:"fuzzChecks" yaml:"fuzzChecks"`
	// Mutants are the reference Workspace's mutants that break it.
	Mutants []string `json:"mutants" yaml:"mutants"`
	// Schemas are the documented schemas its subject is validated against
	// (the method's result and parameters, the event, the type, the envelope).
	Schemas []string `json:"schemas" yaml:"schemas"`
	// Interpretations decide how it is read (strict and lenient readings).
	Interpretations []traceInterp `json:"interpretations" yaml:"interpretations"`
}

type traceSpec struct {
	Location string `json:"location" yaml:"location"`
	Text     string `json:"text" yaml:"text"`
}

type traceInterp struct {
	ID    string `json:"id" yaml:"id"`
	Topic string `json:"topic" yaml:"topic"`
}

// traceDoc is the --yaml output, the checked-in docs/conformance-trace.yaml.
type traceDoc struct {
	Requirements []traceEntry `yaml:"requirements"`
}

// buildTrace gathers, for each requirement, the specs of the registered spec
// tree (a Ginkgo dry run: nothing is run), the fuzz checks, the mutants, the
// schemas and the interpretations.
func buildTrace(reqs []requirements.Requirement) []traceEntry {
	specs := map[string][]traceSpec{}
	preview, _ := report.FromGinkgo(ginkgo.PreviewSpecs("scapi-conformance"), report.Stopped{})
	for _, s := range preview {
		for _, id := range s.Requirements {
			specs[id] = append(specs[id], traceSpec{Location: s.Location, Text: s.Text})
		}
	}
	checks := map[string][]string{}
	for check, ids := range fuzz.CheckRequirements() {
		for _, id := range ids {
			checks[id] = append(checks[id], check)
		}
	}
	mutants := map[string][]string{}
	for _, m := range reference.Mutants() {
		mutants[m.Requirement] = append(mutants[m.Requirement], m.Name)
	}
	out := make([]traceEntry, 0, len(reqs))
	for _, r := range reqs {
		e := traceEntry{ID: r.ID, Document: string(r.Document), Section: r.Section, Sentence: strings.Join(strings.Fields(r.Quote), " "),
			Note: r.Note, Specs: specs[r.ID], FuzzChecks: checks[r.ID], Mutants: mutants[r.ID], Schemas: schemasOf(r.ID),
			Interpretations: []traceInterp{}}
		slices.SortFunc(e.Specs, func(a, b traceSpec) int { return compareLocations(a.Location, b.Location) })
		slices.Sort(e.FuzzChecks)
		slices.Sort(e.Mutants)
		for _, id := range r.Interpretations {
			in, _ := interp.Lookup(id)
			e.Interpretations = append(e.Interpretations, traceInterp{ID: id, Topic: in.Topic})
		}
		for _, list := range []*[]string{&e.FuzzChecks, &e.Mutants, &e.Schemas} {
			if *list == nil {
				*list = []string{}
			}
		}
		if e.Specs == nil {
			e.Specs = []traceSpec{}
		}
		out = append(out, e)
	}
	return out
}

// envelopeSchemas are the envelope schemas of the envelope.<rule> requirements.
var envelopeSchemas = map[string][]string{
	"reply":       {"envelope.Reply", "envelope.ErrorReply"},
	"event":       {"envelope.Event"},
	"subscribe":   {"envelope.Subscribe", "envelope.SubscribeAck"},
	"unsubscribe": {"envelope.Unsubscribe"},
	"unknown":     {"envelope.Request", "envelope.ErrorReply"},
}

// schemasOf names the schemas a requirement's subject is validated against,
// from its id: <method>.N (the method's result and parameter schemas),
// <ns>.type.<Type>.N, events.<event>.<eventType>.N, envelope.<rule>.N.
func schemasOf(id string) []string {
	parts := strings.Split(id, ".")
	if len(parts) < 3 {
		return nil
	}
	var out []string
	add := func(name string) {
		if name != "" && schemas.Has(name) && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	subject := parts[:len(parts)-1]
	switch {
	case subject[0] == "envelope":
		out = append(out, envelopeSchemas[subject[1]]...)
	case subject[0] == "events" && len(subject) == 3:
		eventType := subject[2]
		if eventType == "frameState" { // the frameState message has no eventType
			eventType = ""
		}
		name, _ := schemas.EventSchema(subject[1], eventType)
		add(name)
		if eventType == "eventType" {
			add("envelope.Event")
		}
	case len(subject) == 3 && subject[1] == "type":
		add(subject[0] + "." + subject[2])
	case len(subject) == 2:
		if m, ok := contract.Lookup(strings.Join(subject, ".")); ok {
			add(m.Result)
			for _, p := range m.Params {
				add(p.Schema)
			}
		}
	}
	return out
}

// compareLocations orders file:line locations by file, then line as a number.
func compareLocations(a, b string) int {
	fa, la := splitLocation(a)
	fb, lb := splitLocation(b)
	if c := strings.Compare(fa, fb); c != 0 {
		return c
	}
	return la - lb
}

func splitLocation(loc string) (string, int) {
	i := strings.LastIndexByte(loc, ':')
	if i < 0 {
		return loc, 0
	}
	n, _ := strconv.Atoi(loc[i+1:])
	return loc[:i], n
}

// writeTraceYAML writes the trace as docs/conformance-trace.yaml holds it.
func writeTraceYAML(w io.Writer, entries []traceEntry) error {
	fmt.Fprintf(w, "# The conformance trace: for every requirement of the documentation, the sentence, the\n"+
		"# specs citing it (file:line), the fuzz checks, the mutants that break it, the schemas and\n"+
		"# the interpretations. Generated; do not edit. Regenerate with:\n#   %s\n", traceCommand)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(traceDoc{Requirements: entries}); err != nil {
		return err
	}
	return enc.Close()
}

// printTrace writes the trace for people: one block per requirement, then
// what is traced how often.
func printTrace(w io.Writer, entries []traceEntry) {
	withSpec, withCheck, withMutant, minSpecs := 0, 0, 0, -1
	for _, e := range entries {
		fmt.Fprintf(w, "%s  (%s, %s)\n  %q\n", e.ID, e.Document, e.Section, e.Sentence)
		for _, s := range e.Specs {
			fmt.Fprintf(w, "  spec        %s  %s\n", s.Location, s.Text)
		}
		if len(e.Specs) == 0 {
			fmt.Fprintln(w, "  spec        - (no spec cites it)")
		}
		fmt.Fprintf(w, "  fuzz check  %s\n  mutant      %s\n  schema      %s\n", dash(strings.Join(e.FuzzChecks, ", ")),
			dash(strings.Join(e.Mutants, ", ")), dash(strings.Join(e.Schemas, ", ")))
		ids := make([]string, len(e.Interpretations))
		for i, in := range e.Interpretations {
			ids[i] = in.ID + " (" + in.Topic + ")"
		}
		fmt.Fprintf(w, "  interpretation %s\n\n", dash(strings.Join(ids, "; ")))
		if len(e.Specs) > 0 {
			withSpec++
		}
		if len(e.FuzzChecks) > 0 {
			withCheck++
		}
		if len(e.Mutants) > 0 {
			withMutant++
		}
		if minSpecs < 0 || len(e.Specs) < minSpecs {
			minSpecs = len(e.Specs)
		}
	}
	fmt.Fprintf(w, "%d requirements: %d cited by a spec (the fewest specs for one: %d), %d by a fuzz check, %d broken by a mutant\n",
		len(entries), withSpec, max(minSpecs, 0), withCheck, withMutant)
}
