// Package target is the one description of a target every command shares
// (run, fuzz, replay, doctor, selftest): where it is (the embedded reference
// Workspace with an optional mutant, a websocket URL, a service page), how it
// is steered (a control URL, a profile), how it is reached (the ws, browser or
// in-process driver), and the one way to open it (Open), which starts the
// embedded reference when asked, opens the driver and reads the capabilities
// of a steerable target, sending the Workspace no request.
//
// The same flags (Flags) and the same merge rule (a flag given overrides the
// profile) apply to every command. A target is never chosen by accident: the
// embedded reference is used when no target is named at all, or when a
// profile says target: {embedded: true}; an empty --target (a CI variable that
// was not set) or a profile without a target is a usage error.
package target

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"scapi-conformance/internal/profile"
)

// The drivers a target can be reached through.
const (
	DriverWS      = "ws"      // websocket (the default)
	DriverBrowser = "browser" // headless Chromium, client frames on the service page
	DriverInProc  = "inproc"  // the embedded reference in this process, no transport
)

// Drivers lists the driver names, for messages.
var Drivers = []string{DriverWS, DriverBrowser, DriverInProc}

// Errors Open and Flags.Spec return, by exit code: ErrUsage (2) for bad
// flags or profiles, ErrUnreachable (3) when the target does not answer.
var (
	ErrUsage       = errors.New("usage error")
	ErrUnreachable = errors.New("target unreachable")
)

func usagef(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUsage, fmt.Sprintf(format, args...))
}

// Spec describes one target.
type Spec struct {
	// URL is the target: a ws:// or wss:// URL for the ws driver, the http(s)
	// URL of the service page for the browser driver; "" for the embedded
	// reference Workspace.
	URL string
	// Mutant runs the embedded reference with that deviation ("" = none).
	Mutant string
	// Control is the control endpoint of a steerable target ("" = none; the
	// embedded reference has its own).
	Control string
	// Driver is DriverWS (when ""), DriverBrowser or DriverInProc.
	Driver string
	// Browser is the Chromium executable of the browser driver ("" = default).
	Browser string
	// ClientLib is the vendor client library the browser driver loads ("" = none).
	ClientLib string
	// WaitTimeout bounds each wait for the target (0 = the driver's default).
	WaitTimeout time.Duration
	// Profile describes the target further (options, origins, login, data,
	// stimuli); nil = none.
	Profile *profile.Profile
	// Present are origins a command's sessions present beyond the profile's
	// (the origins of a fuzz or a replayed session): the browser driver
	// serves its client frames under them too, without offering them
	// (browser.Config.Strangers).
	Present []string
}

// Embedded reports whether the spec names the embedded reference Workspace.
func (s Spec) Embedded() bool { return s.URL == "" }

// DriverName is the driver, DriverWS when unset.
func (s Spec) DriverName() string {
	if s.Driver == "" {
		return DriverWS
	}
	return s.Driver
}

// Name describes the target for people: its URL, or the embedded reference
// with its mutant and how it is reached.
func (s Spec) Name() string {
	if !s.Embedded() {
		return s.URL
	}
	name := "embedded reference"
	if s.Mutant != "" {
		name += " (mutant " + s.Mutant + ")"
	}
	switch s.DriverName() {
	case DriverInProc:
		return name + " in-process"
	case DriverBrowser:
		return name + " through the browser"
	}
	return name + " over websocket"
}

// Check reports the first inconsistency of the spec as a usage error.
func (s Spec) Check() error {
	switch s.DriverName() {
	case DriverWS:
		if !s.Embedded() && !hasScheme(s.URL, "ws://", "wss://") {
			return usagef("the ws driver needs a ws:// or wss:// target, not %q", s.URL)
		}
	case DriverBrowser:
		if !s.Embedded() && !hasScheme(s.URL, "http://", "https://") {
			return usagef("the browser driver needs the http(s) URL of the service page, not %q", s.URL)
		}
	case DriverInProc:
		if !s.Embedded() {
			return usagef("the inproc driver runs the embedded reference Workspace in this process; it cannot reach %s", s.URL)
		}
	default:
		return usagef("--driver %q: want %s", s.Driver, strings.Join(Drivers, ", "))
	}
	if s.Mutant != "" && !s.Embedded() {
		return usagef("--mutant %s runs the embedded reference Workspace; it cannot be combined with a target (%s)", s.Mutant, s.URL)
	}
	if s.Control != "" && s.Embedded() {
		return usagef("--control %s steers an external target: give its --target too (the embedded reference has its own)", s.Control)
	}
	if s.Control != "" && !hasScheme(s.Control, "http://", "https://") {
		return usagef("--control needs an http(s) URL, not %q", s.Control)
	}
	if s.WaitTimeout < 0 {
		return usagef("--wait-timeout %v: want a positive duration", s.WaitTimeout)
	}
	return nil
}

func hasScheme(u string, schemes ...string) bool {
	for _, s := range schemes {
		if strings.HasPrefix(strings.ToLower(u), s) {
			return true
		}
	}
	return false
}
