package requirements

func init() {
	const s = "Service Client API > Event Type references > system eventType"
	const tabs = "Service Client API > Common actions > Supporting multiple browser tabs"
	Register(
		inReference("events.system.CUSTOM_TOAST_BUTTON_CLICK.1", s,
			"CUSTOM_TOAST_BUTTON_CLICK — customToastId: The identifier of the toast where the button has been clicked. The identifier is returned by the popupToast method. buttonIndex: The index of the clicked button. The index starts by 0."),
		inReference("events.system.REALTIME_CONNECTION.1", s,
			"REALTIME_CONNECTION — state: The attribute can take any of the following values: DISCONNECTED - The real-time connection with the Genesys Web Services server is disconnected. RECONNECTED - The real-time connection with the Genesys Web Services server is established after a disconnection. DOWN - The real-time connection with the Genesys Web Services server is down for more than one minute due to server inactivity.", "INT-EVENT-16"),
		inReference("events.system.frameState.1", tabs,
			"The state is exposed through the data.frameState property on system events. The frameState property has three possible values: LEADING, FOLLOWING, NEGOTIATING."),
		inReference("events.system.frameState.2", tabs,
			"When an election is triggered, you should see these types of system events: { \"event\": \"system\", \"data\": { \"frameState\": \"LEADING\" }, \"userAgent\": \"WWE Server\", \"protocolVersion\": 2 }", "INT-EVENT-17"),
		inReference("events.system.frameState.3", tabs,
			"Service Client API provides some helper functions through the System namespace to determine the state of a tab: isFrameLeading, isFrameFollowing, isFrameNegotiating, isFrameLeadingOrNegotiating, isLastActiveFrame"),
		inReference("events.system.frameState.4", tabs,
			"NEGOTIATING: The election is in progress and no tab is a leader or follower until the election is finished."),
	)
}
