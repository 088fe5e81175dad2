package runner_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/wire"

	"scapi-conformance/internal/report"
	"scapi-conformance/suites/framework"
)

// stopSilentTarget stops the silent target of the "lost" scenario.
var stopSilentTarget func()

// hangTarget makes the target of the "hung" scenario stop answering, while
// it still accepts connections.
var hangTarget func()

// hangingTarget answers every subscribe with an acknowledgement and every
// request with a success, as a Workspace would, until hangTarget is called;
// from then on it reads everything and answers nothing.
func hangingTarget(t *testing.T) string {
	var hung atomic.Bool
	hangTarget = func() { hung.Store(true) }
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
		if err != nil {
			return
		}
		defer c.CloseNow()
		for {
			_, b, err := c.Read(r.Context())
			if err != nil {
				return
			}
			var m map[string]any
			if json.Unmarshal(b, &m) != nil || hung.Load() {
				continue
			}
			answer := map[string]any{"referenceId": m["referenceId"], "userAgent": wire.ServerUserAgent, "protocolVersion": wire.ProtocolVersion}
			if m["event"] == wire.EventSubscribe {
				answer["subscriptionId"] = "subscription-1"
			} else {
				answer["request"], answer["data"] = m["request"], map[string]any{}
			}
			out, _ := json.Marshal(answer)
			if c.Write(r.Context(), websocket.MessageText, out) != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http") + "/scapi"
}

// Specs of the attribution and early-stop scenarios (label "more": the
// mixed scenario leaves them out).
var _ = ginkgo.Describe("more", ginkgo.Label("more"), func() {
	framework.ConformanceIt("attributes its failure to one of its requirements", framework.Reqs{"agent.get.1", "agent.getState.1"},
		func(s *framework.Session) {
			c := s.Client(s.Origins()[0])
			s.Call(c, "agent.get")
			s.For("agent.get.1", func() {})
			s.For("agent.getState.1", func() { ginkgo.Fail("Expected READY, got NOT_READY") })
		}, ginkgo.Label("attribution"))
	framework.ConformanceIt("fails outside any For", framework.Reqs{"agent.setState.1", "agent.setState.3"},
		func(s *framework.Session) {
			s.Call(s.Client(s.Origins()[0]), "agent.get")
			s.For("agent.setState.1", func() {})
			ginkgo.Fail("Expected READY, got NOT_READY")
		}, ginkgo.Label("attribution"))
	framework.ConformanceIt("fails, a kit knowing which requirement it breaks", framework.Reqs{"voice.hold.1"},
		func(s *framework.Session) {
			s.Call(s.Client(s.Origins()[0]), "agent.get")
			s.ForKit("voice.resume.1", func() { ginkgo.Fail("resume refused a held call") })
		}, ginkgo.Label("attribution"))
	framework.ConformanceIt("names a requirement it does not cite", framework.Reqs{"voice.dial.1"},
		func(s *framework.Session) {
			s.Call(s.Client(s.Origins()[0]), "agent.get")
			s.For("agent.get.1", func() {})
		}, ginkgo.Label("attribution"))

	ginkgo.It("stalls until the run's time is up", ginkgo.Label("req:agent.get.1", "stall"), func(ctx ginkgo.SpecContext) { <-ctx.Done() })
	ginkgo.It("would run after the stall", ginkgo.Label("req:agent.getState.1", "stall"), func() {})

	ginkgo.It("loses the target", ginkgo.Label("req:agent.get.1", "lost"), func() {
		stopSilentTarget()
		ginkgo.Fail("no reply to agent.get within 5s")
	})

	ginkgo.It("meets a target that hangs", ginkgo.Label("req:agent.get.1", "hung"), func(ctx ginkgo.SpecContext) {
		hangTarget()
		d := framework.Current().Driver
		c, err := d.Open(ctx, d.Origins()[0])
		if err != nil {
			ginkgo.Fail(err.Error())
		}
		defer c.Close()
		cctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
		defer cancel()
		_, err = c.Call(cctx, wire.NewRequest("agent.get", "", nil))
		ginkgo.Fail(fmt.Sprintf("agent.get: %v", err))
	})
	ginkgo.It("would run after the hang", ginkgo.Label("req:agent.getState.1", "hung"), func() {})
})

func TestRunAttributesFailures(t *testing.T) {
	o := runScenario(t, "attribution")
	if o.code != 1 || o.res == nil {
		t.Fatalf("exit %d, result %v; stdout:\n%s\nstderr:\n%s", o.code, o.res, o.stdout, o.stderr)
	}
	got := map[string]report.Verdict{}
	for _, rr := range o.res.Requirements {
		got[rr.ID] = rr.Verdict
	}
	want := map[string]report.Verdict{
		"agent.get.1": report.Skipped, "agent.getState.1": report.Fail, // attributed by For
		"agent.setState.1": report.Fail, "agent.setState.3": report.Fail, // outside any For: every cited one
		"voice.dial.1": report.Fail,                                   // For names a requirement the spec does not cite
		"voice.hold.1": report.Skipped, "voice.resume.1": report.Fail, // ForKit: not cited, attributed
	}
	for id, v := range want {
		if got[id] != v {
			t.Errorf("%s: %s, want %s (all: %v)", id, got[id], v, got)
		}
	}
	for _, s := range o.res.Specs {
		switch {
		case strings.HasPrefix(s.Text, "more attributes") && !slices.Equal(s.Violated, []string{"agent.getState.1"}):
			t.Errorf("%q violated %v, want [agent.getState.1]", s.Text, s.Violated)
		case strings.HasPrefix(s.Text, "more names") && !strings.Contains(s.Failure.Message, `For("agent.get.1"): the spec does not cite it`):
			t.Errorf("%q: %s", s.Text, s.Failure.Message)
		}
	}
}

func TestRunStoppedEarlyIsIncomplete(t *testing.T) {
	for _, tc := range []struct{ scenario, reason string }{
		{"timeout", "the run's time limit (--timeout 300ms) elapsed"},
		{"lost", "the target stopped answering"},
		{"hung", "the target stopped answering: a subscribe from https://"},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			o := runScenario(t, tc.scenario)
			if o.code != report.ExitIncomplete || o.res == nil || o.res.Verdict != report.Incomplete || !strings.Contains(o.res.Incomplete, tc.reason) {
				t.Fatalf("exit %d, result %+v; stdout:\n%s\nstderr:\n%s", o.code, o.res, o.stdout, o.stderr)
			}
			if o.res.Summary.Requirements.Fail != 0 || o.res.Summary.Specs.Fail != 0 || o.res.Summary.NotRun == 0 {
				t.Errorf("summary %+v: want no FAIL and specs NOT RUN", o.res.Summary)
			}
			for _, s := range o.res.Specs {
				if s.Verdict == report.NotRun && !strings.Contains(s.Reason, tc.reason) && !strings.Contains(s.Reason, "cut off") {
					t.Errorf("%q NOT RUN for %q", s.Text, s.Reason)
				}
			}
		})
	}
}
