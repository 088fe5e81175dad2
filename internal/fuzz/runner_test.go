package fuzz

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/inproc"
)

// fakeService answers each request through answer; in the in-process
// driver it stands for a target in tests of the runner and the checks.
type fakeService struct {
	answer func(origin string, req map[string]any) []map[string]any
}

func (f fakeService) Connect(origin string, deliver func([]byte), _ func(error)) (func([]byte), func()) {
	return func(b []byte) {
		var req map[string]any
		if json.Unmarshal(b, &req) != nil {
			return
		}
		for _, m := range f.answer(origin, req) {
			raw, _ := json.Marshal(m)
			deliver(raw)
		}
	}, func() {}
}

// fakeTarget is a steerable target answering through answer.
func fakeTarget(answer func(origin string, req map[string]any) []map[string]any) driver.Driver {
	return inproc.New(inproc.Config{Service: fakeService{answer}, Control: fakeControl{}})
}

type fakeControl struct{}

func (fakeControl) Capabilities(context.Context) (control.Capabilities, error) {
	return control.Capabilities{Options: true}, nil
}
func (fakeControl) SetOptions(context.Context, control.Options) error { return nil }
func (fakeControl) Stimulate(context.Context, control.Stimulus) (control.StimulusResult, error) {
	return control.StimulusResult{}, nil
}
func (fakeControl) AdvanceClock(context.Context, time.Duration) error { return nil }
func (fakeControl) Reset(context.Context) error                       { return nil }

// succeedAll answers every request with a success, from any origin.
func succeedAll(_ string, req map[string]any) []map[string]any {
	return []map[string]any{{"referenceId": req["referenceId"], "request": req["request"], "data": nil,
		"userAgent": wire.ServerUserAgent, "protocolVersion": wire.ProtocolVersion}}
}

// failAll answers every request with an error.
func failAll(_ string, req map[string]any) []map[string]any {
	return []map[string]any{{"referenceId": req["referenceId"], "request": req["request"], "errorMessage": "busy",
		"userAgent": wire.ServerUserAgent, "protocolVersion": wire.ProtocolVersion}}
}

func TestRunnerFindings(t *testing.T) {
	origins := inprocOrigins[:2]
	opts := control.Options{"service-client-api.accepted-web-content-origins": origins[0]}
	call := func(client int) Step {
		return Step{Op: OpCall, Client: client, Request: "agent.getState", NoParams: true}
	}
	cases := []struct {
		name   string
		answer func(string, map[string]any) []map[string]any
		steps  []Step
		want   []string // requirements of which one finding is expected; none = no finding
	}{
		{"a call answered with an error", failAll, []Step{{Op: OpCall, Request: "voice.answer", Params: []Arg{Lit("9")}}}, nil},
		// A getter that fails: the method's own requirement, or the
		// allow-list's when only the grant can explain it.
		{"allowed getter refused", failAll, []Step{call(0)}, []string{methodRequirement("agent.getState"), reqOriginListed}},
		{"denied origin succeeds", succeedAll, []Step{call(1)}, []string{reqOriginListed}},
		{"silence where a reply is due", func(string, map[string]any) []map[string]any { return nil }, []Step{call(0)}, []string{reqReplyShape}},
		{"reply names another request", func(o string, req map[string]any) []map[string]any {
			m := succeedAll(o, req)
			m[0]["request"] = "agent.get"
			return m
		}, []Step{call(0)}, []string{reqReplyShape}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := NewRunner(fakeTarget(c.answer), Config{CallTimeout: 50 * time.Millisecond, Quiet: time.Millisecond})
			out, err := r.Run(context.Background(), &Session{Origins: origins, Options: opts, Steps: c.steps})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, f := range out.Findings {
				got[f.Requirement] = true
			}
			if len(c.want) == 0 && len(out.Findings) > 0 {
				t.Fatalf("findings %v against a conforming answer", out.Findings)
			}
			if len(c.want) > 0 && !slices.ContainsFunc(c.want, func(id string) bool { return got[id] }) {
				t.Fatalf("findings %v, want one of %s", out.Findings, c.want)
			}
			if out.Requests != len(c.steps) {
				t.Fatalf("%d requests counted, want %d", out.Requests, len(c.steps))
			}
		})
	}
}

// TestCampaignAgainstASilentTargetKeepsToItsTime: a target that never
// answers makes every call wait for its timeout; the campaign still ends
// after its deadline, the session under way and the bounded shrinking, with
// the silence as a finding.
func TestCampaignAgainstASilentTargetKeepsToItsTime(t *testing.T) {
	silent := fakeTarget(func(string, map[string]any) []map[string]any { return nil })
	g := &Generator{Seed: 1, Origins: inprocOrigins, Steerable: true}
	r := NewRunner(silent, Config{CallTimeout: 50 * time.Millisecond, Quiet: time.Millisecond})
	c := &Campaign{Generator: g, Runner: r, Duration: 500 * time.Millisecond, ShrinkTime: 500 * time.Millisecond}
	start := time.Now()
	st, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 6*time.Second {
		t.Fatalf("the campaign took %v for a 500 ms duration", el)
	}
	if len(st.Findings) == 0 {
		t.Fatal("a silent target gave no finding")
	}
}
