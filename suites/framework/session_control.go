package framework

import (
	"context"
	"fmt"
	"maps"
	"sort"
	"time"

	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
)

// SetOptions changes service-client-api.* options for the rest of the spec:
// the given keys replace those in effect (DefaultOptions at the start), the
// others stay. On a target whose options cannot be set, the spec goes on only
// if the options in force (declared by its profile) already give every key
// the given value, and is skipped with the reason otherwise. Expectations and
// the rate budget follow the new options.
func (s *Session) SetOptions(o control.Options) {
	ginkgo.GinkgoHelper()
	if !s.has(CapOptions) {
		if reason := optionsMismatch(s.options, o); reason != "" {
			ginkgo.Skip(reason)
		}
		return
	}
	merged := maps.Clone(s.options)
	maps.Copy(merged, o)
	ctx, cancel := s.wait()
	defer cancel()
	if err := s.t.Driver.Control().SetOptions(ctx, merged); err != nil {
		ginkgo.Fail(fmt.Sprintf("cannot set the options %v: %v", merged, err))
	}
	s.options = merged
	s.usePolicy(true)
}

// optionsMismatch names the first option of want that the options in force
// do not give the wanted value ("" when all do).
func optionsMismatch(inForce, want control.Options) string {
	for _, k := range sortedKeys(want) {
		if have, _ := options.Value(inForce, k); have != want[k] {
			return fmt.Sprintf("the spec needs %s=%q; the target's options cannot be set and are configured with %q", k, want[k], have)
		}
	}
	return ""
}

// Options returns the options in effect, as configured (an absent key has its
// documented default; see contract/options.Value).
func (s *Session) Options() control.Options { return maps.Clone(s.options) }

// Stimulate injects a stimulus (a control.Stim* name) and returns what it
// created. A target that cannot produce it skips the spec with the reason; a
// refused stimulus fails it.
func (s *Session) Stimulate(name string, args map[string]any) map[string]any {
	ginkgo.GinkgoHelper()
	if !s.has(name) {
		ginkgo.Skip(fmt.Sprintf("the target cannot produce the stimulus %q%s", name, unavailable(s.caps, name)))
	}
	ctx, cancel := s.wait()
	defer cancel()
	res, err := s.t.Driver.Control().Stimulate(ctx, control.Stimulus{Name: name, Args: args})
	if err != nil {
		ginkgo.Fail(fmt.Sprintf("stimulus %s %v: %v", name, args, err))
	}
	if res.Result == nil {
		return map[string]any{}
	}
	return res.Result
}

// Advance lets d pass on the target: the virtual clock moves when the target
// has one; otherwise a spec decorated Slow waits d in real time, and any other
// spec is skipped with the reason.
func (s *Session) Advance(d time.Duration) {
	ginkgo.GinkgoHelper()
	if d <= 0 {
		return
	}
	if s.has(CapClock) {
		s.advanceClock(d)
		s.advanced += d
		return
	}
	if !s.spec.slow {
		ginkgo.Skip(fmt.Sprintf("the target has no virtual clock and this spec is not decorated Slow: it would wait %s in real time", d))
	}
	s.t.notify(fmt.Sprintf("waiting %s in real time: the target has no virtual clock", d.Round(time.Second)))
	s.sleep(d, "in real time")
	s.advanced += d
	realWaited.Add(int64(d))
}

// sleep waits d in real time; the spec ending meanwhile fails it, naming what
// it waited for.
func (s *Session) sleep(d time.Duration, what string) {
	ginkgo.GinkgoHelper()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-s.ctx.Done():
		ginkgo.Fail(fmt.Sprintf("the spec ended while waiting %s %s: %v", d, what, s.ctx.Err()))
	}
}

// Elapsed is the time the spec let pass with Advance.
func (s *Session) Elapsed() time.Duration { return s.advanced }

func sortedKeys(o control.Options) []string {
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// clockReader is implemented by controllers that can read the target's
// virtual clock (GET /clock of the control protocol).
type clockReader interface {
	Now(ctx context.Context) (time.Time, error)
}

// Now is the target's time: its virtual clock when it has one that can be
// read, the local clock when it has none. A virtual clock that cannot be read
// (a controller without Now) is followed from the spec's start plus the time
// let pass with Advance; minute boundaries are then those of the local clock
// at the spec's start.
func (s *Session) Now() time.Time {
	ginkgo.GinkgoHelper()
	if !s.has(CapClock) {
		return time.Now()
	}
	cr, ok := s.t.Driver.Control().(clockReader)
	if !ok {
		return s.start.Add(s.advanced)
	}
	ctx, cancel := s.wait()
	defer cancel()
	now, err := cr.Now(ctx)
	if err != nil {
		ginkgo.Fail(fmt.Sprintf("cannot read the target's clock: %v", err))
	}
	return now
}

// AlignToMinute lets time pass (Advance) until the start of the target's next
// minute and returns that time, so that fixed one-minute windows start with
// the spec's timeline.
func (s *Session) AlignToMinute() time.Time {
	ginkgo.GinkgoHelper()
	now := s.Now()
	next := now.Truncate(time.Minute).Add(time.Minute)
	wait := next.Sub(now)
	if !s.has(CapClock) {
		wait += RealTimeMargin // the target's clock may be a little behind ours
	}
	s.Advance(wait)
	return next
}
