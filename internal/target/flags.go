package target

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"scapi-conformance/internal/profile"
)

// Flags are the target flags every command registers, with the same names
// and meaning everywhere. A flag given on the command line overrides the
// profile; the profile overrides the defaults.
type Flags struct {
	fs                                                        *flag.FlagSet
	url, control, profile, driver, mutant, browser, clientLib string
	waitTimeout                                               time.Duration
}

// Register adds the target flags to fs: --target, --control, --profile,
// --driver, --mutant, --browser, --client-lib, --wait-timeout, and
// --call-timeout, a deprecated alias of --wait-timeout.
func (f *Flags) Register(fs *flag.FlagSet) {
	f.fs = fs
	fs.StringVar(&f.url, "target", "", "`URL` of the target: ws:// for the ws driver, the service page http(s):// for browser (default: the embedded reference Workspace)")
	fs.StringVar(&f.control, "control", "", "control endpoint `URL` of a steerable target (http://…/control)")
	fs.StringVar(&f.profile, "profile", "", "YAML profile `FILE` of the target: how to reach and log in, its options, accepted origins, data, stimuli")
	fs.StringVar(&f.driver, "driver", DriverWS, "how to reach the target: ws (websocket), browser (headless Chromium, postMessage) or inproc (the embedded reference in this process)")
	fs.StringVar(&f.mutant, "mutant", "", "run the embedded reference Workspace with this mutant `NAME` (see list mutants)")
	fs.StringVar(&f.browser, "browser", "", "Chromium executable `PATH` of the browser driver (default: the first of /usr/lib/chromium/chromium, chromium, google-chrome found)")
	fs.StringVar(&f.clientLib, "client-lib", "", "the vendor client library wwe-service-client-api.js (a `FILE` or URL) the browser driver's frames call through")
	fs.DurationVar(&f.waitTimeout, "wait-timeout", 0, "bound on each wait for the target (default: the profile's, else the driver's)")
	fs.DurationVar(&f.waitTimeout, "call-timeout", 0, "deprecated: the same as --wait-timeout")
}

// set reports which flags were given.
func (f *Flags) set() map[string]bool {
	set := map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	return set
}

// Spec merges the flags given with the profile (a flag given wins) and
// checks the result; errors wrap ErrUsage.
func (f *Flags) Spec() (Spec, error) {
	set := f.set()
	if set["target"] && strings.TrimSpace(f.url) == "" {
		return Spec{}, usagef("--target is empty (an unset variable?): name the target, or leave --target out for the embedded reference Workspace")
	}
	s := Spec{URL: f.url, Control: f.control, Mutant: f.mutant, Driver: f.driver, Browser: f.browser,
		ClientLib: f.clientLib, WaitTimeout: f.waitTimeout}
	if f.profile != "" {
		p, err := profile.Load(f.profile)
		if err != nil {
			return Spec{}, fmt.Errorf("%w: %v", ErrUsage, err)
		}
		if err := merge(&s, p, set); err != nil {
			return Spec{}, err
		}
	}
	return s, s.Check()
}

// merge fills what the flags left unset from the profile p. A profile must
// name its target: a URL, or embedded: true.
func merge(s *Spec, p *profile.Profile, set map[string]bool) error {
	s.Profile = p
	t := p.Target
	switch {
	case t.Embedded && t.URL != "":
		return usagef("%s: target.embedded and target.url exclude each other", p.File)
	case !t.Embedded && t.URL == "" && !set["target"]:
		return usagef("%s: the profile names no target: give target.url (or target: {embedded: true} for the embedded reference Workspace)", p.File)
	}
	if !set["target"] {
		s.URL = t.URL
	}
	if !set["control"] && t.Control != "" {
		s.Control = t.Control
	}
	if !set["driver"] && t.Driver != "" {
		s.Driver = t.Driver
	}
	if !set["browser"] && t.Browser != "" {
		s.Browser = t.Browser
	}
	if !set["client-lib"] && t.ClientLib != "" {
		s.ClientLib = t.ClientLib
	}
	if !set["wait-timeout"] && !set["call-timeout"] && t.Timeout > 0 {
		s.WaitTimeout = t.Timeout
	}
	return nil
}

// Args renders the spec back as the command-line flags that give it (for a
// command run in a child process); the profile is named by its file.
func (s Spec) Args() []string {
	var out []string
	add := func(name, v string) {
		if v != "" {
			out = append(out, "--"+name+"="+v)
		}
	}
	if s.Profile != nil {
		add("profile", s.Profile.File)
	}
	add("target", s.URL)
	add("control", s.Control)
	add("driver", s.Driver)
	add("mutant", s.Mutant)
	add("browser", s.Browser)
	add("client-lib", s.ClientLib)
	if s.WaitTimeout > 0 {
		add("wait-timeout", s.WaitTimeout.String())
	}
	return out
}
