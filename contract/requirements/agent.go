package requirements

func init() {
	const s = "Agent namespace > "
	Register(
		inReference("agent.get.1", s+"get",
			"get(succeeded, failed) → {agent.Agent} — Gets the agent's attributes."),
		inReference("agent.getState.1", s+"getState",
			"getState(succeeded, failed) → {media.State} — Gets the agent's state."),
		inGuide("agent.getStateList.1", "Agent Namespace > getStateList",
			"getStateList() → {Array.<media.State>} — Gets the list of possible agent states."),
		inReference("agent.setState.1", s+"setState",
			"setState(stateOperationName, succeeded, failed) — Sets the agent's state. stateOperationName: An operationName from the agent states list."),
		inReference("agent.setState.2", s+"setState",
			"stateOperationName — An operationName from the agent states list. See State.", "INT-NS-1"),
		inReference("agent.setState.3", "Service Client API > Working with the API > Notifications",
			"Here's an example with an agent STATE_CHANGED to Ready: { \"event\": \"agent\", \"data\": { \"eventType\": \"STATE_CHANGED\", \"mediaState\": \"READY\" } }", "INT-EVENT-1"),
		inGuide("agent.setState.4", "Media Namespace > State",
			"PARTIAL_READY *, OUT_OF_SERVICE *, LOGOUT_DND_ON *, UNKNOWN * — * States that are limited to an event and can't be applied by code", "INT-NS-13"),
		repaired(inReference("agent.type.Agent.1", s+"Type definitions > Agent",
			"Agent — Represents the JSON structure of the agent. Properties: employeeId (string), firstname (string), lastname (string), username (string)."),
			`"employeeld" read as employeeId`),
	)
}
