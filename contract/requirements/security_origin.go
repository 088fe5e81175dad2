package requirements

// Security configuration > Origin: service-client-api.accepted-web-content-origins.
func init() {
	const s = "Service Client API > Security configuration > Origin"
	Register(
		inReference("security.origin.1", s,
			"First, to work around web browser security restrictions set the service-client-api.accepted-web-content-origins option to the domain you want to be able to access to the API. For example, if you want to give access to a web page located at http://my-web-server/path/page.html, then you would set service-client-api.accepted-web-content-origins to http://my-web-server.",
			"INT-ORIGIN-2"),
		inReference("security.origin.2", s,
			"If you have several pages that need access to the API and they're located at different domains, you can also provide service-client-api.accepted-web-content-origins with a list. For example: http://my-web-server, http://my-second-web-server, http://my-third-web-server."),
		inReference("security.origin.3", s,
			"Finally, if you want to allow any page to access the API, just set service-client-api.accepted-web-content-origins to *.",
			"INT-ORIGIN-8"),
		inReference("security.origin.4", s,
			"You can also set the service-client-api.accepted-web-content-origins option to values that filter by API request, using any of the following keywords:",
			"INT-ORIGIN-6", "INT-CAT-10"),
		inGuide("security.origin.5", "Service Client API > Security Configuration > Origin",
			"For example, you could set service-client-api.accepted-web-content-origins to http://my-web-server0, http://my-web-server1 (*), http://my-web-server2 (agent.*, voice.dial), http://my-web-server3 (agent.*, interaction.*). In this example, everything is allowed for the http://my-web-server0 and http://my-web-server1. For the http://my-web-server2 domain, only the agent.get, agent.getStateList, agent.setState, agent.getState and voice.dial requests are allowed.",
			"INT-ORIGIN-1"),
		inReference("security.origin.6", s,
			"As seen in the example above, you can also filter by wildcards, using the asterisk in parenthesis. For example, http://my-web-server1 (*) or http://my-web-server3 (agent.*, interaction.*)."),
		inReference("security.origin.7", "Auth namespace > getJwtToken",
			"To use the auth.getJwtToken endpoint, you must explicitly define the full endpoint name in the service-client-api-accepted-web-content-origins option. For example: service-client-api.accepted-web-content-origins = https://genesyspureengage.github.io (*, auth.getJwtToken)",
			"INT-ORIGIN-7", "INT-CAT-11"),
		noted(inReference("security.origin.8", "Service Client API > Security configuration",
			"In order for the client web page to access the API, you need to set a few configuration options to work around web browser security restrictions for cross-origin requests and to enable request limits.",
			"INT-SPEC-1"),
			"the option's default is empty, so no page may use the API until it is set (vendor configuration guide, restated in DESIGN.md > Option defaults); an empty value allows nobody"),
		inReference("security.origin.9", "System namespace > getAllowedServices",
			"Gets the list of allowed services, as determined by the Security configuration.",
			"INT-ORIGIN-9"),
		inReference("security.origin.10", "System namespace > getAllowedServices",
			"If the domain of the web application that calls this method isn't listed in the service-client-api.accepted-web-content-origins option, then this method fails.",
			"INT-SPEC-1", "INT-ORIGIN-6"),
		inGuide("security.origin.11", "Service Client API > Security Configuration > Origin",
			"For the http://my-web-server2 domain, only the agent.get, agent.getStateList, agent.setState, agent.getState and voice.dial requests are allowed.",
			"INT-SPEC-1", "INT-SPEC-2"),
	)
}
