package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/fixtures/server"
	"scapi-conformance/internal/report"
	"scapi-conformance/suites/framework"
)

// TestE2ELabStimuli: the inbound-call specs against the reference in fixed
// mode (configured once, no control endpoint), with the calls rung by the
// profile's stimulus commands: testdata/ring plays the lab's SIP tool,
// reaching the reference through a bridge of the test's own (the lab's
// telephony), never through a control endpoint of the target.
func TestE2ELabStimuli(t *testing.T) {
	built(t)
	dir := t.TempDir()
	ring := filepath.Join(dir, "ring")
	if out, err := exec.Command("go", "build", "-o", ring, "./testdata/ring").CombinedOutput(); err != nil {
		t.Fatalf("go build ./testdata/ring: %v\n%s", err, out)
	}
	origins := []string{"https://app.example.com", "https://other.example.com", "http://app.example.com:8080", "https://client.example.org"}
	accepted := framework.DefaultOptions(origins)
	srv, err := server.Start(context.Background(), server.Config{Control: server.ControlNone, Options: accepted})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	var rung []string
	bridge := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var st control.Stimulus
		if err := json.NewDecoder(r.Body).Decode(&st); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		res, err := srv.Workspace().Stimulate(st)
		if err != nil {
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		rung = append(rung, st.Name)
		json.NewEncoder(w).Encode(res)
	}))
	defer bridge.Close()

	var stimuli strings.Builder
	for _, name := range []string{control.StimInboundCall, control.StimRemoteRelease, control.StimPartyChange, control.StimCaseIDChange} {
		fmt.Fprintf(&stimuli, "  %s: {command: [%q, %s, %q], timeout: 10s}\n", name, ring, name, bridge.URL+"/stimulus")
	}
	profile := filepath.Join(dir, "lab.yaml")
	os.WriteFile(profile, []byte(fmt.Sprintf("target: {url: %q, timeout: 5s}\noptions:\n  %s: %q\norigins: [%s]\nstimuli:\n%s",
		srv.WebSocketURL(), options.AcceptedOrigins, accepted[options.AcceptedOrigins], strings.Join(origins, ", "), &stimuli)), 0o644)

	r := e2e(t, "run", "--profile", profile, "--label-filter", "needs:"+control.StimInboundCall, "--json", "{dir}/r.json")
	r.expect(t, exitOK)
	res, err := report.ReadJSON(filepath.Join(r.dir, "r.json"))
	if err != nil {
		t.Fatal(err)
	}
	s := res.Summary.Specs
	if s.Pass == 0 || s.Fail != 0 {
		t.Errorf("specs %+v; want the inbound-call specs to pass\n%s", s, tail(r.stdout, 40))
	}
	for _, sp := range res.Specs {
		if sp.Reason != "" {
			t.Logf("%s %q: %s", sp.Verdict, sp.Text, sp.Reason)
		}
		if strings.Contains(sp.Reason, control.StimInboundCall) {
			t.Errorf("spec %q skipped for want of the lab's call: %s", sp.Text, sp.Reason)
		}
	}
	if len(rung) == 0 || rung[0] != control.StimInboundCall {
		t.Errorf("the lab rang %v; want the calls rung by the stimulus command", rung)
	}
	t.Logf("specs %+v, stimuli rung by the command: %d", s, len(rung))
}
