package drivertest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// scriptSteps are the requests of the scripted session, each called with
// the inbound call's interactionId.
var scriptSteps = []string{"voice.answer", "voice.hold", "voice.resume", "voice.hangUp", "interaction.markdone"}

// Script plays one scripted session through d against a steerable target
// and returns the client's transcript: reset, the first origin accepted,
// subscribe to interaction events, an inbound call answered, held, resumed,
// hung up and marked done, and a final agent.getState whose reply (the target answers
// in order) comes after every event of the session.
func Script(ctx context.Context, d driver.Driver) ([]driver.Entry, error) {
	ctl := d.Control()
	if ctl == nil {
		return nil, driver.ErrNotSteerable
	}
	origin := d.Origins()[0]
	if err := ctl.Reset(ctx); err != nil {
		return nil, err
	}
	if err := ctl.SetOptions(ctx, control.Options{options.AcceptedOrigins: origin}); err != nil {
		return nil, err
	}
	c, err := d.Open(ctx, origin)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if _, err := c.Subscribe(ctx, "interaction"); err != nil {
		return nil, err
	}
	res, err := ctl.Stimulate(ctx, control.Stimulus{Name: control.StimInboundCall})
	if err != nil {
		return nil, err
	}
	id, _ := res.Result["interactionId"].(string)
	for _, step := range scriptSteps {
		m, err := c.Call(ctx, wire.NewRequest(step, "", []any{id}))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", step, err)
		}
		if msg, failed := m.ErrorMessage(); failed {
			return nil, fmt.Errorf("%s failed: %s", step, msg)
		}
	}
	if _, err := c.Call(ctx, wire.NewRequest("agent.getState", "", nil)); err != nil {
		return nil, err
	}
	return c.Transcript(), nil
}

// SameTranscript fails t unless a and b agree up to timing and origin: the
// same envelopes went out in the same order, and the same came in in the same
// order (how the two streams interleave is timing). The values of frameId and
// subscriptionId, which a target assigns per connection, are compared by
// their order of first appearance.
func SameTranscript(t *testing.T, a, b []driver.Entry) {
	t.Helper()
	for _, d := range DiffTranscripts(a, b) {
		t.Error(d)
	}
}

// DiffTranscripts lists the differences SameTranscript reports.
func DiffTranscripts(a, b []driver.Entry) []string {
	var diffs []string
	for _, dir := range []driver.Direction{driver.Out, driver.In} {
		sa, sb := stream(a, dir), stream(b, dir)
		if len(sa) != len(sb) {
			diffs = append(diffs, fmt.Sprintf("%d and %d %q entries", len(sa), len(sb), dir))
		}
		for i := range min(len(sa), len(sb)) {
			if sa[i] != sb[i] {
				diffs = append(diffs, fmt.Sprintf("%q entry %d differs:\n  %s\n  %s", dir, i, sa[i], sb[i]))
			}
		}
	}
	return diffs
}

// assigned are the keys whose values the target assigns per connection.
var assigned = []string{"frameId", "subscriptionId"}

// stream returns the canonical JSON of the entries going in direction dir,
// with assigned identifiers renamed "#1", "#2", … by first appearance in the
// whole transcript (both directions).
func stream(tr []driver.Entry, dir driver.Direction) []string {
	names := map[string]string{}
	var out []string
	for _, e := range tr {
		var v map[string]any
		if json.Unmarshal(e.Message, &v) != nil {
			if e.Direction == dir {
				out = append(out, string(e.Message))
			}
			continue
		}
		for _, k := range assigned {
			if id, ok := v[k].(string); ok {
				if names[k+id] == "" {
					names[k+id] = fmt.Sprintf("#%d", len(names)+1)
				}
				v[k] = names[k+id]
			}
		}
		if e.Direction == dir {
			b, _ := json.Marshal(v)
			out = append(out, string(b))
		}
	}
	return out
}
