package contract

// emailMethods is the Email namespace (001 and 000).
func emailMethods() []Method {
	return []Method{
		{Namespace: "email", Name: "create", ListedKeyword: true, ChangesState: true, Documents: both(),
			Params: []Param{{Name: "destination", Type: TypeString}, {Name: "userData", Type: TypeObject, Optional: true, Schema: "interaction.UserData"}},
			Differences: []Difference{{Interpretation: "INT-CAT-7", Between: both(),
				Text: "000 marks userData <optional>; 001 lists it without the Argument marker."}}},
	}
}
