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

// Names of the report entries the spec framework and the runner add.
const (
	// EntryNonStrict: the spec passed only under a recorded interpretation;
	// the value is the interpretation id.
	EntryNonStrict = "non-strict"
	// EntryViolates: the requirement the spec's failure is attributed to
	// (framework.Session.For).
	EntryViolates = "violates"
	// EntryBrokenEnvelope: the envelope requirement a failed call showed
	// broken (an answer every vendor client drops); it decides the
	// attribution over any other.
	EntryBrokenEnvelope = "broken-envelope"
	// EntrySubject: the last request the spec sent before failing and the
	// client's origin ("agent.get as https://a.example"), part of the
	// failure's signature.
	EntrySubject = "subject"
)

// Stopped says which selected specs did not run to the end, and why.
type Stopped struct {
	// Selected holds the SpecKey of every spec the selection chose (nil:
	// every spec Ginkgo skipped without a message counts as not selected).
	Selected map[string]bool
	// Reason is why the run stopped early ("" when it did not).
	Reason string
}

// SpecKey identifies a spec within a run.
func SpecKey(sr types.SpecReport) string {
	return sr.LeafNodeLocation.String() + "\x00" + sr.FullText()
}

// suiteTimeout is the message Ginkgo fails the running spec with when the
// whole suite's timeout elapses: the spec was cut off, not failed.
const suiteTimeout = "A suite timeout occurred"

// FromGinkgo converts a Ginkgo report into spec outcomes. Specs the filters
// left out are only counted. Selected specs the run stopped before, or cut off
// while they ran (suite timeout, interrupt, abort), are NOT RUN with the reason.
// A failed suite-level node (BeforeSuite, …) becomes a FAIL spec citing no
// requirement, so that it fails the run.
func FromGinkgo(r types.Report, stop Stopped) (specs []Spec, notSelected int) {
	for _, sr := range r.SpecReports {
		if sr.LeafNodeType != types.NodeTypeIt {
			if sr.State.Is(types.SpecStateFailureStates) && !cutOff(sr) {
				specs = append(specs, Spec{Text: "[" + sr.LeafNodeType.String() + "] " + sr.LeafNodeText,
					Verdict: Fail, Failure: failure(sr), Location: sr.LeafNodeLocation.String(), Millis: sr.RunTime.Milliseconds()})
			}
			continue
		}
		if sr.State == types.SpecStateSkipped && sr.Failure.IsZero() {
			if stop.Selected[SpecKey(sr)] {
				s := specOf(sr)
				s.Verdict, s.Reason = NotRun, "not run: "+stop.Reason
				specs = append(specs, s)
			} else {
				notSelected++
			}
			continue
		}
		s := specOf(sr)
		if cutOff(sr) {
			s.Verdict, s.Failure = NotRun, nil
			s.Reason = "cut off while running: " + firstLine(sr.Failure.Message)
			if stop.Reason != "" {
				s.Reason = "cut off while running: " + stop.Reason
			}
		}
		specs = append(specs, s)
	}
	return specs, notSelected
}

// cutOff reports whether a spec ended because the run was stopped (an
// interrupt, an abort, the suite's timeout), not because of the target.
func cutOff(sr types.SpecReport) bool {
	switch sr.State {
	case types.SpecStateInterrupted, types.SpecStateAborted:
		return true
	case types.SpecStateTimedout:
		return strings.Contains(sr.Failure.Message, suiteTimeout)
	}
	return false
}

func specOf(sr types.SpecReport) Spec {
	s := Spec{Text: sr.FullText(), Labels: sr.Labels(), Location: relativeLocation(sr.LeafNodeLocation.String()),
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
		for _, e := range sr.ReportEntries {
			if e.Name == EntryViolates {
				s.Violated = appendNew(s.Violated, e.StringRepresentation())
			}
		}
		for _, e := range sr.ReportEntries {
			if e.Name == EntryBrokenEnvelope {
				// The call never reached what the spec checks.
				s.Violated = []string{e.StringRepresentation()}
			}
		}
	}
	return s
}

func failure(sr types.SpecReport) *Failure {
	f := &Failure{Message: sr.State.String() + ": " + sr.Failure.Message, Location: relativeLocation(sr.Failure.Location.String())}
	if sr.Failure.ForwardedPanic != "" {
		// Ginkgo's message is only "Test Panicked": the panic value says what happened.
		f.Message = sr.State.String() + ": " + sr.Failure.ForwardedPanic
	}
	subject := ""
	for _, e := range sr.ReportEntries {
		switch e.Name {
		case EntryNonStrict, EntryViolates, EntryBrokenEnvelope:
		case EntrySubject:
			subject = e.StringRepresentation()
		default:
			f.Attachments = append(f.Attachments, Attach{Name: e.Name, Value: e.StringRepresentation()})
		}
	}
	f.Signature = Signature(f.Message, subject)
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
