package framework

import (
	"fmt"
	"maps"
	"strings"
	"sync"
	"time"

	"github.com/onsi/ginkgo/v2/types"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/ratelimit"
)

// optionsDecorator carries the options a spec needs; see WithOptions.
type optionsDecorator control.Options

// WithOptions declares the service-client-api options a spec runs under. A
// target whose options can be set receives them (over DefaultOptions) before
// the body runs; on any other target the spec runs only when the options in
// force (declared by its profile) give every key the same value, and is
// skipped with the reason otherwise. Because it is declared, `run --plan`
// knows the outcome without running the spec.
func WithOptions(o control.Options) any { return optionsDecorator(maps.Clone(o)) }

// realWaitDecorator estimates the real time a Slow spec waits on a target
// without a virtual clock; see RealWait.
type realWaitDecorator func(inForce control.Options) time.Duration

// RealWait declares how long a Slow spec waits in real time on a target
// without a virtual clock, as a function of the options in force (for the
// plan; nothing is waited for by declaring it).
func RealWait(estimate func(inForce control.Options) time.Duration) any {
	return realWaitDecorator(estimate)
}

// skipReason decides, before the body runs and without calling the target
// beyond its capabilities, whether a spec is skipped and why: a capability it
// needs is missing, or the options it declares are not those in force on a
// target whose options cannot be set (ctrl: the target has a controller).
// Session.begin and PlanSpecs share it.
func skipReason(spec specInfo, caps control.Capabilities, ctrl bool, profile Profile) string {
	for _, need := range spec.needs {
		if has(need, caps, ctrl) {
			continue
		}
		switch need {
		case CapOptions:
			declared := ", as the profile declares"
			if profile.Options == nil {
				declared = "; the profile declares none"
			}
			return "the spec sets service-client-api options of its own; the target's options cannot be set (they were configured once" + declared + ")"
		case CapClock:
			return "the spec moves the target's virtual clock, which it has not"
		}
		return fmt.Sprintf("the target cannot provide %q, which this spec needs%s", need, unavailable(caps, need))
	}
	if len(spec.options) > 0 && !has(CapOptions, caps, ctrl) {
		return optionsMismatch(profile.declared(), control.Options(spec.options))
	}
	return ""
}

// unavailable is the reason the target gives for not producing a stimulus
// in this run ("" when it gives none).
func unavailable(caps control.Capabilities, name string) string {
	if why := caps.Unavailable[name]; why != "" {
		return ": " + why
	}
	return ""
}

// has reports whether a target with these capabilities (and a control
// endpoint when ctrl) provides a capability.
func has(capability string, caps control.Capabilities, ctrl bool) bool {
	if !ctrl {
		return false
	}
	switch capability {
	case CapClock:
		return caps.Clock
	case CapOptions:
		return caps.Options
	}
	for _, st := range caps.Stimuli {
		if st == capability {
			return true
		}
	}
	return false
}

// registry keeps what ConformanceIt knew of each spec, by the code location
// Ginkgo reports for it, so that a plan can decide without running bodies.
var (
	registryMu sync.Mutex
	registry   = map[string]specInfo{}
)

func register(loc types.CodeLocation, spec specInfo) {
	registryMu.Lock()
	defer registryMu.Unlock()
	registry[locationKey(loc)] = spec
}

func locationKey(loc types.CodeLocation) string {
	return fmt.Sprintf("%s:%d", loc.FileName, loc.LineNumber)
}

// PlannedSpec is the plan's decision for one spec.
type PlannedSpec struct {
	// Text is the spec's full text; Requirements the ids it cites.
	Text         string   `json:"text"`
	Requirements []string `json:"requirements"`
	// Skip is the reason it will be skipped ("" when it runs).
	Skip string `json:"skip,omitempty"`
	// RealWait is the real time it will wait for want of a virtual clock.
	RealWait time.Duration `json:"realWaitNanos,omitempty"`
}

// Plan is what a run would do, decided from the target's capabilities and
// the options in force, without running a spec.
type Plan struct {
	Specs []PlannedSpec `json:"specs"`
	// Options are the options in force on a target whose options cannot be
	// set (nil when the suite sets them per spec).
	Options control.Options `json:"options,omitempty"`
	// Limits words the rate limits in force.
	Limits string `json:"limits"`
	// Clock is true when waits happen on the target's virtual clock.
	Clock bool `json:"clock"`
	// RealWait is the total real waiting of the running specs' timelines.
	RealWait time.Duration `json:"realWaitNanos"`
	// RateWait estimates the real waiting the suite's own traffic will spend
	// on the rate limits in force.
	RateWait time.Duration `json:"rateWaitNanos"`
}

