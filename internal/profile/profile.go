// Package profile reads the YAML profile of a target: how to reach it and log
// into it, the service-client-api options it is configured with, the client
// origins it accepts, the data it holds (agent, media, campaigns) and the
// stimuli available. Every error names the file, line and column.
package profile

import (
	"time"

	"scapi-conformance/contract/control"
)

// Profile describes one target. The zero value is the embedded reference
// Workspace over websocket.
type Profile struct {
	// File is the path the profile was read from ("" when built in code).
	File   string
	Target Target
	Login  Login
	// Options are the service-client-api.* options the target is configured
	// with, keyed by their full names, values exactly as configured.
	Options control.Options
	// Origins are the client origins the target accepts, normalised
	// (scheme://host[:port]).
	Origins []string
	Data    Data
	// Stimuli lists the stimulus names (package control) available.
	Stimuli []string
	// Lab says, per stimulus, how the lab produces it on a target without a
	// control endpoint (the mapping form of stimuli:); nil for the list form.
	Lab map[string]LabStimulus
}

// LabStimulus is how a lab produces one stimulus: a command or manual
// instructions (exactly one of them).
type LabStimulus struct {
	// Command is the argv; a relative program path (./ring.sh) is relative
	// to the profile's directory, where the command also runs.
	Command []string
	// Dir is the profile's directory, where the command runs.
	Dir string
	// Manual are instructions an operator follows.
	Manual string
	// Timeout bounds the command or the operator (0 = the lab's default).
	Timeout time.Duration
}

// Target says how to reach the target.
type Target struct {
	// Driver is "ws" or "browser" ("" = not set).
	Driver string
	// URL is the websocket URL (ws driver) or the service page URL (browser driver).
	URL string
	// Control is the control endpoint of a steerable target ("" = not steerable).
	Control string
	// Timeout bounds every wait for the target (0 = default).
	Timeout time.Duration
	// Browser is the Chromium executable for the browser driver ("" = default).
	Browser string
	// ClientLib is the URL of the client library the browser driver loads ("" = default).
	ClientLib string
	// Embedded names the embedded reference Workspace explicitly (URL empty).
	Embedded bool
}

// Login holds the credentials of the agent the target is logged in as, and
// how the browser driver logs in. The password is a secret: it never
// appears in a report or a log.
type Login struct {
	User     string
	Password string
	// Script is JavaScript run in the page the service URL leads to (the
	// login page) as the body of an async function of (user, password): it
	// fills the login form and submits it. Given in the profile inline or as
	// @FILE (read relative to the profile file); "" = no login.
	Script string
	// Ready is a JavaScript expression that is true once the Workspace page
	// is ready for client frames ("" = once the page has loaded).
	Ready string
}

// Data is what the target holds, as the operator declares it; specs compare
// replies with it when the target cannot be steered.
type Data struct {
	// Agent is the agent's documented fields (userName, firstName, …).
	Agent map[string]any
	// Media lists the media channel names the agent is logged into.
	Media []string
	// Campaigns lists the outbound campaign names loaded for the agent.
	Campaigns []string
}

// Secrets returns every secret value of the profile (for redaction).
func (p *Profile) Secrets() []string {
	if p == nil || p.Login.Password == "" {
		return nil
	}
	return []string{p.Login.Password}
}

// AsMap returns the data keyed as the spec framework expects ("agent",
// "media", "campaigns"); absent parts are left out.
func (d Data) AsMap() map[string]any {
	m := map[string]any{}
	if d.Agent != nil {
		m["agent"] = d.Agent
	}
	if d.Media != nil {
		m["media"] = d.Media
	}
	if d.Campaigns != nil {
		m["campaigns"] = d.Campaigns
	}
	return m
}
