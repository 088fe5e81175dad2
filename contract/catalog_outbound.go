package contract

import "scapi-conformance/contract/control"

// outboundMethods is the Outbound namespace (001 only).
func outboundMethods() []Method {
	record := []string{control.StimPreviewRecord}
	campaign := []string{control.StimCampaign}
	recordHandle := Param{Name: "recordHandle", Type: TypeNumber}
	onRecord := func(name string, changes bool, result string, extra ...Param) Method {
		return Method{Namespace: "outbound", Name: name, ChangesState: changes, Result: result,
			Params: append([]Param{pInteractionID}, extra...), Needs: record}
	}
	previewDecision := func(name string) Method {
		return Method{Namespace: "outbound", Name: name, ChangesState: true, Documents: withLibrary([]Document{DocReference}),
			Params: []Param{{Name: "interactionId", Type: TypeString, Optional: true}}, Needs: record,
			Differences: []Difference{{Interpretation: "INT-CAT-4", Between: withLibrary([]Document{DocReference}),
				Text: name + "(succeeded, failed) takes no parameter in 001; the vendor client library sends an interactionId."}}}
	}
	sampleResult := Difference{Interpretation: "INT-CAT-18", Between: []Document{DocReference},
		Text: "No Returns row; the result type is taken from the sample response."}
	setCallResult := onRecord("setCallResult", true, "", Param{Name: "callResult", Type: TypeNumberOrString, Schema: "outbound.CallResult"})
	setCallResult.Differences = []Difference{{Interpretation: "INT-CAT-16", Between: []Document{DocReference},
		Text: `callResult is typed "string" but "must be a number"; getCallResult's sample returns the number 6.`}}
	getCallResult := onRecord("getCallResult", false, "outbound.CallResult")
	getCallResult.Differences = []Difference{sampleResult}
	getChained := onRecord("getChainedRecords", false, "outbound.ChainedRecords[]")
	getChained.Differences = []Difference{sampleResult,
		{Interpretation: "INT-SCHEMA-8", Between: []Document{DocReference},
			Text: "The sample response's records are not JSON: unquoted keys, no commas, keys repeated (two records merged into one object)."}}
	reschedule := onRecord("rescheduleRecord", true, "", recordHandle,
		Param{Name: "rescheduleDate", Type: TypeString, Schema: "outbound.RescheduleDate"},
		Param{Name: "callbackType", Type: TypeString, Schema: "outbound.CallbackType"})
	update := onRecord("updateRecordFields", true, "",
		Param{Name: "recordData", Type: TypeObject, Schema: "outbound.RecordData"})
	update.Differences = []Difference{{Interpretation: "INT-CAT-15", Between: []Document{DocReference},
		Text: `recordData is typed "string" but "must be an object containing the field names as properties".`}}
	return []Method{
		{Namespace: "outbound", Name: "getCampaigns", Needs: campaign},
		{Namespace: "outbound", Name: "getPreviewRecord", ChangesState: true,
			Params: []Param{{Name: "campaignName", Type: TypeString}}, Needs: campaign},
		onRecord("callPreviewRecord", true, "", recordHandle),
		previewDecision("rejectPreviewRecord"),
		previewDecision("cancelPreviewRecord"),
		{Namespace: "outbound", Name: "startDirectPushPreview", ChangesState: true, Needs: campaign},
		{Namespace: "outbound", Name: "stopDirectPushPreview", ChangesState: true, Needs: campaign},
		{Namespace: "outbound", Name: "getListOfCallResults", Result: "outbound.CallResults",
			Differences: []Difference{sampleResult}},
		setCallResult,
		getCallResult,
		onRecord("setDoNotCall", true, ""),
		onRecord("removeDoNotCall", true, ""),
		reschedule,
		onRecord("cancelReschedule", true, ""),
		getChained,
		onRecord("getRecordFields", false, "outbound.Field[]"),
		update,
	}
}
