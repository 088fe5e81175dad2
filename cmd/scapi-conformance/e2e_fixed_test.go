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

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/fixtures/server"
	"scapi-conformance/internal/report"
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

// TestE2EFixedRunSpendsOnlyItsBudget: against the reference configured once
// with a limit on agent.get (quarantine for ever) and without one, doctor
// twice and then run the agent specs through a profile declaring the
// options: opening the target and the preflight spend no agent.get a limit
// counts, so no spec meets a quarantine the suite caused (before, each
// command's identification probe spent one, and the run's agent.get spec
// failed on silence), and no spec is skipped for anything but a stimulus.
func TestE2EFixedRunSpendsOnlyItsBudget(t *testing.T) {
	built(t)
	const origin = "https://app.example.com"
	allow := control.Options{options.AcceptedOrigins: origin + " (*, auth.getJwtToken)"}
	for _, tc := range []struct {
		name  string
		mode  server.ControlMode
		extra control.Options
	}{
		{"agent.get 2 per minute, quarantine for ever, clock only", server.ControlClockOnly,
			control.Options{options.RateLimit + ".agent.get": "2", options.QuarantineDelay: "0"}},
		{"no limit, no control", server.ControlNone, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := maps.Clone(allow)
			maps.Copy(opts, tc.extra)
			profilePath := fixedTarget(t, tc.mode, opts, []string{origin})
			for range 2 {
				e2e(t, "doctor", "--profile", profilePath).expect(t, exitOK)
			}
			r := e2e(t, "run", "--profile", profilePath, "--label-filter", "ns:agent", "--json", "{dir}/r.json")
			r.expect(t, exitOK)
			res := r.result(t)
			if res.Summary.Specs.Fail != 0 || res.Summary.Specs.Pass == 0 || res.Target.UserAgent != "WWE Server" {
				t.Errorf("summary %+v, userAgent %q; want passes, no failure, the identity from the preflight", res.Summary.Specs, res.Target.UserAgent)
			}
			for _, s := range res.Specs {
				if s.Verdict == report.Skipped && !strings.Contains(s.Reason, "the target cannot provide") {
					t.Errorf("%s skipped for another reason than a stimulus: %s", s.Text, s.Reason)
				}
			}
		})
	}
}

// fixedTarget serves the reference in fixed mode (mode, options configured
// once) from the test process and writes the profile declaring it, with the
// origins it accepts.
func fixedTarget(t *testing.T, mode server.ControlMode, opts control.Options, origins []string) string {
	t.Helper()
	srv := fixedServer(t, mode, opts)
	b, err := fixedProfileYAML(srv.WebSocketURL(), srv.ControlURL(), opts, origins)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "workspace.yaml")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// fixedServer serves the reference in fixed mode (mode, options configured
// once) from the test process until the test ends.
func fixedServer(t *testing.T, mode server.ControlMode, opts control.Options) *server.Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := server.Start(ctx, server.Config{Control: mode, Options: opts})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); srv.Close() })
	return srv
}
