package fuzz

import (
	"encoding/json"
	"reflect"
	"testing"

	"scapi-conformance/contract/control"
)

func testGenerator(seed uint64) *Generator {
	return &Generator{Seed: seed, Origins: inprocOrigins, Steerable: true, Clock: true,
		Stimuli: []string{control.StimInboundCall, control.StimRemoteRelease, control.StimInboundChat}}
}

func TestSameSeedSameSessions(t *testing.T) {
	a, b, c := testGenerator(7), testGenerator(7), testGenerator(8)
	differ := 0
	for i := uint64(0); i < 50; i++ {
		sa, sb := a.Session(i), b.Session(i)
		if !reflect.DeepEqual(sa, sb) {
			t.Fatalf("session %d differs between two generators of seed 7", i)
		}
		ja, _ := json.Marshal(sa)
		jc, _ := json.Marshal(c.Session(i))
		if string(ja) != string(jc) {
			differ++
		}
		if err := sa.Validate(); err != nil {
			t.Fatalf("session %d is invalid: %v", i, err)
		}
	}
	if differ < 45 {
		t.Fatalf("only %d of 50 sessions differ between seeds 7 and 8", differ)
	}
}

func TestGeneratorCoversEveryKindOfStep(t *testing.T) {
	g := testGenerator(1)
	seen := map[Op]int{}
	malformed, rate := 0, 0
	for i := uint64(0); i < 200; i++ {
		s := g.Session(i)
		if _, ok := s.Options["service-client-api.rate-limit-quarantine-delay"]; ok {
			rate++
		}
		for _, st := range s.Steps {
			seen[st.Op]++
			if st.Op == OpRaw {
				malformed++
			}
		}
	}
	for _, op := range []Op{OpCall, OpRaw, OpSubscribe, OpUnsubscribe, OpStimulus, OpClock} {
		if seen[op] == 0 {
			t.Errorf("200 sessions have no %s step", op)
		}
	}
	if rate == 0 {
		t.Error("no rate-limited session in 200")
	}
}

// A method the target does not implement is generated no more once its
// method-fails finding is counted; the other sessions stay as they were.
func TestMethodFailsDropsTheMethod(t *testing.T) {
	const req = "agent.getState"
	calls := func(g *Generator) (n int) {
		for i := uint64(0); i < 200; i++ {
			for _, st := range g.Session(i).Steps {
				if st.Op == OpCall && st.Request == req {
					n++
				}
			}
		}
		return n
	}
	g := testGenerator(3)
	if calls(g) == 0 {
		t.Fatalf("200 sessions never call %s", req)
	}
	cr := &campaignRun{c: &Campaign{Generator: g}, st: &Stats{}, seen: map[string]bool{}}
	f := finding("agent.getState.1", checkMethodFails, 0, 0, nil, "fails").keyed(req)
	if fresh := cr.count(0, &Outcome{Findings: []Finding{f, f}}); len(fresh) != 1 {
		t.Fatalf("count gave %d fresh findings of one signature, want 1", len(fresh))
	}
	if n := calls(g); n != 0 {
		t.Errorf("after the method-fails finding, 200 sessions still call %s %d times", req, n)
	}
	if a, b := testGenerator(3).Session(7), g.Session(7); len(b.Steps) > len(a.Steps) {
		t.Errorf("dropping a request added steps: %d, was %d", len(b.Steps), len(a.Steps))
	}
}
