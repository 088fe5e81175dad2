package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestE2ESelftest(t *testing.T) {
	const caught, missed = "agent-state-event-missing", "auth-jwt-new-on-every-call"
	// Only the agent specs run: they catch the agent mutant, not the auth one.
	r := e2e(t, "selftest", "--mutants", caught+","+missed, "--label-filter", "ns:agent", "--json", "{dir}/st.json")
	r.expect(t, exitFailed)
	for _, want := range []string{"reference Workspace: pass", "mutation score: 1/2 = 50.0%", "SURVIVED " + missed + " (breaks auth.getJwtToken.2)",
		"mutant " + caught} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	b, err := os.ReadFile(filepath.Join(r.dir, "st.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep selftestReport
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, o := range rep.Outcomes {
		status[o.Mutant] = o.Status
		if o.Status == "killed" && len(o.Caught) == 0 {
			t.Errorf("%s killed by no spec", o.Mutant)
		}
		if o.Status == "killed" && (!o.OwnRequirement || !slices.Contains(o.Failed, o.Requirement)) {
			t.Errorf("%s (breaks %s) failed only %v", o.Mutant, o.Requirement, o.Failed)
		}
	}
	if len(rep.Misattributed) != 0 || !strings.Contains(r.stdout, "own requirement failed: 1/1 killed mutants") {
		t.Errorf("misattributed %v; output:\n%s", rep.Misattributed, r.stdout)
	}
	if rep.Reference.Status != "pass" || status[caught] != "killed" || status[missed] != "survived" || rep.Score != 0.5 {
		t.Errorf("selftest report %+v", rep)
	}

	bad := e2e(t, "selftest", "--mutants", "no-such-mutant")
	bad.expect(t, exitUsage)
}
