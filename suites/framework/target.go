package framework

import (
	"strings"
	"sync"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/driver"
)

// Default bounds, used when a Target leaves them zero.
const (
	// DefaultTimeout bounds every single wait for a reply, an acknowledgement
	// or an event.
	DefaultTimeout = 5 * time.Second
	// DefaultSilence is how long a spec listens to conclude that nothing
	// arrives (an ignored request, an event that must not be delivered).
	DefaultSilence = 300 * time.Millisecond
	// DefaultSpecTimeout bounds a whole spec that is not decorated Slow.
	DefaultSpecTimeout = time.Minute
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

	capsOnce sync.Once
	caps     control.Capabilities
	capsErr  error
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
