package runner

import (
	"context"
	"reflect"
	"testing"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
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
