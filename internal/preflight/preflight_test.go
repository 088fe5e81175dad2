package preflight

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/drivertest"
	"scapi-conformance/driver/inproc"
	"scapi-conformance/driver/ws"
	"scapi-conformance/fixtures/inprocess"
	"scapi-conformance/suites/framework"
)

// reference is the in-process reference Workspace running mutant.
func reference(t *testing.T, mutant string) driver.Driver {
	svc, err := inprocess.New(mutant)
	if err != nil {
		t.Fatal(err)
	}
	d := inproc.New(inproc.Config{Service: svc, Control: svc.Control(), Timeout: time.Second})
	t.Cleanup(func() { d.Close() })
	return d
}

func TestPreflight(t *testing.T) {
	steer := framework.DefaultOptions(inproc.DefaultOrigins)
	cases := []struct {
		name, mutant string
		options      bool   // set the suite's default options first
		spare        bool   // Config.SpareRequests
		broken       string // the broken check ("" = none)
		detail       string // in the broken check's detail
	}{
		{name: "healthy", options: true},
		{name: "no origin accepted", broken: CheckOrigins,
			detail: `none of the 4 client origins is accepted: http://127.0.0.1:8801: "The origin 'http://127.0.0.1:8801' is not listed`},
		{name: "referenceId as a number", mutant: "envelope-reference-id-as-number", options: true, broken: CheckReply,
			detail: "the reply echoes referenceId as 0, a JSON number, not the string sent: the vendor client compares with === and drops it (envelope.reply.3)"},
		{name: "userAgent without WWE", mutant: "envelope-user-agent-without-wwe", options: true, broken: CheckReply,
			detail: `the reply's userAgent "Workspace Server" does not contain "WWE"`},
		{name: "protocolVersion 1", mutant: "envelope-protocol-version-1", options: true, broken: CheckReply,
			detail: "protocolVersion is 1, not 2 (envelope.reply.2)"},
		{name: "acknowledgement with an event key", mutant: "subscribe-ack-with-event-key", options: true, broken: CheckSubscribe,
			detail: `the answer carries an "event" key ("subscribe")`},
		{name: "healthy, no request spent", options: true, spare: true},
		{name: "no origin accepted, no request spent", spare: true, broken: CheckOrigins, detail: "none of the 4 client origins is accepted"},
		{name: "acknowledgement with an event key, no request spent", mutant: "subscribe-ack-with-event-key", options: true, spare: true,
			broken: CheckSubscribe, detail: `the answer carries an "event" key ("subscribe")`},
		{name: "acknowledgement not echoing the referenceId", mutant: "subscribe-ack-reference-id-not-echoed", options: true, broken: CheckSubscribe,
			detail: `carries referenceId "subscription-`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := Config{Driver: reference(t, c.mutant), Timeout: time.Second, SpareRequests: c.spare}
			if c.options {
				cfg.Options = steer
			}
			r, err := Run(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			r.Write(&out)
			broken := r.Broken()
			if c.broken == "" {
				if len(broken) > 0 || len(r.Accepted) != 4 || !r.Steered {
					t.Fatalf("a healthy reference: broken %v, accepted %v, steered %v\n%s", broken, r.Accepted, r.Steered, &out)
				}
				if r.UserAgent != "WWE Server" || r.ProtocolVersion != "2" {
					t.Errorf("identity %q, %q; want the first reply's WWE Server, 2", r.UserAgent, r.ProtocolVersion)
				}
				return
			}
			if len(broken) != 1 || broken[0].Name != c.broken || !strings.Contains(broken[0].Detail, c.detail) {
				t.Fatalf("broken = %+v; want only %q saying %q\n%s", broken, c.broken, c.detail, &out)
			}
			if got := r.NoOriginAccepted(); got != (c.broken == CheckOrigins) {
				t.Errorf("NoOriginAccepted = %v\n%s", got, &out)
			}
		})
	}
}

// TestFixNamesTheOptionLine: with no origin accepted, the report says which
// option line makes the suite's origins accepted.
func TestFixNamesTheOptionLine(t *testing.T) {
	r, err := Run(context.Background(), Config{Driver: reference(t, ""), Origins: []string{"https://app.example.com"}, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	r.Write(&out)
	want := "fix: configure the Workspace with service-client-api.accepted-web-content-origins = https://app.example.com (*, auth.getJwtToken)"
	if !strings.Contains(out.String(), want) || !r.NoOriginAccepted() {
		t.Errorf("report:\n%s\nwant a line %q", &out, want)
	}
	if r.Check(CheckReply).Status != OK {
		t.Errorf("an error reply still shows a sound envelope: %+v", r.Check(CheckReply))
	}
}

// TestSilentTarget: a target that never answers is reported within the
// timeout, and the later checks are not run.
func TestSilentTarget(t *testing.T) {
	never := drivertest.HostileCases()
	var h drivertest.Hostile
	for _, c := range never {
		if c.Name == "never" {
			h = c
		}
	}
	d, err := ws.New(context.Background(), ws.Config{URL: drivertest.HostileWebSocket(t, h), Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	r, err := Run(context.Background(), Config{Driver: d, Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if a := r.Check(CheckAnswers); a.Status != Broken || !strings.Contains(a.Detail, "no usable answer to agent.get") ||
		r.Check(CheckOrigins).Status != Unknown || r.NoOriginAccepted() {
		t.Errorf("checks of a silent target: %+v", r.Checks)
	}
}

// TestUnreachable: a driver that opens no client is an error, not a report.
func TestUnreachable(t *testing.T) {
	_, err := Run(context.Background(), Config{Driver: closedDriver{reference(t, "")}, Timeout: time.Second})
	if !errors.Is(err, driver.ErrUnreachable) {
		t.Errorf("Run = %v; want ErrUnreachable", err)
	}
}

type closedDriver struct{ driver.Driver }

func (closedDriver) Open(context.Context, string) (driver.Client, error) {
	return nil, driver.ErrClosed
}

// TestSubscribesRefusedAgentGetGranted: a Workspace that refuses subscribes
// (to an origin its filter restricts, say) but answers agent.get accepts
// that origin: no "none accepted" stop.
func TestSubscribesRefusedAgentGetGranted(t *testing.T) {
	d := refusingSubscribes{reference(t, "")}
	r, err := Run(context.Background(), Config{Driver: d, Options: framework.DefaultOptions(inproc.DefaultOrigins), Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	c := r.Check(CheckOrigins)
	if r.NoOriginAccepted() || c.Status != OK || !strings.Contains(c.Detail, "http://127.0.0.1:8801: its subscribe was refused, but agent.get was answered") {
		t.Errorf("origins check %+v; want the origin agent.get answered accepted", c)
	}
}

type refusingSubscribes struct{ driver.Driver }

func (d refusingSubscribes) Open(ctx context.Context, origin string) (driver.Client, error) {
	c, err := d.Driver.Open(ctx, origin)
	return refusingClient{c}, err
}

type refusingClient struct{ driver.Client }

func (refusingClient) Subscribe(context.Context, ...string) (*wire.Message, error) {
	return wire.Decode([]byte(`{"referenceId":"1","request":"subscribe","errorMessage":"not for you","userAgent":"WWE Server","protocolVersion":2}`))
}
