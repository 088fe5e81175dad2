package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/fixtures/server"
	"scapi-conformance/internal/report"
	"scapi-conformance/internal/report/reporttest"
)

// startTarget serves the reference Workspace from the test process, as an
// external target the binary reaches by URL.
func startTarget(t *testing.T) *server.Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := server.Start(ctx, server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); srv.Close() })
	return srv
}

func TestE2ESteerableExternalTarget(t *testing.T) {
	srv := startTarget(t)
	r := e2e(t, "run", "--target", srv.WebSocketURL(), "--control", srv.ControlURL(), "--label-filter", "ns:agent || ns:security", "--json", "{dir}/r.json")
	r.expect(t, exitOK)
	res := r.result(t)
	if res.Target.Embedded || res.Target.URL != srv.WebSocketURL() || res.Summary.Requirements.Pass == 0 {
		t.Errorf("target %+v summary %+v", res.Target, res.Summary)
	}
}

// TestE2ENonSteerableTargetWithProfile certifies a target that cannot be
// steered, as a real Workspace: its options are configured out of band and
// described by the profile; specs that need options, stimuli or the clock
// are skipped with their reason, the others decide.
func TestE2ENonSteerableTargetWithProfile(t *testing.T) {
	srv := startTarget(t)
	const origin = "https://app.example.com"
	opts := control.Options{options.AcceptedOrigins: origin + " (*, auth.getJwtToken)"}
	if err := srv.Workspace().SetOptions(opts); err != nil {
		t.Fatal(err)
	}
	profilePath := filepath.Join(t.TempDir(), "workspace.yaml")
	profileText := "target:\n  driver: ws\n  url: " + srv.WebSocketURL() + "\n" +
		"options:\n  " + options.AcceptedOrigins + ": \"" + opts[options.AcceptedOrigins] + "\"\n" +
		"origins: [" + origin + "]\n"
	if err := os.WriteFile(profilePath, []byte(profileText), 0o644); err != nil {
		t.Fatal(err)
	}
	r := e2e(t, "run", "--profile", profilePath, "--label-filter", "ns:agent", "--json", "{dir}/r.json")
	if r.code != exitOK && r.code != exitFailed {
		r.expect(t, exitOK)
	}
	t.Log(tail(r.stdout, 8))
	res := r.result(t)
	if res.Target.Embedded || res.Provenance.Profile != profilePath || res.Summary.Specs.Skipped == 0 {
		t.Errorf("target %+v provenance %+v summary %+v", res.Target, res.Provenance, res.Summary)
	}
	for _, s := range res.Specs {
		if s.Verdict == report.Skipped && !strings.Contains(s.Reason, "cannot provide") && s.Reason == "" {
			t.Errorf("%s skipped without a reason", s.Text)
		}
	}
	if r.code != exitOK {
		t.Errorf("a non-steerable reference Workspace described by its profile is not conforming:\n%s", tail(r.stdout, 30))
	}

	// Specs that need a stimulus are all skipped here: nothing is tested.
	clock := e2e(t, "run", "--profile", profilePath, "--label-filter", "needs:inbound-call", "--json", "{dir}/r.json")
	clock.expect(t, exitUsage)
	if res := clock.result(t); res.Summary.Specs.Skipped == 0 || res.Specs[0].Reason == "" {
		t.Errorf("the report of a run that tested nothing does not say why: %+v", res.Summary)
	}
	if !strings.Contains(clock.stderr, "selected specs were skipped") || !strings.Contains(clock.stderr, "nothing was tested") {
		t.Errorf("stderr %q does not say that nothing was tested", clock.stderr)
	}
}

func TestE2EBrowserDriver(t *testing.T) {
	reporttest.Chromium(t)
	r := e2e(t, "run", "--driver", "browser", "--label-filter", "ns:agent || ns:envelope", "--json", "{dir}/r.json")
	r.expect(t, exitOK)
	res := r.result(t)
	if res.Provenance.Driver != "browser" || res.Provenance.Browser == "" || !strings.HasPrefix(res.Target.URL, "http://127.0.0.1:") ||
		res.Summary.Requirements.Pass == 0 {
		t.Errorf("provenance %+v target %+v summary %+v", res.Provenance, res.Target, res.Summary)
	}
}
