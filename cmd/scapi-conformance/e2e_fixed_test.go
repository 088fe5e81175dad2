package main

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestE2EServeFixed: serve --options FILE --no-control serves the reference
// configured once with no control endpoint; a bad options file is refused at
// its line and column.
func TestE2EServeFixed(t *testing.T) {
	bin := built(t)
	dir := t.TempDir()
	opts := filepath.Join(dir, "options.yaml")
	os.WriteFile(opts, []byte("service-client-api.accepted-web-content-origins: https://app.example.com (agent.*)\n"+
		"service-client-api.rate-limit: 5\n"), 0o644)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	srv, err := startServe(ctx, bin, []string{"serve", "--options", opts, "--no-control"}, false)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.stop()
	ws := srv.urls["websocket"]
	if ws == "" || srv.urls["control"] != "" {
		t.Fatalf("serve --no-control printed URLs %v; want a websocket URL and no control URL", srv.urls)
	}
	resp, err := http.Get("http" + strings.TrimSuffix(strings.TrimPrefix(ws, "ws"), "/scapi") + "/control/capabilities")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /control/capabilities = %d without control; want 404", resp.StatusCode)
	}

	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("service-client-api.rate-limit: 5\nservice-client-api.rate-limit-quarantine-delay: -1\n"), 0o644)
	r := e2e(t, "serve", "--options", bad, "--clock-only")
	r.expect(t, exitUsage)
	if want := bad + ":2:49: service-client-api.rate-limit-quarantine-delay="; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q; want it to name %q", r.stderr, want)
	}
}

// TestE2ESelftestFixed: selftest --fixed (clock-only, its default) on two
// option sets and the agent specs: the reference passes under both, the agent mutant is caught, the
// user-data mutant is not (the agent specs do not read user data), and the
// JSON says so per option set.
func TestE2ESelftestFixed(t *testing.T) {
	const caught, missed = "agent-state-event-missing", "user-data-read-unfiltered"
	r := e2e(t, "selftest", "--fixed", "--sets", "defaults,user-data-lists", "--mutants", caught+","+missed,
		"--label-filter", "ns:agent", "--parallel", "2", "--json", "{dir}/fixed.json")
	r.expect(t, exitFailed) // a security-option mutant is caught under no set
	if !regexp.MustCompile(missed + ` +security\.userData\.3 +UNCAUGHT`).MatchString(r.stdout) {
		t.Errorf("output does not say %s is UNCAUGHT:\n%s", missed, r.stdout)
	}
	b, err := os.ReadFile(filepath.Join(r.dir, "fixed.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep fixedReport
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Mode != "clock-only" || rep.Seed == 0 || len(rep.OptionSets) != 2 ||
		len(rep.SecurityMutants) != 1 || rep.SecurityMutants[0].Mutant != missed || len(rep.SecurityMutants[0].CaughtUnder) != 0 ||
		!slices.Equal(rep.SecurityUncaught, []string{missed}) {
		t.Fatalf("report %s", b)
	}
	for i, name := range []string{"defaults", "user-data-lists"} {
		s := rep.OptionSets[i]
		want := fixedOptionSets[slices.IndexFunc(fixedOptionSets, func(s fixedOptionSet) bool { return s.Name == name })]
		if s.Name != name || !maps.Equal(s.Options, want.Options) || len(s.Origins) == 0 {
			t.Errorf("option set %d: %s %v %v; want %s %v", i, s.Name, s.Options, s.Origins, name, want.Options)
		}
		ref := s.Reference
		if ref.Status != "pass" || ref.Requirements.Fail != 0 || ref.Requirements.Pass == 0 || ref.Specs.Pass == 0 {
			t.Errorf("%s: reference %+v; want a pass with passing requirements", name, ref)
		}
		if len(s.Caught) != 1 || s.Caught[0].Mutant != caught || len(s.Caught[0].Failures) == 0 || !s.Caught[0].OwnRequirement ||
			!slices.Equal(s.Survived, []string{missed}) || s.Mutants != 2 || s.Score != 0.5 {
			t.Errorf("%s: caught %+v survived %v score %v; want %s caught by a spec, %s survived, 0.5", name, s.Caught, s.Survived, s.Score, caught, missed)
		}
	}
}
