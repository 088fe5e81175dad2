package framework

import (
	"maps"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/ratelimit"
	"scapi-conformance/driver"
)

// Default bounds, used when a Target leaves them zero.
const (
	// DefaultTimeout bounds every single wait for a reply, an acknowledgement
	// or an event.
	DefaultTimeout = 5 * time.Second
	// DefaultSilence is how long a spec listens to conclude that nothing
	// arrives (an ignored request, an event that must not be delivered)
	// where no barrier can (Session.Barrier): on a client whose origin the
	// allow-list does not list, or whose target answers no empty subscribe.
	// A reply or event later than it is missed: a wrong pass, never a
	// wrong failure.
	DefaultSilence = 300 * time.Millisecond
	// DefaultSpecTimeout bounds a whole spec that is not decorated Slow; it
	// leaves room for a real-time wait of a minute for a rate-limit window on
	// a target without a virtual clock.
	DefaultSpecTimeout = 3 * time.Minute
	// SlowSpecTimeout bounds a whole spec decorated Slow, which may wait in
	// real time on a target without a virtual clock.
	SlowSpecTimeout = 10 * time.Minute
)

// Target is what the specs run against.
type Target struct {
	// Driver reaches the target. Required.
	Driver driver.Driver
	// Strict makes every recorded deviation a failure (see Session.Deviation).
	Strict bool
	// Profile describes a target that cannot be steered: its configured
	// options, the origins it accepts and its data. Ignored for the options
	// when the target can be steered.
	Profile Profile
	// Timeout bounds each wait (DefaultTimeout when zero).
	Timeout time.Duration
	// Silence is how long absence is observed (DefaultSilence when zero).
	Silence time.Duration
	// Notify, when set, receives a line as soon as a spec starts a long wait
	// (a rate-limit window in real time), for the progress output.
	Notify func(line string)

	capsOnce sync.Once
	caps     control.Capabilities
	capsErr  error

	budgetOnce sync.Once
	budget     *budget

	// unanswered: the target left a barrier from an origin it accepts
	// unanswered (Session.Barrier); later barriers of the run are windows.
	unanswered atomic.Bool

	// listed is an origin of the driver's that the options in force of the
	// latest spec list ("" when they are not known, or list none).
	listed atomic.Value

	// noStateChanged holds, by the options in force and the changer's
	// origin (stateChangedKey), the probes that showed the target sends no
	// agent STATE_CHANGED (Session.ChangeStateSeenBy): later specs under the
	// same options do not wait for it again.
	noStateChanged sync.Map
}

// ListedOrigin returns an origin of the driver's that the options in force
// of the latest spec list, which must get an answer to a subscribe
// (INT-ORIGIN-6); "" when the options are not known or list none of them.
func (t *Target) ListedOrigin() string {
	o, _ := t.listed.Load().(string)
	return o
}

// Profile is what is known in advance about a target that cannot be steered
// (a real Workspace): how it is configured and what it holds.
type Profile struct {
	// Options are its configured service-client-api.* options, exactly as
	// configured (an absent key has its documented default).
	Options control.Options
	// Origins are client origins the target accepts, as the driver presents
	// them; Session.Origins returns them when the target cannot be steered.
	Origins []string
	// Data describes what the target holds, by key (for example "agent" for
	// the expected agent.Agent, "media" for the media names, "campaigns").
	Data map[string]any
}

var (
	currentMu sync.Mutex
	current   *Target
)

// Configure sets the target every spec of the run uses. It must be called
// before RunSpecs.
func Configure(t *Target) {
	currentMu.Lock()
	defer currentMu.Unlock()
	current = t
}

// Current returns the configured target, or nil before Configure.
func Current() *Target {
	currentMu.Lock()
	defer currentMu.Unlock()
	return current
}

// resettable reports whether the target is reset before each spec: it has a
// control endpoint that does not refuse /reset.
func (t *Target) resettable(caps control.Capabilities) bool {
	return t.Driver.Control() != nil && !caps.NoReset
}

// declared are the options the profile says the target runs with.
func (p Profile) declared() control.Options {
	o := maps.Clone(p.Options)
	if o == nil {
		o = control.Options{}
	}
	return o
}

// sharedBudget is the run's rate budget on a target that is not reset between
// specs: its windows and quarantines carry over from spec to spec.
func (t *Target) sharedBudget(cfg ratelimit.Config) *budget {
	t.budgetOnce.Do(func() { t.budget = newBudget(cfg) })
	return t.budget
}

func (t *Target) notify(line string) {
	if t.Notify != nil {
		t.Notify(line)
	}
}

func (t *Target) timeout() time.Duration {
	if t.Timeout > 0 {
		return t.Timeout
	}
	return DefaultTimeout
}

func (t *Target) silence() time.Duration {
	if t.Silence > 0 {
		return t.Silence
	}
	return DefaultSilence
}

// DefaultOptions are the options every spec starts from on a steerable
// target: each of the given origins may call every request, auth.getJwtToken
// included (it must be named explicitly, 001 Auth namespace > getJwtToken);
// every other option keeps its documented default.
func DefaultOptions(origins []string) control.Options {
	entries := make([]string, len(origins))
	for i, o := range origins {
		entries[i] = o + " (*, auth.getJwtToken)"
	}
	return control.Options{options.AcceptedOrigins: strings.Join(entries, ", ")}
}