// RequestsPerSpec is the plan's estimate of how many requests of one type a
// running spec sends beyond what its minute allows: measured against the
// reference configured with a limit of 5 a minute (issue 11), the suite's
// specs wait about one minute for every eight that run, as if each sent 0.6
// requests of the type its limit holds back.
const RequestsPerSpec = 0.6

// PlanTarget is what a plan knows of the target without running a spec: its
// capabilities, whether it has a controller, the origins its driver presents
// and its profile.
type PlanTarget struct {
	Caps    control.Capabilities
	Control bool
	Origins []string
	Profile Profile
}

// PlanSpecs decides, for the specs a selection will run (Ginkgo's preview of
// them), which run and which are skipped and why, and estimates the real
// waiting, from the target's capabilities and the options in force, with the
// very decision Session.begin takes.
func PlanSpecs(t PlanTarget, specs []types.SpecReport) (*Plan, error) {
	clock := has(CapClock, t.Caps, t.Control)
	plan := &Plan{Clock: clock}
	inForce := DefaultOptions(t.Origins)
	if !has(CapOptions, t.Caps, t.Control) {
		inForce = t.Profile.declared()
		plan.Options = inForce
	}
	cfg, err := ratelimit.ParseOptions(inForce)
	if err != nil {
		return nil, fmt.Errorf("the options in force do not parse: %w", err)
	}
	plan.Limits = describeLimits(cfg)
	running := 0
	registryMu.Lock()
	defer registryMu.Unlock()
	for _, r := range specs {
		spec, ok := registry[locationKey(r.LeafNodeLocation)]
		if !ok || r.LeafNodeType != types.NodeTypeIt || r.State.Is(types.SpecStateSkipped|types.SpecStatePending) {
			continue
		}
		p := PlannedSpec{Text: r.FullText(), Requirements: append([]string(nil), spec.reqs...), Skip: skipReason(spec, t.Caps, t.Control, t.Profile)}
		if p.Skip == "" {
			running++
			if !clock && spec.realWait != nil {
				p.RealWait = spec.realWait(inForce)
				plan.RealWait += p.RealWait
			}
		}
		plan.Specs = append(plan.Specs, p)
	}
	if !clock {
		plan.RateWait = rateWaitEstimate(cfg, running)
	}
	return plan, nil
}

// rateWaitEstimate is the real waiting of running specs whose traffic is
// paced to the limits: a minute to start on a fresh window, then a minute for
// every n requests of a type the specs send (RequestsPerSpec each) under a
// limit of n per minute.
func rateWaitEstimate(cfg ratelimit.Config, running int) time.Duration {
	n := cfg.Global
	for _, v := range cfg.PerRequest {
		if n == 0 || v < n {
			n = v
		}
	}
	if n <= 0 {
		return 0
	}
	paced := time.Duration(float64(running) * RequestsPerSpec / float64(n) * float64(time.Minute))
	return time.Minute + paced.Round(time.Minute)
}

// String words a plan line by line: each spec with RUN or SKIPPED and why,
// then the waiting.
func (p *Plan) String() string {
	var b strings.Builder
	run, skip := 0, 0
	for _, s := range p.Specs {
		if s.Skip == "" {
			run++
			wait := ""
			if s.RealWait > 0 {
				wait = fmt.Sprintf(" (waits about %s in real time)", s.RealWait.Round(time.Second))
			}
			fmt.Fprintf(&b, "RUN      %s%s\n", s.Text, wait)
			continue
		}
		skip++
		fmt.Fprintf(&b, "SKIPPED  %s\n         %s\n", s.Text, s.Skip)
	}
	fmt.Fprintf(&b, "\n%d specs will run, %d will be skipped.\n", run, skip)
	b.WriteString("A spec planned to run may still skip, with the reason, for what only its body knows: more client origins than the\n" +
		"configuration accepts, user-data keys the lists hide, a request its origin may not send, a call the lab does not answer.\n")
	fmt.Fprintf(&b, "Rate limits in force: %s.\n", p.Limits)
	if p.Clock {
		b.WriteString("The target has a virtual clock: rate-limit windows, quarantines and timelines pass on it, without real waiting.\n")
		return b.String()
	}
	fmt.Fprintf(&b, "No virtual clock: Slow specs wait about %s in real time; pacing the suite's own traffic to the rate limits adds up to about %s.\n",
		p.RealWait.Round(time.Second), p.RateWait.Round(time.Second))
	return b.String()
}
