package framework

import (
	"fmt"
	"slices"

	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/requirements"
)

// ViolatesEntry is the name of the report entry that attributes a spec's
// failure to the requirement it violates; its value is the requirement id.
// A failing spec without it violates every requirement it cites (which one
// broke cannot be known).
const ViolatesEntry = "violates"

// For runs body as the check of requirement id, one of those the spec cites:
// a failure inside body (an expectation, a call that gets no reply, a strict
// deviation) is attributed to id alone, so the reports fail id and not the
// spec's other requirements. For calls nest: the innermost one decides. An id
// the spec does not cite fails the spec (a typo must not move a failure to a
// requirement nobody checks); kits shared by several specs ask Cites first.
func (s *Session) For(id string, body func()) {
	ginkgo.GinkgoHelper()
	if _, ok := requirements.Lookup(id); !ok {
		ginkgo.Fail(fmt.Sprintf("For(%q): not a requirement id (see contract/requirements)", id))
	}
	if !s.Cites(id) {
		ginkgo.Fail(fmt.Sprintf("For(%q): the spec does not cite it (it cites %v)", id, s.spec.reqs))
	}
	completed := false
	defer func() {
		// body did not complete: it failed (or skipped, which the reports
		// ignore). Only the innermost For names the requirement.
		if !completed && !attributed() {
			ginkgo.AddReportEntry(ViolatesEntry, id, ginkgo.ReportEntryVisibilityNever)
		}
	}()
	body()
	completed = true
}

// ForCited is For for kits shared by specs citing different requirements:
// when the spec does not cite id, body runs and a failure in it stays
// unattributed (it violates every requirement the spec cites).
func (s *Session) ForCited(id string, body func()) {
	ginkgo.GinkgoHelper()
	if !s.Cites(id) {
		body()
		return
	}
	s.For(id, body)
}

// Cites reports whether the spec cites requirement id.
func (s *Session) Cites(id string) bool { return slices.Contains(s.spec.reqs, id) }

// attributed reports whether the current spec's failure is already attributed.
func attributed() bool {
	for _, e := range ginkgo.CurrentSpecReport().ReportEntries {
		if e.Name == ViolatesEntry {
			return true
		}
	}
	return false
}
