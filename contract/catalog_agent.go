package contract

// agentMethods is the Agent namespace (001 and 000 "Agent namespace").
func agentMethods() []Method {
	return []Method{
		{Namespace: "agent", Name: "get", Result: "agent.Agent", ListedKeyword: true, Documents: both()},
		{Namespace: "agent", Name: "getState", Result: "media.State", ListedKeyword: true, Documents: both()},
		{Namespace: "agent", Name: "getStateList", Result: "media.State[]", ListedKeyword: true, Documents: both(),
			Differences: []Difference{{Between: both(),
				Text: `001 gives the result as "Array." (PDF damage); 000 gives Array.<media.State>.`}}},
		{Namespace: "agent", Name: "setState", ListedKeyword: true, ChangesState: true, Documents: withLibrary(both()),
			Params: []Param{{Name: "stateOperationName", Type: TypeString}},
			Differences: []Difference{{Interpretation: "INT-CAT-6", Between: withLibrary(both()),
				Text: "The parameter is the operationName of a media.State from agent.getStateList (the client library sends it as operationName), not its type or displayName."}}},
	}
}
