package fuzz

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Campaign runs generated sessions against a target for a while, shrinks
// the first session showing each violation (by Finding.Signature) and saves
// it.
type Campaign struct {
	Generator *Generator
	// Runner runs the sessions of a campaign with one worker.
	Runner *Runner
	// Runners, when set, run them with one worker each instead, one worker each; each worker's runner
	// reaches its own target (sessions on one target would disturb each
	// other). Session k of the campaign is the generator's session
	// Shard.Session(k), whichever worker runs it.
	Runners []*Runner
	// Shard is the part of the seed's sessions this campaign runs (zero: all).
	Shard Shard
	// Duration bounds the campaign; MaxSessions too when positive.
	Duration    time.Duration
	MaxSessions uint64
	// OutDir receives one replay file per violation ("" = none).
	OutDir string
	// Progress receives a live progress line, rewritten each second (nil = none).
	Progress io.Writer
	// ProgressLines writes the progress as whole lines every ten seconds
	// instead (for a log or a pipe, where a rewritten line runs together).
	ProgressLines bool
	// StopAtFirst ends the campaign at its first FAIL finding.
	StopAtFirst bool
	// ShrinkTime bounds the shrinking of one finding (default 30 s; a target
	// that stays silent makes every replay wait for its timeouts).
	ShrinkTime time.Duration
	// Target and Mutant are recorded in the replay files (Replay.Spec).
	Target, Mutant string
}

// Saved is one deduplicated finding.
type Saved struct {
	Finding Finding `json:"finding"`
	// After is how long the campaign ran before the finding (shrinking excluded).
	After time.Duration `json:"after"`
	Index uint64        `json:"index"`
	// Steps is the length of the session before and after shrinking.
	Steps, Shrunk int    `json:"-"`
	File          string `json:"file,omitempty"`
}

// Stats sums up a campaign.
type Stats struct {
	Sessions, Requests, Messages int
	Elapsed                      time.Duration
	// Findings are in the order of their sessions.
	Findings []Saved
	// Ran lists the indices of the generated sessions that ran, in order.
	Ran []uint64
}

// campaignRun is the state the workers of one Run share.
type campaignRun struct {
	c         *Campaign
	st        *Stats
	start     time.Time
	deadline  time.Time
	next      atomic.Uint64 // the next k to run
	stopped   atomic.Bool
	mu        sync.Mutex
	seen      map[string]bool
	shrinking time.Duration
	err       error
}

// Run runs the campaign. It stops at the deadline (the sessions under way end
// first: their waits are bounded by the runner's timeouts), at MaxSessions,
// when ctx ends, or at a harness error (returned with the stats so far).
func (c *Campaign) Run(ctx context.Context) (*Stats, error) {
	runners := c.Runners
	if len(runners) == 0 && c.Runner != nil {
		runners = []*Runner{c.Runner}
	}
	if len(runners) == 0 {
		return nil, fmt.Errorf("%w: a campaign needs a runner", ErrHarness)
	}
	c.Generator.methods() // read once, before the workers share the generator
	cr := &campaignRun{c: c, st: &Stats{}, start: time.Now(), seen: map[string]bool{}}
	cr.deadline = cr.start.Add(c.Duration)
	done := make(chan struct{})
	go cr.report(done)
	var wg sync.WaitGroup
	for _, r := range runners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cr.work(ctx, r)
		}()
	}
	wg.Wait()
	close(done)
	st := cr.st
	st.Elapsed = time.Since(cr.start)
	sort.Slice(st.Ran, func(i, j int) bool { return st.Ran[i] < st.Ran[j] })
	sort.SliceStable(st.Findings, func(i, j int) bool { return st.Findings[i].Index < st.Findings[j].Index })
	c.progress(st, cr.start, true)
	return st, cr.err
}

