package report

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"scapi-conformance/contract/interp"
	"scapi-conformance/contract/requirements"
)

// Aggregate decides each cited requirement from the specs citing it: FAIL if
// a spec's failure is attributed to it (Spec.Violates); else NOT RUN if a spec
// citing it did not run to the end; else NON-STRICT if any passed only under an
// interpretation; else PASS if any passed; else SKIPPED with the reasons. A
// requirement a failing spec cites but whose failure is attributed elsewhere
// is not decided by that spec (a reason says so); one a failure is attributed
// to without the spec citing it fails too. Sorted by id, numbers in
// ids compared as numbers (origin.2 before origin.10).
func Aggregate(specs []Spec) []RequirementResult {
	byID := map[string]*RequirementResult{}
	for _, s := range specs {
		ids := s.Requirements
		if s.Verdict == Fail {
			// A kit may attribute a failure to a requirement the spec does
			// not cite (framework.Session.ForKit): it is decided here too.
			for _, id := range s.Violated {
				if !slices.Contains(ids, id) {
					ids = append(slices.Clone(ids), id)
				}
			}
		}
		for _, id := range ids {
			rr := byID[id]
			if rr == nil {
				rr = newRequirement(id)
				byID[id] = rr
			}
			rr.Specs = append(rr.Specs, s.Text)
			v := s.Verdict
			switch {
			case v == Fail && !slices.Contains(s.Violates(), id):
				v = Skipped
				rr.Reasons = appendNew(rr.Reasons, fmt.Sprintf("not decided by %q: it failed on %s first", s.Text, strings.Join(s.Violates(), ", ")))
			case v == Fail:
				rr.Failed = append(rr.Failed, s.Text)
			case v == NonStrict:
				for _, i := range s.Interpretations {
					rr.Interpretations = appendNew(rr.Interpretations, i)
				}
			case v == Skipped, v == NotRun:
				rr.Reasons = appendNew(rr.Reasons, s.Reason)
			}
			rr.Verdict = worse(rr.Verdict, v)
		}
	}
	out := make([]RequirementResult, 0, len(byID))
	for _, rr := range byID {
		if rr.Verdict != Skipped && rr.Verdict != NotRun {
			rr.Reasons = nil
		}
		if rr.Verdict != NonStrict {
			rr.Interpretations = nil
		}
		out = append(out, *rr)
	}
	sort.Slice(out, func(i, j int) bool { return NaturalLess(out[i].ID, out[j].ID) })
	return out
}

// Violates returns the requirements the spec's failure is attributed to:
// those it named, else every requirement it cites.
func (s Spec) Violates() []string {
	if len(s.Violated) > 0 {
		return s.Violated
	}
	return s.Requirements
}

// NaturalLess orders strings with their digit runs compared as numbers:
// "security.origin.2" < "security.origin.10".
func NaturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digitPrefix(a), digitPrefix(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digitPrefix(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func newRequirement(id string) *RequirementResult {
	rr := &RequirementResult{ID: id, Namespace: strings.SplitN(id, ".", 2)[0]}
	if r, ok := requirements.Lookup(id); ok {
		rr.Quote, rr.Document, rr.Section = r.Quote, string(r.Document), r.Section
	}
	return rr
}

// rank orders verdicts from the one that decides least to the one that decides most.
var rank = map[Verdict]int{"": 0, Skipped: 1, Pass: 2, NonStrict: 3, NotRun: 4, Fail: 5}

// worse returns the verdict that decides when two specs (or two attempts) disagree.
func worse(a, b Verdict) Verdict {
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// Finish computes the summary, the overall verdict and the exit code: the run
// is INCOMPLETE (exit 4) when it stopped before every selected spec ran
// (r.Incomplete says why), whatever it found so far; otherwise it is
// non-conforming when a requirement FAILs without unexpired baseline entries
// accepting each of its failures, when a baseline entry has expired, or when a
// suite-level node (one citing no requirement) failed.
func (r *Result) Finish() {
	r.Schema = SchemaID
	r.Summary.Requirements, r.Summary.Specs = Counts{}, Counts{}
	for _, rr := range r.Requirements {
		r.Summary.Requirements.add(rr.Verdict)
	}
	failed := false
	for _, s := range r.Specs {
		r.Summary.Specs.add(s.Verdict)
		failed = failed || (s.Verdict == Fail && len(s.Requirements) == 0)
	}
	r.Summary.NotRun = r.Summary.Specs.NotRun
	for _, rr := range r.Requirements {
		failed = failed || (rr.Verdict == Fail && rr.Accepted == nil)
	}
	if r.Baseline != nil {
		failed = failed || len(r.Baseline.Expired) > 0 || len(r.Baseline.New) > 0
	}
	r.Summary.Flaky = len(r.Flaky)
	r.Interpretations = nil
	seen := map[string]bool{}
	for _, rr := range r.Requirements {
		for _, id := range rr.Interpretations {
			if in, ok := interp.Lookup(id); ok && !seen[id] {
				seen[id] = true
				r.Interpretations = append(r.Interpretations, in)
			}
		}
	}
	sort.Slice(r.Interpretations, func(i, j int) bool { return r.Interpretations[i].ID < r.Interpretations[j].ID })
	switch {
	case r.Incomplete != "":
		r.Verdict, r.ExitCode = Incomplete, ExitIncomplete
	case failed:
		r.Verdict, r.ExitCode = NonConforming, 1
	default:
		r.Verdict, r.ExitCode = Conforming, 0
	}
}
