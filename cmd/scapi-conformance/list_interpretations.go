package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"scapi-conformance/contract/interp"
	"scapi-conformance/contract/requirements"
)

func init() {
	registerList(&lister{what: "interpretations", summary: "the interpretations: each unclear point of the documentation, its strict and lenient readings", run: runListInterpretations})
}

// interpretationView is an interpretation with the requirements it decides.
type interpretationView struct {
	interp.Interpretation
	Requirements []string `json:"requirements"`
}

func runListInterpretations(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("list interpretations", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print id, topic, sources, strict and lenient readings and the requirement ids as a JSON array")
	area := fs.String("area", "", "only the interpretations of this area (CAT, SCHEMA, ORIGIN, RATE, UDATA, EVENT, NS, SPEC)")
	if code, done := parseListFlags(fs, args, stdout, stderr, "interpretations",
		"Prints every interpretation: where the documentation is ambiguous or contradicts itself, the\n"+
			"reading strict mode enforces and what lenient mode also accepts (reported NON-STRICT), with\n"+
			"the requirements whose reading it decides.",
		"scapi-conformance list interpretations --area ORIGIN --json | jq -r '.[].strict'"); done {
		return code
	}
	byInterp := map[string][]string{}
	for _, r := range requirements.All() {
		for _, id := range r.Interpretations {
			byInterp[id] = append(byInterp[id], r.ID)
		}
	}
	var out []interpretationView
	areas := map[string]bool{}
	for _, in := range interp.All() {
		a := interpArea(in.ID)
		areas[a] = true
		if *area == "" || strings.EqualFold(a, *area) {
			out = append(out, interpretationView{in, append([]string{}, byInterp[in.ID]...)})
		}
	}
	if len(out) == 0 {
		fmt.Fprintf(stderr, "scapi-conformance list interpretations: no area %q; one of: %s\n", *area, strings.Join(slices.Sorted(maps.Keys(areas)), ", "))
		return exitUsage
	}
	if *asJSON {
		return printJSON(stdout, stderr, "list interpretations", out)
	}
	rows := make([]string, 0, len(out))
	for _, v := range out {
		lenient := "-"
		if v.Lenient != "" {
			lenient = "yes"
		}
		rows = append(rows, fmt.Sprintf("%s\t%s\t%s\t%s", v.ID, shorten(v.Topic, 70), lenient, dash(shorten(strings.Join(v.Requirements, ","), 60))))
	}
	return printTable(stdout, stderr, "interpretations", "INTERPRETATION\tTOPIC\tLENIENT\tREQUIREMENTS", rows, "interpretations")
}

// interpArea is the area of an interpretation id: "ORIGIN" for INT-ORIGIN-3.
func interpArea(id string) string {
	parts := strings.Split(id, "-")
	if len(parts) < 3 {
		return id
	}
	return parts[1]
}
