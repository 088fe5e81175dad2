package runner

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver/controlclient"
	"scapi-conformance/internal/target"
	"scapi-conformance/suites/framework"
)

// Plan prints what a run with cfg would do, without running a spec: which of
// the selected specs run and which are skipped and why, and the real waiting
// the rate limits in force and the clock-less timelines will take. The
// decisions are the framework's (framework.PlanSpecs), from the target's
// capabilities and the options in force. An external target is asked only
// for its capabilities (GET /capabilities of its control endpoint, when it has
// one); the embedded reference is started to read them. It returns the plan
// it printed.
func Plan(ctx context.Context, cfg Config, w io.Writer) (*framework.Plan, error) {
	suiteCfg, reporterCfg, err := ginkgoConfig(cfg)
	if err != nil {
		return nil, err
	}
	preview := ginkgo.PreviewSpecs("scapi-conformance", suiteCfg, reporterCfg)
	if preview.PreRunStats.SpecsThatWillRun == 0 {
		return nil, usagef("no spec selected (label filter %q, focus %q): nothing would be tested", cfg.LabelFilter, cfg.Focus)
	}
	pt, name, err := planTarget(ctx, cfg.Target)
	if err != nil {
		return nil, err
	}
	plan, err := framework.PlanSpecs(pt, preview.SpecReports)
	if err != nil {
		return nil, usagef("%v", err)
	}
	fmt.Fprintf(w, "Plan for %s (%s)\n", name, describeCapabilities(pt))
	if plan.Options != nil {
		keys := make([]string, 0, len(plan.Options))
		for k := range plan.Options {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintln(w, "Options in force, as the profile declares them:")
		for _, k := range keys {
			fmt.Fprintf(w, "  %s: %q\n", k, plan.Options[k])
		}
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, plan.String())
	return plan, nil
}

// planTarget reads what a plan needs of the target: its capabilities, asked
// of its control endpoint (an external target), or of the embedded reference
// it starts; a lab the profile describes offers its stimuli.
func planTarget(ctx context.Context, s target.Spec) (framework.PlanTarget, string, error) {
	var pt framework.PlanTarget
	if p := s.Profile; p != nil {
		pt.Profile = framework.Profile{Options: p.Options, Origins: p.Origins, Data: p.Data.AsMap()}
	}
	if err := s.Check(); err != nil {
		return pt, "", err
	}
	switch {
	case s.Embedded() || s.DriverName() == target.DriverInProc:
		t, err := target.Open(ctx, s)
		if err != nil {
			return pt, "", err
		}
		defer t.Close()
		pt.Caps, pt.Control, pt.Origins = t.Caps, t.Driver.Control() != nil, t.Driver.Origins()
		return pt, t.Name(), nil
	case s.Control != "":
		caps, err := controlclient.New(s.Control).Capabilities(ctx)
		if err != nil {
			return pt, "", fmt.Errorf("%w: control endpoint %s: %v", ErrUnreachable, s.Control, err)
		}
		pt.Caps, pt.Control = caps, true
	case s.Profile != nil && len(s.Profile.Lab) > 0:
		pt.Control = true // the lab's controller: its stimuli, nothing else
		pt.Caps = control.Capabilities{NoReset: true}
		for name := range s.Profile.Lab {
			pt.Caps.Stimuli = append(pt.Caps.Stimuli, name)
		}
		slices.Sort(pt.Caps.Stimuli)
	}
	if p := s.Profile; p != nil && p.Stimuli != nil && pt.Control {
		pt.Caps.Stimuli = slices.DeleteFunc(pt.Caps.Stimuli, func(st string) bool { return !slices.Contains(p.Stimuli, st) })
	}
	return pt, s.Name(), nil
}

// describeCapabilities words what the target can be steered to do.
func describeCapabilities(pt framework.PlanTarget) string {
	if !pt.Control {
		return "no control endpoint: options as declared, no stimulus, no virtual clock, never reset"
	}
	var parts []string
	if pt.Caps.Options {
		parts = append(parts, "options set per spec")
	} else {
		parts = append(parts, "options as declared")
	}
	if pt.Caps.Clock {
		parts = append(parts, "virtual clock")
	} else {
		parts = append(parts, "no virtual clock")
	}
	if len(pt.Caps.Stimuli) == 0 {
		parts = append(parts, "no stimulus")
	} else {
		parts = append(parts, "stimuli "+strings.Join(pt.Caps.Stimuli, ", "))
	}
	if pt.Caps.NoReset {
		parts = append(parts, "never reset")
	}
	return strings.Join(parts, ", ")
}
