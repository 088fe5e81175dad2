package report

import (
	"strings"

	"github.com/onsi/ginkgo/v2/types"
)

// Label prefixes the spec framework puts on specs (apis.md F).
const (
	LabelRequirement = "req:"
	LabelNamespace   = "ns:"
)

// EntryNonStrict is the name of the report entry a spec adds when it passed
// only under a recorded interpretation; its value is the interpretation id.
const EntryNonStrict = "non-strict"

// FromGinkgo converts a Ginkgo report into spec outcomes. Specs the filters
// left out are only counted. A failed suite-level node (BeforeSuite, …) becomes
// a FAIL spec citing no requirement, so that it fails the run.
func FromGinkgo(r types.Report) (specs []Spec, notSelected int) {
	for _, sr := range r.SpecReports {
		if sr.LeafNodeType != types.NodeTypeIt {
			if sr.State.Is(types.SpecStateFailureStates) {
				specs = append(specs, Spec{Text: "[" + sr.LeafNodeType.String() + "] " + sr.LeafNodeText,
					Verdict: Fail, Failure: failure(sr), Location: sr.LeafNodeLocation.String(), Millis: sr.RunTime.Milliseconds()})
			}
			continue
		}
		if sr.State == types.SpecStateSkipped && sr.Failure.IsZero() {
			notSelected++
			continue
		}
		specs = append(specs, specOf(sr))
	}
	return specs, notSelected
}

func specOf(sr types.SpecReport) Spec {
	s := Spec{Text: sr.FullText(), Labels: sr.Labels(), Location: sr.LeafNodeLocation.String(),
		Millis: sr.RunTime.Milliseconds(), Requirements: []string{}}
	for _, l := range s.Labels {
		switch {
		case strings.HasPrefix(l, LabelRequirement):
			s.Requirements = append(s.Requirements, strings.TrimPrefix(l, LabelRequirement))
		case strings.HasPrefix(l, LabelNamespace):
			s.Namespace = strings.TrimPrefix(l, LabelNamespace)
		}
	}
	switch {
	case sr.State == types.SpecStatePassed:
		s.Verdict = Pass
		for _, e := range sr.ReportEntries {
			if e.Name == EntryNonStrict {
				s.Verdict = NonStrict
				s.Interpretations = appendNew(s.Interpretations, e.StringRepresentation())
			}
		}
	case sr.State == types.SpecStateSkipped:
		s.Verdict, s.Reason = Skipped, sr.Failure.Message
	case sr.State == types.SpecStatePending:
		s.Verdict, s.Reason = Skipped, "pending: the spec is not written yet"
	default:
		s.Verdict, s.Failure = Fail, failure(sr)
	}
	return s
}

func failure(sr types.SpecReport) *Failure {
	f := &Failure{Message: sr.State.String() + ": " + sr.Failure.Message, Location: sr.Failure.Location.String()}
	if sr.Failure.ForwardedPanic != "" {
		// Ginkgo's message is only "Test Panicked": the panic value says what happened.
		f.Message = sr.State.String() + ": " + sr.Failure.ForwardedPanic
	}
	for _, e := range sr.ReportEntries {
		if e.Name != EntryNonStrict {
			f.Attachments = append(f.Attachments, Attach{Name: e.Name, Value: e.StringRepresentation()})
		}
	}
	if out := strings.TrimSpace(sr.CapturedGinkgoWriterOutput); out != "" {
		f.Attachments = append(f.Attachments, Attach{Name: "log", Value: out})
	}
	return f
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
