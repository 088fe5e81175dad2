package report

import (
	"sort"
	"strings"

	"scapi-conformance/contract/interp"
	"scapi-conformance/contract/requirements"
)

// Aggregate decides each cited requirement from the specs citing it: FAIL if
// any failed; else NON-STRICT if any passed only under an interpretation; else
// PASS if any passed; else SKIPPED with the reasons. Sorted by id.
func Aggregate(specs []Spec) []RequirementResult {
	byID := map[string]*RequirementResult{}
	for _, s := range specs {
		for _, id := range s.Requirements {
			rr := byID[id]
			if rr == nil {
				rr = newRequirement(id)
				byID[id] = rr
			}
			rr.Specs = append(rr.Specs, s.Text)
			switch s.Verdict {
			case Fail:
				rr.Failed = append(rr.Failed, s.Text)
			case NonStrict:
				for _, i := range s.Interpretations {
					rr.Interpretations = appendNew(rr.Interpretations, i)
				}
			case Skipped:
				rr.Reasons = appendNew(rr.Reasons, s.Reason)
			}
			rr.Verdict = worse(rr.Verdict, s.Verdict)
		}
	}
	out := make([]RequirementResult, 0, len(byID))
	for _, rr := range byID {
		if rr.Verdict != Skipped {
			rr.Reasons = nil
		}
		if rr.Verdict != NonStrict {
			rr.Interpretations = nil
		}
		out = append(out, *rr)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func newRequirement(id string) *RequirementResult {
	rr := &RequirementResult{ID: id, Namespace: strings.SplitN(id, ".", 2)[0]}
	if r, ok := requirements.Lookup(id); ok {
		rr.Quote, rr.Document, rr.Section = r.Quote, string(r.Document), r.Section
	}
	return rr
}

// rank orders verdicts from the one that decides least to the one that decides most.
var rank = map[Verdict]int{"": 0, Skipped: 1, Pass: 2, NonStrict: 3, Fail: 4}

// worse returns the verdict that decides when two specs (or two attempts) disagree.
func worse(a, b Verdict) Verdict {
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// Finish computes the summary, the overall verdict and the exit code: the run
// is non-conforming when a requirement FAILs without an unexpired baseline
// entry accepting it, when a baseline entry has expired, or when a suite-level
// node (one citing no requirement) failed.
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
	for _, rr := range r.Requirements {
		failed = failed || (rr.Verdict == Fail && rr.Accepted == nil)
	}
	if r.Baseline != nil {
		failed = failed || len(r.Baseline.Expired) > 0
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
	r.Verdict, r.ExitCode = Conforming, 0
	if failed {
		r.Verdict, r.ExitCode = NonConforming, 1
	}
}
