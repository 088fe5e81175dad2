package framework

import (
	"fmt"
	"slices"
	"strings"

	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/requirements"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
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
// requirement nobody checks); kits use ForKit.
func (s *Session) For(id string, body func()) {
	ginkgo.GinkgoHelper()
	if !s.Cites(id) {
		ginkgo.Fail(fmt.Sprintf("For(%q): the spec does not cite it (it cites %v)", id, s.spec.reqs))
	}
	s.attribute(id, body)
}

// ForKit is For for kits shared by specs citing different requirements,
// whose oracle knows which documented sentence a wrong answer breaks: a
// failure in body is attributed to id whether or not the spec cites it (the
// reports then list the spec under id too). An id that is not a registered
// requirement fails the spec.
func (s *Session) ForKit(id string, body func()) {
	ginkgo.GinkgoHelper()
	s.attribute(id, body)
}

func (s *Session) attribute(id string, body func()) {
	ginkgo.GinkgoHelper()
	if _, ok := requirements.Lookup(id); !ok {
		ginkgo.Fail(fmt.Sprintf("attributing to %q: not a requirement id (see contract/requirements)", id))
	}
	completed := false
	defer func() {
		// body did not complete: it failed (or skipped, which the reports
		// ignore). Only the innermost attribution names the requirement.
		if !completed && !attributed() {
			ginkgo.AddReportEntry(ViolatesEntry, id, ginkgo.ReportEntryVisibilityNever)
		}
	}()
	body()
	completed = true
}

// ExpectEventsInOrderFor is ExpectEventsInOrder with the requirement of each
// event (ids[i] for eventTypes[i], as ForKit; nil ids attribute nothing): a
// missing event, or one arriving before the one listed earlier, fails that
// event's requirement.
func (s *Session) ExpectEventsInOrderFor(c driver.Client, event string, eventTypes, ids []string) []*wire.Message {
	ginkgo.GinkgoHelper()
	rc := s.client(c)
	out := make([]*wire.Message, len(eventTypes))
	for i, et := range eventTypes {
		check := func() {
			out[i] = s.ExpectEvent(c, event, et)
			if i > 0 && rc.seq[out[i]] < rc.seq[out[i-1]] {
				ginkgo.Fail(fmt.Sprintf("event %s arrived before %s on %s; the documented order is %s",
					describeEvent(event, et), describeEvent(event, eventTypes[i-1]), rc.Origin(), strings.Join(eventTypes, " → ")))
			}
		}
		if i < len(ids) {
			s.ForKit(ids[i], check)
		} else {
			check()
		}
	}
	return out
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
