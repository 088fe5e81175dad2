package contract

import "scapi-conformance/contract/control"

// configurationMethods is the Configuration namespace (001 only).
func configurationMethods() []Method {
	optionsDiff := Difference{Interpretation: "INT-CAT-14", Between: []Document{DocReference},
		Text: `The options parameter is typed "string" but described as a single option or an array of options; both a string and an array of strings are accepted.`}
	resultDiff := Difference{Interpretation: "INT-SCHEMA-1", Between: []Document{DocReference},
		Text: `Returns "Array." of configuration.Section, but the getContextualOption sample response's data is an object keyed by section name, then option name: the result is that object (configuration.Options), a Section array being accepted only in lenient mode.`}
	return []Method{
		{Namespace: "configuration", Name: "getOption", Result: "configuration.Options",
			Params:      []Param{{Name: "options", Type: TypeStringOrArray, Schema: "configuration.OptionQuery"}},
			Differences: []Difference{optionsDiff, resultDiff}},
		{Namespace: "configuration", Name: "getContextualOption", Result: "configuration.Options",
			Params: []Param{{Name: "options", Type: TypeStringOrArray, Schema: "configuration.OptionQuery"}, pInteractionID},
			Needs:  []string{control.StimInboundCall},
			Differences: []Difference{optionsDiff, resultDiff,
				{Interpretation: "INT-CAT-3", Between: []Document{DocReference, DocClientLibrary},
					Text: "Documented in 001 but absent from the vendor client library: a client can only send it as a raw request envelope."}}},
	}
}
