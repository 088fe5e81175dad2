package fuzz

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Finding is one violated requirement seen in a session.
type Finding struct {
	// Requirement is the id (package contract/requirements) of the sentence
	// the target broke; findings are deduplicated by it.
	Requirement string `json:"requirement"`
	// Check names the fuzzer check that saw it.
	Check string `json:"check"`
	// Step is the index of the step running when the evidence was sent or
	// received (len(steps) for the quiet period after the last step).
	Step   int    `json:"step"`
	Client int    `json:"client"`
	Detail string `json:"detail"`
	// Evidence is the offending message, as received.
	Evidence json.RawMessage `json:"evidence,omitempty"`
}

func (f Finding) String() string {
	return fmt.Sprintf("%s [%s] step %d, client %d: %s", f.Requirement, f.Check, f.Step, f.Client, f.Detail)
}

// finding builds a Finding about an entry (nil for a missing message).
func finding(req, check string, step, client int, e *entry, format string, args ...any) Finding {
	f := Finding{Requirement: req, Check: check, Step: step, Client: client, Detail: fmt.Sprintf(format, args...)}
	if e != nil && json.Valid(e.raw) {
		f.Evidence = append(json.RawMessage(nil), e.raw...)
	}
	return f
}

// checkFunc inspects a finished session.
type checkFunc func(r *record) []Finding

// checks lists every check, by name; each file adds its own in init.
var checks = map[string]checkFunc{}

func registerCheck(name string, f checkFunc) {
	if _, dup := checks[name]; dup {
		panic("fuzz: duplicate check " + name)
	}
	checks[name] = f
}

// Checks lists the names of every check the fuzzer runs.
func Checks() []string {
	names := make([]string, 0, len(checks))
	for n := range checks {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// check runs every check; findings come in step order.
func check(r *record) []Finding {
	var out []Finding
	for _, n := range Checks() {
		out = append(out, checks[n](r)...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Step < out[j].Step })
	return out
}
