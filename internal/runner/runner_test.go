package runner_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/wire"
	"scapi-conformance/internal/report"
	"scapi-conformance/internal/runner"
	"scapi-conformance/internal/target"
	"scapi-conformance/suites/framework"
)

// A tiny spec tree of known outcomes, one per verdict; the real suite is
// tested end to end through the binary (cmd/scapi-conformance).
var _ = ginkgo.Describe("tiny", func() {
	ginkgo.It("passes", ginkgo.Label("req:agent.get.1", "ns:agent"), func() {})
	ginkgo.It("passes leniently", ginkgo.Label("req:agent.getState.1"), func() {
		ginkgo.AddReportEntry("non-strict", "INT-NS-1")
	})
	ginkgo.It("fails after talking to the target", ginkgo.Label("req:agent.setState.1"), func(ctx ginkgo.SpecContext) {
		d := framework.Current().Driver
		c, err := d.Open(ctx, d.Origins()[0])
		if err != nil {
			ginkgo.Fail(err.Error())
		}
		defer c.Close()
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		c.Call(cctx, wire.NewRequest("agent.get", "", nil))
		ginkgo.Fail("Expected READY, got hunter2-secret")
	})
	ginkgo.It("skips", ginkgo.Label("req:voice.dial.1"), func() { ginkgo.Skip("no inbound-call stimulus") })
	ginkgo.It("is filtered out by the default scenario", ginkgo.Label("req:email.create.1", "extra"), func() {})
})

// scenarioEnv names the scenario a child process runs (Ginkgo runs one suite
// per process, so each scenario is its own process, as the CLI's are).
const scenarioEnv = "RUNNER_TEST_SCENARIO"

var scenarios = map[string]runner.Config{
	"mixed":       {LabelFilter: "!extra && !more", Seed: 5}, // leaves out 1 extra and 9 more specs
	"nothing":     {LabelFilter: "req:does.not.exist"},
	"bad-filter":  {LabelFilter: "req:(("},
	"bad-focus":   {Focus: "(("},
	"unreachable": {Target: target.Spec{URL: "ws://127.0.0.1:1/scapi"}},
	"bad-mutant":  {Target: target.Spec{Mutant: "no-such-mutant"}},
	"silent":      {LabelFilter: "req:agent.get.1 && !more"},
	"attribution": {LabelFilter: "attribution"},
	"timeout":     {LabelFilter: "stall", Timeout: 300 * time.Millisecond},
	"lost":        {LabelFilter: "lost"},
	"hung":        {LabelFilter: "hung"},
	// a reference in fixed mode that accepts no origin (preflight.go)
	"unconfigured": {LabelFilter: "req:agent.get.1 && !more"},
}

