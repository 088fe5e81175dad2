package fuzz

import (
	"context"
	"testing"
	"time"

	"scapi-conformance/contract/wire"
)

// referenceRunner returns a generator and a runner of sessions against the
// in-process reference Workspace running the mutant.
func referenceRunner(t *testing.T, mutant string, strict bool) (*Generator, *Runner) {
	t.Helper()
	tg, err := InProcess(mutant)
	if err != nil {
		t.Fatal(err)
	}
	caps, err := tg.Control().Capabilities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	g := &Generator{Seed: 20261123, Origins: tg.Origins(), Steerable: caps.Options, Clock: caps.Clock, Stimuli: caps.Stimuli}
	return g, NewRunner(tg, Config{CallTimeout: time.Second, Quiet: 5 * time.Millisecond, Strict: strict, Clock: ClockOf(tg)})
}

// TestSessionsAreWatched: the first subscribe of an ordinary session is
// acknowledged by the reference, so the checks that need a watching client
// do run.
func TestSessionsAreWatched(t *testing.T) {
	g, r := referenceRunner(t, "", false)
	watched := 0
	for i := uint64(0); i < 20; i++ {
		s := g.Session(i)
		if len(s.Steps) == 0 || s.Steps[0].Op != OpSubscribe {
			continue // a rate-limited session
		}
		s.Steps = s.Steps[:1]
		ex, err := r.start(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		ex.do(s.Steps[0])
		if c := ex.rec.calls[0]; c.reply == nil || c.reply.msg.Kind() != wire.KindAck {
			t.Errorf("session %d: the watching subscribe %v is not acknowledged: %s", i, s.Steps[0].Events, c.reply.raw)
		} else {
			watched++
		}
		ex.stop()
	}
	if watched == 0 {
		t.Fatal("no ordinary session among 20")
	}
}

// TestNoFindingAgainstTheReference: the fuzzer reports nothing against the
// reference Workspace (every check derives from the documentation; a
// finding here is a false positive or a reference defect).
func TestNoFindingAgainstTheReference(t *testing.T) {
	g, r := referenceRunner(t, "", false)
	for i := uint64(0); i < 60; i++ {
		out, err := r.Run(context.Background(), g.Session(i))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range out.Findings {
			t.Errorf("session %d: %s", i, f)
		}
	}
}
