package interp

// INT-UDATA-n: how the oracle (contract/userdata) reads
// service-client-api.user-data.read-allowed and write-allowed.
func init() {
	Register(
		Interpretation{ID: "INT-UDATA-1", Topic: "syntax of the key lists",
			Sources: []string{`Attached Data Access: "service-client-api.user-data.write-allowed=Key1,Key3", "read-allowed=Key1,Key2,Key3"; default "*"`},
			Strict:  "a comma-separated list of case-sensitive keys, blanks around keys ignored; \"*\" (alone or as an element) allows every key, \"Key*\" is a literal key, not a pattern; an empty value allows no key; an empty element is a configuration error"},
		Interpretation{ID: "INT-UDATA-2", Topic: "setUserData / deleteUserData with keys that are not write-allowed",
			Sources: []string{
				`Attached Data Access: "write-allowed specifies the list of keys in user data that can be written with the interaction.setUserData() or interaction.deleteUserData() functions."`,
				`000 deleteUserData: "The service-client-api.user-data.write-allowed option might restrict the allowed key/value pairs."`},
			Strict:  "the allowed pairs are written (or deleted) and the others are left untouched; the reply is a success",
			Lenient: "refusing the whole request with an error reply, writing nothing, is NON-STRICT; writing a key that is not allowed is a FAIL in both modes"},
		Interpretation{ID: "INT-UDATA-3", Topic: "where read-allowed applies",
			Sources: []string{`000 Attached Data Access: "This applies in the userData property of the Interaction object returned by a function or an event." (001 garbles it as "of the interaction.deleteUserData() object")`},
			Strict:  "every interaction.Interaction a client receives, in a reply or in an event, carries in userData only the read-allowed keys"},
	)
}