// silentTarget accepts websocket clients and never answers them.
func silentTarget(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
		if err != nil {
			return
		}
		defer c.CloseNow()
		for {
			if _, _, err := c.Read(r.Context()); err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	stopSilentTarget = func() { srv.CloseClientConnections(); srv.Close() }
	return "ws" + strings.TrimPrefix(srv.URL, "http") + "/scapi"
}

func TestScenarioChild(t *testing.T) {
	name := os.Getenv(scenarioEnv)
	if name == "" {
		t.Skip("run by TestRun in a child process")
	}
	cfg := scenarios[name]
	if name == "silent" || name == "lost" {
		cfg.Target.URL = silentTarget(t)
	}
	if name == "hung" {
		cfg.Target.URL = hangingTarget(t)
	}
	if name == "unconfigured" {
		cfg.Target.URL = unconfiguredTarget(t)
	}
	cfg.Progress = os.Stdout
	cfg.Redactor = report.NewRedactor("hunter2-secret")
	res, err := runner.Run(context.Background(), cfg)
	if res != nil {
		if werr := report.WriteJSON(os.Getenv("RUNNER_TEST_JSON"), res); werr != nil {
			t.Fatal(werr)
		}
	}
	switch {
	case errors.Is(err, runner.ErrUsage):
		fmt.Fprintln(os.Stderr, "ERROR", err)
		os.Exit(2)
	case errors.Is(err, runner.ErrUnreachable):
		fmt.Fprintln(os.Stderr, "ERROR", err)
		os.Exit(3)
	case err != nil:
		t.Fatal(err)
	}
	os.Exit(res.ExitCode)
}

type outcome struct {
	code           int
	stdout, stderr string
	res            *report.Result
}

func runScenario(t *testing.T, name string) outcome {
	t.Helper()
	jsonPath := filepath.Join(t.TempDir(), "result.json")
	cmd := exec.Command(os.Args[0], "-test.run=^TestScenarioChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), scenarioEnv+"="+name, "RUNNER_TEST_JSON="+jsonPath)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	o := outcome{stdout: stdout.String(), stderr: stderr.String()}
	switch {
	case errors.As(err, &exitErr):
		o.code = exitErr.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	if _, statErr := os.Stat(jsonPath); statErr == nil {
		o.res, err = report.ReadJSON(jsonPath)
		if err != nil {
			t.Fatal(err)
		}
	}
	return o
}

func TestRunMixedVerdicts(t *testing.T) {
	o := runScenario(t, "mixed")
	if o.code != 1 || o.res == nil {
		t.Fatalf("exit %d, result %v; stdout:\n%s\nstderr:\n%s", o.code, o.res, o.stdout, o.stderr)
	}
	got := map[string]report.Verdict{}
	for _, rr := range o.res.Requirements {
		got[rr.ID] = rr.Verdict
	}
	want := map[string]report.Verdict{"agent.get.1": report.Pass, "agent.getState.1": report.NonStrict,
		"agent.setState.1": report.Fail, "voice.dial.1": report.Skipped}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("verdicts %v, want %v", got, want)
	}
	if o.res.Summary.NotSelected != 10 || o.res.Provenance.Seed != 5 || o.res.Verdict != report.NonConforming || !o.res.Target.Embedded {
		t.Errorf("summary %+v provenance %+v target %+v", o.res.Summary, o.res.Provenance, o.res.Target)
	}
	for _, line := range []string{"] PASS       tiny passes (agent.get.1)", "] FAIL       tiny fails after talking to the target (agent.setState.1)",
		"under INT-NS-1", "no inbound-call stimulus", "Expected READY, got [REDACTED]"} {
		if !strings.Contains(o.stdout, line) {
			t.Errorf("progress lacks %q:\n%s", line, o.stdout)
		}
	}
	var failed *report.Spec
	for i, s := range o.res.Specs {
		if s.Verdict == report.Fail {
			failed = &o.res.Specs[i]
		}
	}
	if failed == nil || len(failed.Failure.Attachments) == 0 || failed.Failure.Attachments[0].Name != "transcript" ||
		!strings.Contains(failed.Failure.Attachments[0].Value, `→ sent by client 1 (https://`) {
		t.Errorf("the failing spec carries no transcript of its client: %+v", failed)
	}
	b, _ := json.Marshal(o.res)
	if bytes.Contains(b, []byte("hunter2-secret")) || strings.Contains(o.stdout+o.stderr, "hunter2-secret") {
		t.Errorf("the secret leaked into the result or the log")
	}
}

func TestRunWarnsOfASilentTarget(t *testing.T) {
	o := runScenario(t, "silent")
	if o.code != 0 || !strings.Contains(o.stdout, "BROKEN  target answers             no usable answer to agent.get") {
		t.Errorf("exit %d; stdout:\n%s\nstderr:\n%s", o.code, o.stdout, o.stderr)
	}
}

func TestRunErrors(t *testing.T) {
	for _, tc := range []struct {
		scenario string
		code     int
		stderr   string
	}{
		{"nothing", 2, `no spec selected (label filter "req:does.not.exist", focus ""): nothing would be tested`},
		{"bad-filter", 2, `--label-filter "req:((":`},
		{"bad-focus", 2, `--focus "((" is not a regular expression`},
		{"unreachable", 3, "target unreachable: ws://127.0.0.1:1/scapi"},
		{"bad-mutant", 2, `unknown mutant "no-such-mutant"`},
		{"unconfigured", 2, `the target accepts none of the suite's 4 client origins, so every spec would fail on its configuration: ` +
			`configure the Workspace with service-client-api.accepted-web-content-origins = https://app.example.com (*, auth.getJwtToken), `},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			o := runScenario(t, tc.scenario)
			if o.code != tc.code || !strings.Contains(o.stderr, tc.stderr) {
				t.Errorf("exit %d, want %d; stderr %q lacks %q", o.code, tc.code, o.stderr, tc.stderr)
			}
		})
	}
}