// work runs sessions on r until the campaign ends.
func (cr *campaignRun) work(ctx context.Context, r *Runner) {
	c := cr.c
	for !cr.stopped.Load() && ctx.Err() == nil && time.Now().Before(cr.deadline) {
		k := cr.next.Add(1) - 1
		if c.MaxSessions > 0 && k >= c.MaxSessions {
			return
		}
		i := c.Shard.Session(k)
		s := c.Generator.Session(i)
		out, err := r.Run(ctx, s)
		if err != nil && ctx.Err() != nil {
			return // interrupted in the middle of a session
		}
		if err != nil {
			cr.fail(fmt.Errorf("session %d: %w", i, err))
			return
		}
		fresh := cr.count(i, out)
		for _, f := range fresh {
			t0 := time.Now()
			cr.mu.Lock()
			after := t0.Sub(cr.start) - cr.shrinking
			cr.mu.Unlock()
			// Past the deadline a finding is saved as found: the campaign
			// keeps to its time however many findings it has.
			saved, err := c.save(ctx, r, s, i, f, after, time.Now().Before(cr.deadline))
			cr.mu.Lock()
			cr.shrinking += time.Since(t0)
			cr.mu.Unlock()
			if err != nil {
				cr.fail(err)
				return
			}
			cr.mu.Lock()
			cr.st.Findings = append(cr.st.Findings, saved)
			fail, _ := Split(cr.st.Findings)
			cr.mu.Unlock()
			if c.StopAtFirst && len(fail) > 0 {
				cr.stopped.Store(true)
			}
		}
	}
}

// count adds a session's outcome to the stats and returns its findings not
// seen before (claimed for this worker to shrink).
func (cr *campaignRun) count(i uint64, out *Outcome) []Finding {
	cr.mu.Lock()
	defer cr.mu.Unlock()
	st := cr.st
	st.Sessions++
	st.Requests += out.Requests
	st.Messages += out.Messages
	st.Ran = append(st.Ran, i)
	var fresh []Finding
	for _, f := range out.Findings {
		if !cr.seen[f.Signature()] {
			cr.seen[f.Signature()] = true
			fresh = append(fresh, f)
			if f.Check == checkMethodFails {
				cr.c.Generator.Drop(f.Key) // not implemented: not generated again
			}
		}
	}
	return fresh
}

// fail ends the campaign with the first harness error.
func (cr *campaignRun) fail(err error) {
	cr.mu.Lock()
	if cr.err == nil {
		cr.err = err
	}
	cr.mu.Unlock()
	cr.stopped.Store(true)
}

// report rewrites the progress line each second (or writes one every ten
// seconds, ProgressLines) until done.
func (cr *campaignRun) report(done chan struct{}) {
	every := time.Second
	if cr.c.ProgressLines {
		every = 10 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			cr.mu.Lock()
			st := *cr.st
			cr.mu.Unlock()
			cr.c.progress(&st, cr.start, false)
		}
	}
}

// save shrinks the session to the finding's violation on r (when shrink is
// set) and writes it.
func (c *Campaign) save(ctx context.Context, r *Runner, s *Session, i uint64, f Finding, after time.Duration, shrink bool) (Saved, error) {
	sv := Saved{Finding: f, After: after, Index: i, Steps: len(s.Steps), Shrunk: len(s.Steps)}
	small := s
	if shrink {
		limit := c.ShrinkTime
		if limit <= 0 {
			limit = 30 * time.Second
		}
		sctx, cancel := context.WithTimeout(ctx, limit)
		var err error
		small, err = Shrink(sctx, s, FailsWith(r, f))
		cancel()
		if err != nil {
			return sv, fmt.Errorf("shrinking session %d: %w", i, err)
		}
		sv.Shrunk = len(small.Steps)
		// The finding as the shrunk session shows it.
		if out, err := r.Run(ctx, small); err == nil {
			for _, g := range out.Findings {
				if g.Signature() == f.Signature() {
					sv.Finding = g
					break
				}
			}
		}
	}
	if c.OutDir == "" {
		return sv, nil
	}
	if err := os.MkdirAll(c.OutDir, 0o755); err != nil {
		return sv, err
	}
	sv.File = filepath.Join(c.OutDir, f.FileName())
	return sv, WriteReplay(sv.File, &Replay{Finding: sv.Finding, Seed: c.Generator.Seed, Index: i,
		Target: c.Target, Mutant: c.Mutant, Session: *small})
}

func (c *Campaign) progress(st *Stats, start time.Time, final bool) {
	if c.Progress == nil {
		return
	}
	el := time.Since(start).Seconds()
	lead, end := "\r", ""
	if final {
		end = "\n"
	}
	if c.ProgressLines {
		lead, end = "", "\n"
	}
	fmt.Fprintf(c.Progress, lead+"fuzz %6.1fs  sessions %d (%.1f/s)  requests %d (%.0f/s)  findings %d%s",
		el, st.Sessions, float64(st.Sessions)/el, st.Requests, float64(st.Requests)/el, len(st.Findings), end)
}
