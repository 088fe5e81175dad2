package report

import "fmt"

// Merge combines repeated runs of the same selection (--repeat N): each spec
// keeps the verdict of every attempt, decides by its worst attempt (a spec that
// failed once fails), and is listed in Flaky when its attempts differ. Target
// and provenance come from the first run; the duration is the sum; the merge is
// incomplete when a run was. Requirement
// verdicts are aggregated again; call Finish (after a baseline) on the merge.
func Merge(runs []*Result) *Result {
	if len(runs) == 0 {
		return &Result{Schema: SchemaID}
	}
	out := &Result{Schema: SchemaID, Target: runs[0].Target, Provenance: runs[0].Provenance}
	out.Provenance.Repeat = len(runs)
	out.Provenance.DurationMillis = 0
	index := map[string]int{}
	for n, run := range runs {
		out.Provenance.DurationMillis += run.Provenance.DurationMillis
		out.Summary.NotSelected = run.Summary.NotSelected
		if run.Incomplete != "" && out.Incomplete == "" {
			out.Incomplete = fmt.Sprintf("run %d/%d: %s", n+1, len(runs), run.Incomplete)
		}
		for _, s := range run.Specs {
			key := s.Location + "\x00" + s.Text
			i, seen := index[key]
			if !seen {
				i = len(out.Specs)
				index[key] = i
				first := s
				first.Attempts = make([]Verdict, n, len(runs)) // absent from earlier runs: ""
				out.Specs = append(out.Specs, first)
			}
			m := &out.Specs[i]
			m.Attempts = append(m.Attempts, s.Verdict)
			if rank[s.Verdict] > rank[m.Verdict] {
				m.Verdict, m.Failure, m.Reason, m.Interpretations, m.Violated = s.Verdict, s.Failure, s.Reason, s.Interpretations, s.Violated
			}
		}
	}
	for i := range out.Specs {
		s := &out.Specs[i]
		for len(s.Attempts) < len(runs) {
			s.Attempts = append(s.Attempts, "")
		}
		for _, a := range s.Attempts[1:] {
			if a != s.Attempts[0] {
				out.Flaky = append(out.Flaky, *s)
				break
			}
		}
	}
	out.Requirements = Aggregate(out.Specs)
	return out
}
