package framework

import (
	"slices"
	"strings"
	"testing"

	"scapi-conformance/contract/control"
)

func TestSpecLabels(t *testing.T) {
	got, err := specLabels(Reqs{"envelope.reply.3", "security.origin.7", "envelope.reply.1"}, []string{control.StimInboundCall, CapClock}, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"needs:clock", "needs:inbound-call", "ns:envelope", "ns:security",
		"req:envelope.reply.1", "req:envelope.reply.3", "req:security.origin.7", "slow"}
	if !slices.Equal(got, want) {
		t.Errorf("labels\n got %v\nwant %v", got, want)
	}
	if ids := RequirementIDs(got); !slices.Equal(ids, []string{"envelope.reply.1", "envelope.reply.3", "security.origin.7"}) {
		t.Errorf("RequirementIDs = %v", ids)
	}
}

func TestSpecLabelsRefuse(t *testing.T) {
	for _, c := range []struct {
		name  string
		reqs  Reqs
		needs []string
		want  string
	}{
		{"no requirement", nil, nil, "a conformance spec must cite at least one requirement id"},
		{"unknown requirement", Reqs{"envelope.reply.1", "envelope.reply.99"}, nil, `unknown requirement id "envelope.reply.99" (not in contract/requirements)`},
		{"unknown capability", Reqs{"envelope.reply.1"}, []string{"teleport"}, `unknown capability "teleport" in Needs; one of: agent-state, campaign,`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := specLabels(c.reqs, c.needs, false)
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error = %v, want it to start with %q", err, c.want)
			}
		})
	}
}

// TestConformanceItPanicsOnUnknownRequirement checks that a spec citing a
// requirement that does not exist stops the tree from being built.
func TestConformanceItPanicsOnUnknownRequirement(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), `ConformanceIt("cites nothing real"): unknown requirement id "no.such.1"`) {
			t.Errorf("panic = %v", r)
		}
	}()
	ConformanceIt("cites nothing real", Reqs{"no.such.1"}, func(*Session) {})
}

func TestLabelsAreValidGinkgoLabels(t *testing.T) {
	for _, c := range Capabilities() {
		if strings.ContainsAny(c, "&|!,()/") {
			t.Errorf("capability %q cannot be a Ginkgo label", c)
		}
	}
}

func TestDefaultOptions(t *testing.T) {
	got := DefaultOptions([]string{"https://a.example", "http://b.example:8080"})
	want := "https://a.example (*, auth.getJwtToken), http://b.example:8080 (*, auth.getJwtToken)"
	if len(got) != 1 || got["service-client-api.accepted-web-content-origins"] != want {
		t.Errorf("DefaultOptions = %v, want only accepted-web-content-origins = %q", got, want)
	}
}
