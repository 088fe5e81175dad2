package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
	"scapi-conformance/suites/matchers"
)

var _ = Describe("Interaction namespace > case selection", func() {
	framework.ConformanceIt("selectCaseByCaseId selects the case: CASE_SELECTED, then isCaseSelected on its interactions only",
		framework.Reqs{"interaction.selectCaseByCaseId.1", "interaction.selectCaseByCaseId.2", "events.interaction.CASE_SELECTED.1"},
		func(s *framework.Session) {
			c := s.Agent("interaction")
			first := s.Talking(c)
			second := s.Talking(c)
			caseOf := func(id string) string {
				cid, _ := s.GetInteraction(c, id)["caseId"].(string)
				Expect(cid).NotTo(BeEmpty(), "caseId: This identifier targets the case that this interaction is part of.")
				return cid
			}
			a, b := caseOf(first), caseOf(second)
			Expect(a).NotTo(Equal(b), "two unrelated calls share a case")
			for _, pick := range []struct{ id, caseID, other string }{{first, a, second}, {second, b, first}} {
				By("selectCaseByCaseId(" + pick.caseID + ")")
				s.OK(c, "interaction.selectCaseByCaseId", pick.caseID)
				s.For("events.interaction.CASE_SELECTED.1", func() {
					ev := s.Event(c, "interaction", "CASE_SELECTED")
					s.Holds("INT-EVENT-4", ev["selectedCaseId"] == pick.caseID)
				})
				nsCaseViewEvents(s, c)
				s.For("interaction.selectCaseByCaseId.2", func() {
					Expect(s.GetInteraction(c, pick.id)).To(HaveKeyWithValue("isCaseSelected", true), "isCaseSelected: Is true if the case containing this interaction is selected")
					Expect(s.GetInteraction(c, pick.other)).To(HaveKeyWithValue("isCaseSelected", false), "otherwise is false")
				})
			}
		})

	framework.ConformanceIt("a case id change gives CASE_ID_CHANGED with the new and previous case ids",
		framework.Reqs{"events.interaction.CASE_ID_CHANGED.1", "events.interaction.CASE_ID_CHANGED.2"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id := s.Talking(c)
			previous := s.GetInteraction(c, id)["caseId"]
			s.Stimulate(control.StimCaseIDChange, map[string]any{"interactionId": id, "caseId": "e6470563-af78-4942-657d-976a25dd9de3"})
			ev := s.Event(c, "interaction", "CASE_ID_CHANGED")
			Expect(ev).To(HaveKeyWithValue("caseId", "e6470563-af78-4942-657d-976a25dd9de3"))
			Expect(ev).To(HaveKeyWithValue("previousCaseId", previous))
			Expect(s.GetInteraction(c, id)).To(HaveKeyWithValue("caseId", "e6470563-af78-4942-657d-976a25dd9de3"), "the interaction's caseId after CASE_ID_CHANGED")
		}, framework.Needs(control.StimInboundCall, control.StimCaseIDChange))
})

// nsCaseViewEvents checks the CASE_COLLAPSED / CASE_EXPANDED events that may
// accompany a selection (INT-EVENT-4): each valid and naming a case.
func nsCaseViewEvents(s *framework.Session, c driver.Client) {
	GinkgoHelper()
	for _, m := range s.Drain(c) {
		if et, _ := matchers.EventType(m); et == "CASE_COLLAPSED" || et == "CASE_EXPANDED" {
			ev := s.EventData(m, "interaction", et)
			Expect(ev["selectedCaseId"]).To(BeAssignableToTypeOf(""), "%s names the case in selectedCaseId", et)
		}
	}
}
