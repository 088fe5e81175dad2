package contract

// mediaMethods is the Media namespace (001 and 000).
func mediaMethods() []Method {
	return []Method{
		{Namespace: "media", Name: "getMediaList", Result: "media.Media[]", ListedKeyword: true, Documents: both()},
		{Namespace: "media", Name: "getMediaByName", Result: "media.Media", Documents: both(),
			Params: []Param{{Name: "name", Type: TypeString}},
			Differences: []Difference{{Interpretation: "INT-CAT-17", Between: both(),
				Text: `Neither document gives a Returns row; the description is "Get the media attributes."`}}},
		{Namespace: "media", Name: "setState", ListedKeyword: true, ChangesState: true, Documents: both(),
			Params: []Param{{Name: "name", Type: TypeString}, {Name: "stateOperationName", Type: TypeString}},
			Differences: []Difference{{Interpretation: "INT-CAT-6", Between: both(),
				Text: "The second parameter is the operationName of a media.State."}}},
	}
}
