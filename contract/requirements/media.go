package requirements

func init() {
	const s = "Media namespace > "
	Register(
		inReference("media.getMediaList.1", s+"getMediaList",
			"getMediaList(succeeded, failed) → {Array.<media.Media>} — Get the list of media with attributes."),
		inReference("media.getMediaByName.1", s+"getMediaByName",
			"getMediaByName(name, succeeded, failed) — Get the media attributes. name: The media name."),
		inReference("media.getMediaByName.2", s+"getMediaByName",
			"name — string — The media name.", "INT-NS-7"),
		inReference("media.setState.1", s+"setState",
			"setState(name, stateOperationName, succeeded, failed) — Sets the media state. stateOperationName: An operationName from the agent states list."),
		inReference("media.setState.2", s+"setState",
			"stateOperationName — An operationName from the agent states list. See State.", "INT-NS-1"),
		inReference("media.type.Media.1", s+"Type definitions > Media",
			"Media — Represents the JSON structure of a media. Properties: name (string) The media name; state (media.State) The media state object."),
		repaired(inGuide("media.type.State.1", "Media Namespace > State",
			"State — Represents the JSON structure of a media state. type: The type of operation. Possible values are: LOGOUT, READY, PARTIAL_READY *, NOT_READY, NOT_READY_ACTION_CODE, NOT_READY_AFTER_CALLWORK, NOT_READY_AFTER_CALLWORK_ACTION_CODE, DND_ON, OUT_OF_SERVICE *, LOGOUT_DND_ON *, UNKNOWN *; displayName: The display name of the state; operationName: The operation name to use with agent.setState and media.setState."),
			"the two NOT_READY_AFTER_CALLW… values cut by the table read as NOT_READY_AFTER_CALLWORK and NOT_READY_AFTER_CALLWORK_ACTION_CODE"),
	)
}
