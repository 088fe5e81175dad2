package target

import (
	"os"

	"scapi-conformance/driver"
	"scapi-conformance/driver/lab"
)

// withLab gives d the lab's controller when the profile says how the lab
// produces its stimuli (commands, manual instructions): for a target
// without a control endpoint only. Manual stimuli are offered when an
// operator is at the console (stdin is a terminal and CI is not "true").
func (t *Target) withLab(d driver.Driver) (driver.Driver, error) {
	p := t.Spec.Profile
	if p == nil || len(p.Lab) == 0 {
		return d, nil
	}
	if d.Control() != nil {
		return nil, usagef("%s: stimuli with a command or manual instructions are for a target without a control endpoint, "+
			"and %s has one: list the stimuli by name (stimuli: [inbound-call, …]) or drop the control endpoint", p.File, t.Name())
	}
	cfg := lab.Config{Stimuli: map[string]lab.Stimulus{}, Console: os.Stderr, Input: os.Stdin,
		Target: map[string]string{"stimuli": "lab (profile " + p.File + ")"}}
	cfg.Interactive, cfg.NotInteractive = interactive()
	for name, s := range p.Lab {
		cfg.Stimuli[name] = lab.Stimulus{Command: s.Command, Dir: s.Dir, Manual: s.Manual, Timeout: s.Timeout}
	}
	c, err := lab.New(cfg)
	if err != nil {
		return nil, usagef("%s: %v", p.File, err)
	}
	return lab.WithControl(d, c), nil
}

// interactive reports whether an operator is at the console, and why not:
// stdin is a character device other than the null device (a terminal; the
// standard library has no isatty) and CI is not "true".
func interactive() (bool, string) {
	if os.Getenv("CI") == "true" {
		return false, "the run is not interactive (CI=true)"
	}
	fi, err := os.Stdin.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false, "the run is not interactive (stdin is not a terminal)"
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(fi, null) {
		return false, "the run is not interactive (stdin is " + os.DevNull + ")"
	}
	return true, ""
}
