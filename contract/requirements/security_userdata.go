package requirements

// Security configuration > Attached Data Access: the user-data read and write
// filters.
func init() {
	const s = "Service Client API > Security configuration > Attached Data Access"
	Register(
		inReference("security.userData.1", s,
			"service-client-api.user-data.write-allowed specifies the list of keys in user data that can be written with the interaction.setUserData() or interaction.deleteUserData() functions.",
			"INT-UDATA-1", "INT-UDATA-2"),
		repaired(inReference("security.userData.2", "Interaction namespace > deleteUserData",
			"Deletes the user data attached to the interaction. The List of User Data Write Allowed setting in Agent Setup or the service-client-api.user-data.write-allowed configuration option might restrict the allowed key/value pairs.",
			"INT-UDATA-2"), `"Age Setup" read as "Agent Setup"`),
		inGuide("security.userData.3", "Service Client API > Attached Data Access",
			"service-client-api.user-data.read-allowed specifies the list of keys in user data that can be read. This applies in the userData property of the Interaction object returned by a function or an event.",
			"INT-UDATA-1", "INT-UDATA-3"),
		inGuide("security.userData.4", "Service Client API > Attached Data Access",
			"This applies in the userData property of the Interaction object returned by a function or an event.",
			"INT-UDATA-3"),
		inReference("security.userData.5", s,
			"For example, consider the following configuration: service-client-api.user-data.write-allowed=Key1,Key3 service-client-api.user-data.read-allowed=Key1,Key2,Key3 This configuration lets you read the attached data with they keys Key1, Key2, and Key3, but only allows writes on keys Key1, and Key3."),
	)
}
