package interp

// INT-ORIGIN-n: how the oracle (contract/allowlist) reads
// service-client-api.accepted-web-content-origins where the documentation is
// silent or contradicts itself.
func init() {
	Register(
		Interpretation{ID: "INT-ORIGIN-1", Topic: "does (agent.*, voice.dial) allow agent.get?",
			Sources: []string{
				`000 Origin: "For the http://my-web-server2 domain, only the agent.get, agent.getStateList, agent.setState, agent.getState and voice.dial requests are allowed."`,
				`001 Origin: "For the http://my-web-server2 domain, only the agent.getStateList, agent.setState, agent.getState and voice.dial requests are allowed."`,
				`001 Origin keyword list starts with "agent.get", and 001's Agent namespace documents get, getState, getStateList and setState`},
			Strict:  "agent.* grants every request of the agent namespace, agent.get included (000's list; 001 omits agent.get by mistake since it lists agent.get as a keyword of the agent namespace)",
			Lenient: "a Workspace that refuses agent.get under (agent.*) — 001's example read literally — is NON-STRICT"},
		Interpretation{ID: "INT-ORIGIN-2", Topic: "what an origin in the option is, and how it is compared",
			Sources: []string{
				`Origin: "if you want to give access to a web page located at http://my-web-server/path/page.html, then you would set ... to http://my-web-server."`,
				`DESIGN.md: the service checks the sender's event.origin (websocket: the Origin header)`},
			Strict: "entries and client origins are compared as browsers serialise origins (new URL(x).origin): scheme and host case-insensitive, default port (80 http, 443 https) dropped, IPv4 in dotted decimal (hex/octal forms normalised), IPv6 compressed. Only http and https origins can be listed; user information, non-ASCII or percent-encoded hosts, wildcard hosts and other schemes are errors. An origin that does not normalise (\"null\") matches only the \"*\" entry"},
		Interpretation{ID: "INT-ORIGIN-3", Topic: "an entry with a path or a trailing slash",
			Sources: []string{`Origin: the option is set to "the domain", example http://my-web-server for a page at http://my-web-server/path/page.html`},
			Strict:  "the path, query or fragment is ignored (with a warning): http://a/ and http://a/x.html stand for http://a",
			Lenient: "a Workspace that compares the raw text, so that such an entry matches no origin, is NON-STRICT"},
		Interpretation{ID: "INT-ORIGIN-4", Topic: "an origin listed twice, or matched by both its own entry and \"*\"",
			Sources: []string{`Origin: the documentation shows each origin once and never combines "*" with other entries`},
			Strict:  "the permissions of every entry matching the origin add up (so adding an entry never removes a permission); a duplicate origin is a warning",
			Lenient: "a Workspace that honours only the first or only the last entry of a duplicated origin is NON-STRICT"},
		Interpretation{ID: "INT-ORIGIN-5", Topic: "which mistakes in the value are errors and which are warnings",
			Sources: []string{`Origin: the documented syntax: a list of origins, "*", an origin followed by "(keyword, ...)" with keywords "*", "ns.*" or "ns.method"`},
			Strict:  "errors (the value is malformed; byte offset and expectation reported): an empty element (\",,\" or a trailing comma), an unbalanced or misplaced parenthesis, a keyword that is not *, ns.* or ns.method, a malformed origin. Warnings (the value keeps a meaning): a path in an origin, a duplicate origin, an empty filter \"()\" (the origin may send no request), a keyword repeated, a keyword of an undocumented namespace or request (catalog allow-list keywords; it grants nothing that exists), \"auth.*\" (it cannot grant auth.getJwtToken). Keywords are case-sensitive, like request names; blanks (space, tab, CR, LF) are allowed around entries, commas and parentheses, never inside an origin or keyword"},
		Interpretation{ID: "INT-ORIGIN-6", Topic: "what a filter restricts: requests outside the keyword list, subscriptions, getAllowedServices",
			Sources: []string{
				`Origin: "You can also set the ... option to values that filter by API request, using any of the following keywords: agent.get ... voice.stopCallRecording"`,
				`Origin: "For the http://my-web-server2 domain, only the ... requests are allowed."`,
				`001 getAllowedServices: "If the domain of the web application that calls this method isn't listed in the ... option, then this method fails."`},
			Strict:  "a filter lists the only requests the origin may send, every catalog request included (system.getAllowedServices too, which a filtered origin must then name); subscribe/unsubscribe are not requests: any listed origin may subscribe, an unlisted one gets no acknowledgement and no event",
			Lenient: "a Workspace that always answers system.getAllowedServices to a listed origin is NON-STRICT"},
		Interpretation{ID: "INT-ORIGIN-7", Topic: "auth.getJwtToken and wildcards",
			Sources: []string{`001 Auth namespace: "To use the auth.getJwtToken endpoint, you must explicitly define the full endpoint name in the service-client-api-accepted-web-content-origins option. For example: ... https://genesyspureengage.github.io (*, auth.getJwtToken)"`},
			Strict:  jwtExplicitOnly},
		Interpretation{ID: "INT-ORIGIN-8", Topic: "\"*\" combined with filters or with other entries",
			Sources: []string{`Origin: "if you want to allow any page to access the API, just set ... to *."`},
			Strict:  "\"*\" is an entry like the others whose origin matches every origin (opaque \"null\" included); it may carry a filter, \"* (agent.*)\", and adds up with the other entries (INT-ORIGIN-4)"},
		Interpretation{ID: "INT-ORIGIN-9", Topic: "names getAllowedServices lists beyond the catalog's allow-list keywords (aliases)",
			Sources: []string{
				`001 getAllowedServices: "Gets the list of allowed services, as determined by the Security configuration."`,
				`DESIGN.md: the mute/speaker methods go on the wire as sipEndpoint.* while the reference lists them under voice (INT-CAT-2)`},
			Strict:  "getAllowedServices lists exactly the catalog's allow-list keywords the origin may send (sipEndpoint.* for the mute methods, INT-CAT-2), nothing else; a listed name the origin cannot call (an error reply or no reply to it, sent without parameters or with the parameters the spec's probes use) fails in every mode",
			Lenient: "also listing another name the origin can really call (an alias such as voice.muteMicrophone next to sipEndpoint.muteMicrophone, answered when sent) is NON-STRICT"},
	)
}

// jwtExplicitOnly is the one reading of auth.getJwtToken and wildcards, in
// every mode: INT-ORIGIN-7 states it, INT-CAT-11 points at it.
const jwtExplicitOnly = "auth.getJwtToken is granted only by the keyword auth.getJwtToken in an entry matching the origin (the \"*\" origin included); never by an entry without filter, nor by the keywords * or auth.*; granting it by any wildcard fails in every mode (no lenient reading)."
