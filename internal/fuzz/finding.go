package fuzz

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Finding is one violated requirement seen in a session.
type Finding struct {
	// Requirement is the id (package contract/requirements) of the sentence
	// the target broke.
	Requirement string `json:"requirement"`
	// Check names the fuzzer check that saw it.
	Check string `json:"check"`
	// Key names the violation within the check, from what does not change
	// between runs (a request name, a schema and pointer; never an id the
	// target made up): findings are deduplicated by Signature.
	Key string `json:"key,omitempty"`
	// Step is the index of the step running when the evidence was sent or
	// received (len(steps) for the quiet period after the last step).
	Step   int    `json:"step"`
	Client int    `json:"client"`
	Detail string `json:"detail"`
	// Evidence is the offending message, as received.
	Evidence json.RawMessage `json:"evidence,omitempty"`
	// NonStrict is true when the violation holds only under the strict
	// reading of Interpretations: a lenient campaign reports it apart from
	// the FAILs (as run reports a NON-STRICT spec).
	NonStrict       bool     `json:"nonStrict,omitempty"`
	Interpretations []string `json:"interpretations,omitempty"`
}

func (f Finding) String() string {
	verdict := ""
	if f.NonStrict {
		verdict = "NON-STRICT (" + strings.Join(f.Interpretations, ", ") + ") "
	}
	return fmt.Sprintf("%s%s [%s] step %d, client %d: %s", verdict, f.Requirement, f.Check, f.Step, f.Client, f.Detail)
}

// Signature identifies the violation for deduplication, within a campaign
// and across the campaigns fuzz merge joins: the requirement, the check and
// the key (NON-STRICT apart from FAIL), never the requirement alone.
func (f Finding) Signature() string {
	verdict := "FAIL"
	if f.NonStrict {
		verdict = "NON-STRICT"
	}
	return f.Requirement + " " + f.Check + " " + verdict + " " + f.Key
}

// FileName names the finding's replay file: the requirement, the check and a
// digest of the signature, NON-STRICT findings apart under their own prefix.
func (f Finding) FileName() string {
	sum := sha256.Sum256([]byte(f.Signature()))
	name := strings.ReplaceAll(f.Requirement, "/", "_") + "." + f.Check + "." + hex.EncodeToString(sum[:4]) + ".replay.json"
	if f.NonStrict {
		name = "non-strict." + name
	}
	return name
}

// keyed sets the finding's Key.
func (f Finding) keyed(parts ...string) Finding {
	f.Key = strings.Join(parts, " ")
	return f
}

// nonStrict marks a finding that holds only under the strict reading of the
// interpretations.
func (f Finding) nonStrict(ids ...string) Finding {
	f.NonStrict, f.Interpretations = true, ids
	return f
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

// check runs every check; findings come in step order. The checks judge
// both readings and mark what holds only under the strict one; a strict run
// holds the target to it, so those findings are FAILs there.
func check(r *record) []Finding {
	var out []Finding
	for _, n := range Checks() {
		out = append(out, checks[n](r)...)
	}
	if r.strict {
		for i := range out {
			out[i].NonStrict = false
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Step < out[j].Step })
	return out
}

// Split returns the FAIL findings and, apart, the NON-STRICT ones: the
// summary, the files and the exit code keep them apart, as run does.
func Split(saved []Saved) (fail, nonStrict []Saved) {
	for _, s := range saved {
		if s.Finding.NonStrict {
			nonStrict = append(nonStrict, s)
		} else {
			fail = append(fail, s)
		}
	}
	return fail, nonStrict
}
