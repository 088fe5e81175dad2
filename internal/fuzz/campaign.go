package fuzz

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Campaign runs generated sessions against a target for a while, shrinks
// the first session showing each violated requirement and saves it.
type Campaign struct {
	Generator *Generator
	Runner    *Runner
	// Duration bounds the campaign; MaxSessions too when positive.
	Duration    time.Duration
	MaxSessions uint64
	// OutDir receives one replay file per violated requirement ("" = none).
	OutDir string
	// Progress receives a live progress line, rewritten each second (nil = none).
	Progress io.Writer
	// StopAtFirst ends the campaign at its first FAIL finding.
	StopAtFirst bool
	// ShrinkTime bounds the shrinking of one finding (default 30 s; a target
	// that stays silent makes every replay wait for its timeouts).
	ShrinkTime time.Duration
	// Target and Mutant are recorded in the replay files.
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
	Findings                     []Saved
}

// Run runs the campaign. It stops at the deadline (a session under way ends
// first: its waits are bounded by the runner's timeouts), at MaxSessions, when ctx
// ends, or at a harness error (returned with the stats so far).
func (c *Campaign) Run(ctx context.Context) (*Stats, error) {
	st := &Stats{}
	seen := map[string]bool{}
	start := time.Now()
	var shrinking time.Duration
	deadline := start.Add(c.Duration)
	lastLine := start
	defer c.progress(st, start, true)
	for i := uint64(0); c.MaxSessions == 0 || i < c.MaxSessions; i++ {
		if time.Now().After(deadline) || ctx.Err() != nil {
			break
		}
		s := c.Generator.Session(i)
		out, err := c.Runner.Run(ctx, s)
		if err != nil && ctx.Err() != nil {
			break // interrupted in the middle of a session
		}
		if err != nil {
			return st, fmt.Errorf("session %d: %w", i, err)
		}
		st.Sessions++
		st.Requests += out.Requests
		st.Messages += out.Messages
		for _, f := range out.Findings {
			if seen[f.Signature()] {
				continue
			}
			seen[f.Signature()] = true
			t0 := time.Now()
			saved, err := c.save(ctx, s, i, f, t0.Sub(start)-shrinking)
			shrinking += time.Since(t0)
			if err != nil {
				return st, err
			}
			st.Findings = append(st.Findings, saved)
		}
		if fail, _ := Split(st.Findings); c.StopAtFirst && len(fail) > 0 {
			break
		}
		if time.Since(lastLine) >= time.Second {
			lastLine = time.Now()
			c.progress(st, start, false)
		}
	}
	st.Elapsed = time.Since(start)
	return st, nil
}

// save shrinks the session to the finding's requirement and writes it.
func (c *Campaign) save(ctx context.Context, s *Session, i uint64, f Finding, after time.Duration) (Saved, error) {
	sv := Saved{Finding: f, After: after, Index: i, Steps: len(s.Steps)}
	limit := c.ShrinkTime
	if limit <= 0 {
		limit = 30 * time.Second
	}
	sctx, cancel := context.WithTimeout(ctx, limit)
	small, err := Shrink(sctx, s, FailsWith(c.Runner, f))
	cancel()
	if err != nil {
		return sv, fmt.Errorf("shrinking session %d: %w", i, err)
	}
	sv.Shrunk = len(small.Steps)
	// The finding as the shrunk session shows it.
	if out, err := c.Runner.Run(ctx, small); err == nil {
		for _, g := range out.Findings {
			if g.Signature() == f.Signature() {
				sv.Finding = g
				break
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
	end := ""
	if final {
		end = "\n"
	}
	fmt.Fprintf(c.Progress, "\rfuzz %6.1fs  sessions %d (%.1f/s)  requests %d (%.0f/s)  findings %d%s",
		el, st.Sessions, float64(st.Sessions)/el, st.Requests, float64(st.Requests)/el, len(st.Findings), end)
}
