package requirements

func init() {
	const s = "Service Client API > Working with the API > Notifications"
	Register(
		inReference("events.subscribe.1", s,
			"You can use the following code to subscribe to agent and interaction notifications: genesys.wwe.service.subscribe([ \"agent\", \"interaction\" ], eventHandler, context);"),
		inReference("events.agent.STATE_CHANGED.1", s,
			"Here's an example with an agent STATE_CHANGED to Not Ready with a reason: { \"event\": \"agent\", \"data\": { \"eventType\": \"STATE_CHANGED\", \"mediaState\": \"NOT_READY_ACTION_CODE\", \"reason\": \"Break\", \"reasonCode\": \"1511\" } }"),
		inReference("events.interaction.ATTACHED_DATA_CHANGED.1", s,
			"Finally, here's an example with an ATTACHED_DATA_CHANGED event on a voice interaction: { \"event\": \"interaction\", \"data\": { \"eventType\": \"ATTACHED_DATA_CHANGED\", \"media\": \"voice\", \"interaction\": { \"interactionId\": \"1\", ... \"userData\": { ... } ... } } }", "INT-EVENT-13"),
	)
}
