package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/controlclient"
	"scapi-conformance/internal/report"
)

func TestObserverLearnsTokens(t *testing.T) {
	for _, tc := range []struct {
		name, request, reply string
		redacted             bool
	}{
		{"reply to a getJwtToken call", "auth.getJwtToken", `{"referenceId":"1","data":{"jwtToken":"opaque-token-1234","expiration":"x"}}`, true},
		{"reply naming getJwtToken", "", `{"request":"auth.getJwtToken","referenceId":"1","data":["opaque-token-1234"]}`, true},
		{"other request", "agent.get", `{"request":"agent.get","referenceId":"1","data":{"name":"opaque-token-1234"}}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := &observer{redactor: report.NewRedactor()}
			m, err := wire.Decode([]byte(tc.reply))
			if err != nil {
				t.Fatal(err)
			}
			o.learn(tc.request, m)
			got := o.redactor.String("token opaque-token-1234")
			if redacted := got == "token [REDACTED]"; redacted != tc.redacted {
				t.Errorf("after %s: %q", tc.name, got)
			}
		})
	}
}

// fakeController answers capabilities with every stimulus and records stimuli.
type fakeController struct {
	driver.Controller
	stimulated []string
}

func (f *fakeController) Capabilities(context.Context) (control.Capabilities, error) {
	return control.Capabilities{Stimuli: []string{control.StimInboundCall, control.StimInboundChat, control.StimCampaign}}, nil
}

func (f *fakeController) Stimulate(_ context.Context, s control.Stimulus) (control.StimulusResult, error) {
	f.stimulated = append(f.stimulated, s.Name)
	return control.StimulusResult{}, nil
}

type fakeDriver struct {
	driver.Driver
	c driver.Controller
}

func (d fakeDriver) Control() driver.Controller { return d.c }

func TestObserverNarrowsStimuliToTheProfile(t *testing.T) {
	fc := &fakeController{}
	o := &observer{Driver: fakeDriver{c: fc}, stimuli: []string{control.StimInboundChat, control.StimRealtime}}
	caps, err := o.Control().Capabilities(context.Background())
	if err != nil || !reflect.DeepEqual(caps.Stimuli, []string{control.StimInboundChat}) {
		t.Errorf("Capabilities = %v, %v; want only inbound-chat", caps.Stimuli, err)
	}
	if _, err := o.Control().Stimulate(context.Background(), control.Stimulus{Name: control.StimInboundCall}); err == nil {
		t.Errorf("a stimulus outside the profile was injected")
	}
	if _, err := o.Control().Stimulate(context.Background(), control.Stimulus{Name: control.StimInboundChat}); err != nil {
		t.Error(err)
	}
	if !reflect.DeepEqual(fc.stimulated, []string{control.StimInboundChat}) {
		t.Errorf("stimulated %v", fc.stimulated)
	}
	if (&observer{Driver: fakeDriver{c: fc}}).Control() != driver.Controller(fc) {
		t.Errorf("without profile stimuli the controller must be the target's own")
	}
}

// The control client of a steerable target reads its clock this way.
var _ clockReader = (*controlclient.Client)(nil)

// clockController is a fakeController that reads a virtual clock.
type clockController struct {
	fakeController
	now time.Time
}

func (c *clockController) Now(context.Context) (time.Time, error) { return c.now, nil }

// A profile that narrows the stimuli keeps the target's virtual clock
// readable (Session.Now), and adds none to a controller that has none.
func TestNarrowedControllerKeepsTheClock(t *testing.T) {
	virtual := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	o := &observer{Driver: fakeDriver{c: &clockController{now: virtual}}, stimuli: []string{control.StimInboundChat}}
	clock, ok := o.Control().(clockReader)
	if !ok {
		t.Fatalf("the narrowed controller %T hides the target's clock", o.Control())
	}
	if now, err := clock.Now(context.Background()); err != nil || !now.Equal(virtual) {
		t.Errorf("Now = %v, %v; want the target's %v", now, err, virtual)
	}
	caps, _ := o.Control().Capabilities(context.Background())
	if !reflect.DeepEqual(caps.Stimuli, []string{control.StimInboundChat}) {
		t.Errorf("with a clock the stimuli are still narrowed: %v", caps.Stimuli)
	}
	o = &observer{Driver: fakeDriver{c: &fakeController{}}, stimuli: []string{control.StimInboundChat}}
	if _, ok := o.Control().(clockReader); ok {
		t.Errorf("a controller without a clock gained one when narrowed")
	}
}

// recordedClient only has a transcript.
type recordedClient struct {
	driver.Client
	entries []driver.Entry
}

func (c recordedClient) Transcript() []driver.Entry { return c.entries }

func TestTranscriptIsBoundedAndRedacted(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var entries []driver.Entry
	for i := range maxTranscriptEntries + 5 {
		msg := `{"data":"hunter2-secret"}`
		if i == 1 {
			msg = `{"data":"` + strings.Repeat("x", 2*maxTranscriptMessage) + `"}`
		}
		entries = append(entries, driver.Entry{Time: t0.Add(time.Duration(i) * time.Millisecond), Direction: driver.In,
			Origin: "http://127.0.0.1:1", Message: json.RawMessage(msg)})
	}
	o := &observer{redactor: report.NewRedactor("hunter2-secret")}
	o.clients = []driver.Client{recordedClient{entries: entries}}
	got := o.transcript()
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != maxTranscriptEntries+1 || lines[len(lines)-1] != "… 5 more envelopes not shown" {
		t.Errorf("%d lines, last %q", len(lines), lines[len(lines)-1])
	}
	if want := `     +0.0ms ← got by client 1 from http://127.0.0.1:1 {"data":"[REDACTED]"}`; lines[0] != want {
		t.Errorf("first line %q, want %q", lines[0], want)
	}
	if !strings.HasSuffix(lines[1], fmt.Sprintf("… (%d bytes in all)", 2*maxTranscriptMessage+11)) || len(lines[1]) > maxTranscriptMessage+100 {
		t.Errorf("a huge message is not cut: %d bytes", len(lines[1]))
	}
}
