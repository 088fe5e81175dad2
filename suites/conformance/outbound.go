package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
)

// nsOutboundCall receives a pull preview record and calls it; it returns the
// call's interaction id (an outbound interaction with an active call) and the
// record handle.
func nsOutboundCall(s *framework.Session, c driver.Client) (string, float64) {
	GinkgoHelper()
	s.Stimulate(control.StimPreviewRecord, map[string]any{"mode": "pull"})
	preview := s.InteractionEvent(c, "ADDED", "")
	handle := nsRecordHandle(preview)
	s.OK(c, "outbound.callPreviewRecord", framework.InteractionID(preview), handle)
	return framework.InteractionID(s.InteractionEvent(c, "DIALING", "")), handle
}

// nsCallResults returns getListOfCallResults' map of name to number.
func nsCallResults(s *framework.Session, c driver.Client) map[string]any {
	GinkgoHelper()
	results, ok := s.OK(c, "outbound.getListOfCallResults").(map[string]any)
	Expect(ok).To(BeTrue(), "the list of call results is an object of name: number, as in the sample response")
	Expect(results).NotTo(BeEmpty())
	return results
}

var _ = Describe("Outbound namespace", func() {
	framework.ConformanceIt("getListOfCallResults answers call result names with distinct numbers",
		framework.Reqs{"outbound.getListOfCallResults.1"}, func(s *framework.Session) {
			seen := map[float64]string{}
			for name, v := range nsCallResults(s, s.Agent()) {
				n, ok := v.(float64)
				Expect(ok).To(BeTrue(), "call result %s is not a number: %v", name, v)
				Expect(seen).NotTo(HaveKey(n), "%s and %s share the number %v", name, seen[n], n)
				seen[n] = name
			}
		})

	framework.ConformanceIt("setCallResult sets what getCallResult then answers",
		framework.Reqs{"outbound.setCallResult.1", "outbound.getCallResult.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id, _ := nsOutboundCall(s, c)
			for _, name := range []string{"BUSY", "NO_ANSWER"} {
				n, ok := nsCallResults(s, c)[name]
				if !ok {
					Skip("the call results list has no " + name)
				}
				s.OK(c, "outbound.setCallResult", id, n)
				Expect(s.OK(c, "outbound.getCallResult", id)).To(Equal(n), "Get the call result already set in an outbound record")
			}
		}, framework.Needs(control.StimPreviewRecord))

	framework.ConformanceIt("Do Not Call blocks setCallResult until removed",
		framework.Reqs{"outbound.setDoNotCall.1", "outbound.removeDoNotCall.1", "outbound.setCallResult.2"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id, _ := nsOutboundCall(s, c)
			results := nsCallResults(s, c)
			s.OK(c, "outbound.setCallResult", id, results["OK"])
			s.For("outbound.setDoNotCall.1", func() { s.OK(c, "outbound.setDoNotCall", id) })
			s.For("outbound.setCallResult.2", func() {
				refused := s.Refused(c, "outbound.setCallResult", id, results["BUSY"])
				Expect(s.OK(c, "outbound.getCallResult", id)).To(Equal(results["OK"]), `"Do Not Call" must not be set for the interaction, yet the call result changed`)
				s.Holds("INT-NS-11", refused)
			})
			s.For("outbound.removeDoNotCall.1", func() {
				s.OK(c, "outbound.removeDoNotCall", id)
				s.OK(c, "outbound.setCallResult", id, results["BUSY"])
				Expect(s.OK(c, "outbound.getCallResult", id)).To(Equal(results["BUSY"]), `setCallResult after removeDoNotCall`)
			})
		}, framework.Needs(control.StimPreviewRecord))

	framework.ConformanceIt("rescheduleRecord takes the documented date and callback type; cancelReschedule removes it",
		framework.Reqs{"outbound.rescheduleRecord.1", "outbound.rescheduleRecord.2", "outbound.cancelReschedule.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id, handle := nsOutboundCall(s, c)
			// The documented formats (MM/DD/YYYY HH:MM, CAMPAIGN or PERSONAL)
			// are rescheduleRecord.2.
			s.For("outbound.rescheduleRecord.2", func() {
				s.OK(c, "outbound.rescheduleRecord", id, handle, "05/27/2021 10:55", "PERSONAL")
				s.OK(c, "outbound.rescheduleRecord", id, handle, "05/27/2021 11:30", "CAMPAIGN")
			})
			s.For("outbound.cancelReschedule.1", func() { s.OK(c, "outbound.cancelReschedule", id) })
		}, framework.Needs(control.StimPreviewRecord))

	framework.ConformanceIt("rescheduleRecord refuses a date or callback type outside the documented formats",
		framework.Reqs{"outbound.rescheduleRecord.2"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id, handle := nsOutboundCall(s, c)
			for _, bad := range [][2]string{{"2021-05-27T10:55", "PERSONAL"}, {"27/13/2021 10:55", "PERSONAL"}, {"27/05/2021 10:55", "PERSONAL"}, {"05/27/2021 10:55", "SOMETIME"}} {
				By(bad[0] + " " + bad[1])
				s.Holds("INT-NS-12", s.Refused(c, "outbound.rescheduleRecord", id, handle, bad[0], bad[1]))
			}
		}, framework.Needs(control.StimPreviewRecord))

	framework.ConformanceIt("getRecordFields answers outbound.Field objects; updateRecordFields changes an editable one",
		framework.Reqs{"outbound.getRecordFields.1", "outbound.updateRecordFields.1", "outbound.type.Field.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id, _ := nsOutboundCall(s, c)
			field := nsField(s, c, id, func(f map[string]any) bool { return f["isEditable"] == true && f["fieldType"] == "var-char" })
			s.OK(c, "outbound.updateRecordFields", id, map[string]any{field["name"].(string): "Updated by SCAPI"})
			Expect(nsFieldNamed(s, c, id, field["name"])).To(HaveKeyWithValue("value", "Updated by SCAPI"), "value: The current value of the field.")
		}, framework.Needs(control.StimPreviewRecord))

	framework.ConformanceIt("updateRecordFields fails on a non-editable field, an empty mandatory one or a value of the wrong type",
		framework.Reqs{"outbound.updateRecordFields.2", "outbound.updateRecordFields.3", "outbound.updateRecordFields.4"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id, _ := nsOutboundCall(s, c)
			fixed := nsField(s, c, id, func(f map[string]any) bool { return f["isEditable"] == false })
			s.For("outbound.updateRecordFields.3", func() {
				s.MustRefuse(c, "outbound.updateRecordFields", id, map[string]any{fixed["name"].(string): "x"})
			})
			mandatory := nsField(s, c, id, func(f map[string]any) bool { return f["isMandatory"] == true && f["isEditable"] == true })
			s.For("outbound.updateRecordFields.4", func() {
				s.MustRefuse(c, "outbound.updateRecordFields", id, map[string]any{mandatory["name"].(string): ""})
			})
			number := nsField(s, c, id, func(f map[string]any) bool { return f["isEditable"] == true && f["valueType"] == "number" })
			s.For("outbound.updateRecordFields.2", func() {
				s.MustRefuse(c, "outbound.updateRecordFields", id, map[string]any{number["name"].(string): "not a number"})
			})
			s.For("outbound.updateRecordFields.3", func() {
				Expect(nsFieldNamed(s, c, id, fixed["name"])).To(Equal(fixed), "a refused update changed a field")
			})
		}, framework.Needs(control.StimPreviewRecord))

	framework.ConformanceIt("getChainedRecords answers the records of the interaction's chain, as RECORDS_RETRIEVED carries them",
		framework.Reqs{"outbound.getChainedRecords.1", "outbound.records.1"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			id, _ := nsOutboundCall(s, c)
			s.Stimulate(control.StimRecordsRetrieved, map[string]any{"interactionId": id})
			it := framework.InteractionOf(s.Event(c, "interaction", "RECORDS_RETRIEVED"))
			chained, _ := it["chainedRecords"].([]any)
			s.Holds("INT-EVENT-12", len(chained) > 0)
			records := s.OK(c, "outbound.getChainedRecords", framework.InteractionID(it))
			for _, r := range chained {
				Expect(framework.JSONText(records)).To(ContainSubstring(framework.JSONText(r)), "a record of the chain is missing from getChainedRecords")
			}
		}, framework.Needs(control.StimPreviewRecord, control.StimRecordsRetrieved))

	framework.ConformanceIt("startDirectPushPreview and stopDirectPushPreview are accepted",
		framework.Reqs{"outbound.startDirectPushPreview.1", "outbound.stopDirectPushPreview.1"}, func(s *framework.Session) {
			c := s.Agent()
			s.OK(c, "outbound.startDirectPushPreview")
			s.OK(c, "outbound.stopDirectPushPreview")
		})

	framework.ConformanceIt("outbound methods on an interaction that does not exist fail",
		framework.Reqs{"interaction.unknownId.1"}, func(s *framework.Session) {
			c := s.Agent()
			for _, call := range []struct {
				name string
				rest []any
			}{
				{"outbound.callPreviewRecord", []any{283}},
				{"outbound.setCallResult", []any{6}},
				{"outbound.getCallResult", nil},
				{"outbound.setDoNotCall", nil},
				{"outbound.removeDoNotCall", nil},
				{"outbound.rescheduleRecord", []any{257, "05/27/2021 10:55", "PERSONAL"}},
				{"outbound.cancelReschedule", nil},
				{"outbound.getChainedRecords", nil},
				{"outbound.getRecordFields", nil},
				{"outbound.updateRecordFields", []any{map[string]any{"GSW_PHONE_TYPE": 9}}},
			} {
				By(call.name)
				s.UnknownInteraction(c, call.name, call.rest...)
			}
		})
})

// nsField returns the first record field that satisfies pick, skipping the
// spec when the record has none.
func nsField(s *framework.Session, c driver.Client, id string, pick func(map[string]any) bool) map[string]any {
	GinkgoHelper()
	f := nsFindField(s, c, id, pick)
	if f == nil {
		Skip("the record has no field of the kind this spec needs")
	}
	return f
}

// nsFieldNamed returns the record field of that name, failing the spec when
// the record no longer lists it (a field read before must still be there).
func nsFieldNamed(s *framework.Session, c driver.Client, id string, name any) map[string]any {
	GinkgoHelper()
	f := nsFindField(s, c, id, func(f map[string]any) bool { return f["name"] == name })
	Expect(f).NotTo(BeNil(), "getRecordFields no longer lists the field %v", name)
	return f
}

// nsFindField returns the first field getRecordFields answers that satisfies
// pick (nil: none).
func nsFindField(s *framework.Session, c driver.Client, id string, pick func(map[string]any) bool) map[string]any {
	GinkgoHelper()
	fields, _ := s.OK(c, "outbound.getRecordFields", id).([]any)
	for _, v := range fields {
		if f, ok := v.(map[string]any); ok && pick(f) {
			return f
		}
	}
	return nil
}
