package contract

// authMethods is the Auth namespace (001 only).
func authMethods() []Method {
	return []Method{
		{Namespace: "auth", Name: "getJwtToken", Result: "auth.JwtToken",
			Differences: []Difference{{Interpretation: "INT-CAT-11", Between: []Document{DocReference},
				Text: `"you must explicitly define the full endpoint name in the service-client-api-accepted-web-content-origins option", for example https://genesyspureengage.github.io (*, auth.getJwtToken); the option name is misspelled there.`}}},
	}
}
