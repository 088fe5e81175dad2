package contract

// systemMethods is the System namespace (001; 000 documents
// getAllowedServices, triggerActivity and the toast methods).
func systemMethods() []Method {
	frame := func(name string) Method {
		return Method{Namespace: "system", Name: name, Result: "boolean"}
	}
	return []Method{
		{Namespace: "system", Name: "amIVisible", Result: "boolean",
			Differences: []Difference{{Between: []Document{DocReference},
				Text: `The contents and headings spell it "amlVisible" (PDF damage); the sample request and response use system.amIVisible.`}}},
		{Namespace: "system", Name: "closeDialog", Result: "boolean", ChangesState: true,
			Params: []Param{{Name: "dialogId", Type: TypeString}}, Needs: []string{NeedDialog}},
		{Namespace: "system", Name: "closeToast", Result: "boolean", ChangesState: true, Documents: both(),
			Params: []Param{{Name: "id", Type: TypeString}}, Needs: []string{NeedToast}},
		{Namespace: "system", Name: "closeViewInApplicationMenuBar", Result: "boolean", ChangesState: true,
			Params: []Param{{Name: "name", Type: TypeString}}, Needs: []string{NeedMenuView},
			Differences: []Difference{{Interpretation: "INT-CAT-12", Between: []Document{DocReference},
				Text: `The signature names the parameter "parameters"; the table gives "name string" and the sample passes "view1".`}}},
		{Namespace: "system", Name: "getAllowedServices", Result: "string[]", Documents: both(),
			Differences: []Difference{{Between: both(),
				Text: `001 gives the result as "Array." (PDF damage); 000 gives Array.<string>.`}}},
		frame("isFrameLeading"),
		frame("isFrameFollowing"),
		frame("isFrameNegotiating"),
		frame("isFrameLeadingOrNegotiating"),
		frame("isLastActiveFrame"),
		{Namespace: "system", Name: "openDialog", Result: "null|string", ChangesState: true,
			Params: []Param{{Name: "url", Type: TypeString, Optional: true}, {Name: "options", Type: TypeObject, Schema: "system.DialogOptions"}},
			Differences: []Difference{{Interpretation: "INT-CAT-21", Between: []Document{DocReference},
				Text: `Returns "The dialog identifier or null if the url parameter is not defined": url may be left undefined (null on the wire).`}}},
		{Namespace: "system", Name: "popupToast", Result: "string", ChangesState: true, Documents: both(),
			Params: []Param{{Name: "parameters", Type: TypeObject, Schema: "system.ToastParameters"}},
			Differences: []Difference{{Interpretation: "INT-SCHEMA-6", Between: both(),
				Text: "000 types keyValues as string and autoCloseTimeout and sendToMyMessage as object; their descriptions (a JSON object, milliseconds, \"if set to true\") and 001 give object, number and boolean. 001 adds width."}}},
		{Namespace: "system", Name: "triggerActivity", ChangesState: true, Documents: both()},
		{Namespace: "system", Name: "updateViewInApplicationMenuBar", Result: "string", ChangesState: true,
			Params: []Param{{Name: "parameters", Type: TypeObject, Schema: "system.ApplicationMenuView"}},
			Differences: []Difference{{Interpretation: "INT-CAT-13", Between: []Document{DocReference},
				Text: "The parameter table lists name, iconUrl, label, shortLabel, tooltip, labelColor and backgroundColor as parameters; the signature and the sample pass them as one object."}}},
		{Namespace: "system", Name: "updateToast", Result: "boolean", ChangesState: true, Documents: both(),
			Params: []Param{{Name: "id", Type: TypeString}, {Name: "parameters", Type: TypeObject, Schema: "system.ToastUpdateParameters"}},
			Needs:  []string{NeedToast},
			Differences: []Difference{{Interpretation: "INT-SCHEMA-7", Between: both(),
				Text: "000 names the button properties of updateToast buttonArray and buttonStyle, where popupToast (and 001) use buttons and buttonShowDismiss."}}},
	}
}
