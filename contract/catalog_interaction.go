package contract

import "scapi-conformance/contract/control"

// interactionMethods is the Interaction namespace (001; 000 documents the
// user-data, case and mark-done methods).
func interactionMethods() []Method {
	call := []string{control.StimInboundCall}
	established := []string{control.StimInboundCall, NeedEstablished}
	consulted := []string{control.StimInboundCall, NeedEstablished, NeedConsultation}
	target := Param{Name: "targetQuery", Type: TypeObjectOrString, Schema: "interaction.TargetQuery"}
	transferParams := func() []Param {
		return []Param{pInteractionID, target, pUserDataOrUndefined, pExtensionOrUndefined}
	}
	targetKey := func(doc string) Difference {
		return Difference{Interpretation: "INT-CAT-5", Between: withLibrary([]Document{DocReference}),
			Text: "The targetQuery object names the target type " + doc + "; the vendor sample application uses type."}
	}
	return []Method{
		{Namespace: "interaction", Name: "completeConference", ListedKeyword: true, ChangesState: true,
			Params: []Param{{Name: "consultInteractionId", Type: TypeString}}, Needs: consulted,
			Differences: []Difference{keywordArgs()}},
		{Namespace: "interaction", Name: "completeTransfer", ListedKeyword: true, ChangesState: true,
			Params: []Param{{Name: "consultInteractionId", Type: TypeString}}, Needs: consulted,
			Differences: []Difference{keywordArgs()}},
		{Namespace: "interaction", Name: "consult", ListedKeyword: true, ChangesState: true,
			Params: transferParams(), Needs: established,
			Differences: []Difference{keywordArgs(), undefinedObjects(), targetKey("target in consult, type in singleStepTransfer and singleStepConference")}},
		{Namespace: "interaction", Name: "deleteUserData", ListedKeyword: true, ChangesState: true, Documents: both(),
			Params: []Param{pInteractionID, {Name: "key", Type: TypeString}}, Needs: call},
		{Namespace: "interaction", Name: "getByInteractionId", ListedKeyword: true, Documents: both(),
			Params: []Param{pInteractionID}, Result: "null|interaction.Interaction", Needs: call},
		{Namespace: "interaction", Name: "getInteractions", ListedKeyword: true, Documents: both(),
			Result: "interaction.Interaction[]",
			Differences: []Difference{{Between: both(),
				Text: `001 gives the result as "Array." (PDF damage); 000 gives Array.<interaction.Interaction>.`}}},
		{Namespace: "interaction", Name: "selectCaseByCaseId", ListedKeyword: true, ChangesState: true, Documents: both(),
			Params: []Param{{Name: "caseId", Type: TypeString}}, Needs: call},
		{Namespace: "interaction", Name: "setUserData", ListedKeyword: true, ChangesState: true, Documents: both(),
			Params: []Param{pInteractionID, {Name: "keyValues", Type: TypeObject, Schema: "interaction.UserData"}}, Needs: call},
		{Namespace: "interaction", Name: "markdone", ChangesState: true, Documents: both(),
			Params: []Param{pInteractionID}, Needs: call},
		{Namespace: "interaction", Name: "blockMarkdone", ChangesState: true, Documents: both(),
			Params: []Param{pInteractionID, {Name: "warningMessage", Type: TypeString}}, Needs: call},
		{Namespace: "interaction", Name: "singleStepConference", ListedKeyword: true, ChangesState: true,
			Params: transferParams(), Needs: established,
			Differences: []Difference{keywordArgs(), undefinedObjects(), targetKey("type here, target in consult")}},
		{Namespace: "interaction", Name: "singleStepTransfer", ListedKeyword: true, ChangesState: true,
			Params: transferParams(), Needs: established,
			Differences: []Difference{keywordArgs(), undefinedObjects(), targetKey("type here, target in consult")}},
		{Namespace: "interaction", Name: "unblockMarkdone", ChangesState: true, Documents: both(),
			Params: []Param{pInteractionID}, Needs: call,
			Differences: []Difference{{Interpretation: "INT-CAT-8", Between: both(),
				Text: "000 lists unblockMarkdone in its method list but titles the section and signature unlockMarkdone (\"Unlock the mark done operation\")."}}},
		{Namespace: "interaction", Name: "accept", ChangesState: true, Params: []Param{pInteractionID}, Needs: call},
		{Namespace: "interaction", Name: "reject", ChangesState: true, Params: []Param{pInteractionID}, Needs: call},
	}
}

// keywordArgs records that 001 writes some allow-list keywords with the
// method's argument list.
func keywordArgs() Difference {
	return Difference{Interpretation: "INT-CAT-9", Between: []Document{DocReference},
		Text: "001 lists the allow-list keyword with the argument list, for example interaction.consult(interactionId, targetQuery, userData, extensions, succeeded, failed)."}
}
