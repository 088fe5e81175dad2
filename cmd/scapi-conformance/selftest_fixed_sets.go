package main

import (
	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
)

// fixedOptionSet is one configuration of the reference Workspace in fixed
// mode, and the profile that declares it: selftest --fixed runs the suite
// through that profile against the reference configured once with Options.
type fixedOptionSet struct {
	// Name selects the set (selftest --fixed --sets NAME).
	Name string
	// What says what the configuration exercises.
	What string
	// Options are the service-client-api.* options, as an administrator
	// would configure them (absent = the documented default).
	Options control.Options
	// Origins are the client origins the profile declares accepted; nil =
	// every origin the allow-list names (see origins).
	Origins []string
}

// Client origins of the option sets. They are the websocket driver's own
// synthetic origins, so that a set's declared origins are also origins the
// steered suite uses.
const (
	appOrigin   = "https://app.example.com"
	otherOrigin = "https://other.example.com"
	portOrigin  = "http://app.example.com:8080"
	orgOrigin   = "https://client.example.org"
)

// allowBoth lets the two origins of most sets call everything,
// auth.getJwtToken included (it must be named explicitly).
const allowBoth = appOrigin + " (*, auth.getJwtToken), " + otherOrigin + " (*, auth.getJwtToken)"

// globalLimitSet is a set of allowBoth with a global rate limit and a
// quarantine delay.
func globalLimitSet(name, what, limit, delay string) fixedOptionSet {
	return fixedOptionSet{Name: name, What: what, Options: control.Options{
		options.AcceptedOrigins: allowBoth,
		options.RateLimit:       limit,
		options.QuarantineDelay: delay,
	}}
}

// fixedOptionSets are the configurations selftest --fixed proves the suite
// on. Each must leave the reference with 0 FAIL; together they must let the
// suite catch every security-option mutant (origins, rate limits, user data).
var fixedOptionSets = []fixedOptionSet{
	{
		// The options the suite sets on a steerable target: two origins may call
		// everything, auth.getJwtToken included; every other option keeps its
		// documented default (no rate limit, every user-data key readable and
		// writable). The baseline of what runs without a control endpoint. (A
		// Workspace with every option at its default admits no origin at all:
		// run refuses to certify it, naming the option to set, so it is no set.)
		Name: "defaults",
		What: "two origins allowed everything; other options at their documented defaults",
		Options: control.Options{
			options.AcceptedOrigins: allowBoth,
		},
	},
	{
		// A restrictive allow-list: each origin limited to a few namespaces and
		// requests by its filter, auth.getJwtToken only where named. Exercises
		// allowed and refused requests per filter, the explicit JWT grant, and
		// port and prefix neighbours of each listed origin.
		Name: "allow-list-filters",
		What: "restrictive allow-list with per-origin request filters and an explicit auth.getJwtToken",
		Options: control.Options{
			options.AcceptedOrigins: appOrigin + " (agent.*, interaction.*, system.*, auth.getJwtToken), " +
				otherOrigin + " (agent.getState, agent.get, voice.dial)",
		},
	},
	{
		// Several origins allowed everything by "(*)" or by no filter at all,
		// one of them only on its port 8080: neither form grants
		// auth.getJwtToken, and an origin with another port is another origin.
		Name: "star-filters",
		What: "several origins allowed (*) or unfiltered, one on a port: no JWT without its name",
		Options: control.Options{
			options.AcceptedOrigins: appOrigin + " (*), " + otherOrigin + ", " + portOrigin + " (*, auth.getJwtToken)",
		},
	},
	{
		// The allow-list as an administrator may type it: scheme and host in
		// capitals, the default port written out. Browsers present the origin
		// serialised (lower case, no default port), so the Workspace must
		// compare origins as browsers serialise them, not as raw text.
		Name: "mixed-case-origins",
		What: "allow-list written with capitals and default ports: origins compared as browsers serialise them",
		Options: control.Options{
			options.AcceptedOrigins: "HTTPS://App.Example.COM:443 (*, auth.getJwtToken), https://OTHER.example.com (*)",
		},
	},
	{
		// The "*" entry: any page may call every request but auth.getJwtToken,
		// which only its full name grants. Exercises origins nobody listed.
		Name:    "any-origin",
		What:    `"*" admits any origin; auth.getJwtToken granted to none`,
		Options: control.Options{options.AcceptedOrigins: "*"},
		Origins: []string{appOrigin, otherOrigin, portOrigin, orgOrigin},
	},
	{
		// User-data read and write lists: replies and events show only Key1 and
		// Key2, writes and deletes succeed only for Key1.
		Name: "user-data-lists",
		What: "read-allowed Key1,Key2 and write-allowed Key1: filtered replies, events and writes",
		Options: control.Options{
			options.AcceptedOrigins:      appOrigin + " (*, auth.getJwtToken), " + otherOrigin + " (*)",
			options.UserDataReadAllowed:  "Key1,Key2",
			options.UserDataWriteAllowed: "Key1",
		},
	},
	{
		// Empty user-data lists: no key may be read or written (INT-UDATA-1).
		Name: "empty-lists",
		What: "empty read-allowed and write-allowed: no user-data key readable or writable",
		Options: control.Options{
			options.AcceptedOrigins:      allowBoth,
			options.UserDataReadAllowed:  "",
			options.UserDataWriteAllowed: "",
		},
	},
	// A global limit of 5 requests per minute per request type with a short
	// quarantine: the suite's own traffic must stay inside it, and the
	// rate-limit specs exceed it on purpose.
	globalLimitSet("global-limit", "rate-limit 5 per minute, quarantine 10 s", "5", "10"),
	{
		// Per-request limits, one below and one above the global limit: each
		// request's own limit wins over the global one (INT-RATE-2).
		Name: "per-request-limits",
		What: "rate-limit 20 with rate-limit.agent.getState 3 and rate-limit.interaction.getInteractions 30",
		Options: control.Options{
			options.AcceptedOrigins:                                 allowBoth,
			options.RateLimit:                                       "20",
			options.RateLimitPrefix + "agent.getState":              "3",
			options.RateLimitPrefix + "interaction.getInteractions": "30",
		},
	},
	{
		// The documentation's own example (Security configuration > Rate
		// Limit): no global limit, voice.dial limited to 4 and email.create to
		// 2 per minute; every other request type unlimited.
		Name: "documented-example",
		What: "the documented example: no global limit, rate-limit.voice.dial 4, rate-limit.email.create 2",
		Options: control.Options{
			options.AcceptedOrigins:                  allowBoth,
			options.RateLimit:                        "0",
			options.RateLimitPrefix + "voice.dial":   "4",
			options.RateLimitPrefix + "email.create": "2",
		},
	},
	// A quarantine delay of 0: a request type that exceeds its limit is
	// ignored for ever, so the suite must never exceed it by accident.
	globalLimitSet("delay-zero", "rate-limit 10 with quarantine delay 0 (for ever)", "10", "0"),
	{
		// The configuration of issue 11: two filtered origins, a global limit
		// with a short quarantine, and read and write lists, all at once.
		Name: "issue-11",
		What: "two filtered origins, rate-limit 5, quarantine 10 s, read Key1,Key2, write Key1",
		Options: control.Options{
			options.AcceptedOrigins:      appOrigin + " (*, auth.getJwtToken), " + otherOrigin + " (agent.*, voice.dial)",
			options.RateLimit:            "5",
			options.QuarantineDelay:      "10",
			options.UserDataReadAllowed:  "Key1,Key2",
			options.UserDataWriteAllowed: "Key1",
		},
	},
}

// origins returns the client origins the set's profile declares: Origins, or
// every origin its allow-list names, in order.
func (s fixedOptionSet) origins() ([]string, error) {
	if s.Origins != nil {
		return s.Origins, nil
	}
	return listedOrigins(s.Options[options.AcceptedOrigins])
}
