package report

import (
	"reflect"
	"testing"
	"time"

	"github.com/onsi/ginkgo/v2/types"
)

func TestFromGinkgo(t *testing.T) {
	it := func(text string, state types.SpecState, labels []string, f types.Failure, entries ...types.ReportEntry) types.SpecReport {
		return types.SpecReport{LeafNodeType: types.NodeTypeIt, ContainerHierarchyTexts: []string{"agent"}, LeafNodeText: text,
			LeafNodeLabels: labels, State: state, Failure: f, ReportEntries: entries, RunTime: 2 * time.Millisecond}
	}
	entry := func(name, value string) types.ReportEntry {
		return types.ReportEntry{Name: name, Value: types.WrapEntryValue(value)}
	}
	rep := types.Report{SpecReports: types.SpecReports{
		it("passes", types.SpecStatePassed, []string{"req:agent.get.1", "ns:agent"}, types.Failure{}),
		it("bends", types.SpecStatePassed, []string{"req:agent.setState.2"}, types.Failure{}, entry("non-strict", "INT-NS-1"), entry("non-strict", "INT-NS-1")),
		it("fails", types.SpecStateFailed, []string{"req:agent.setState.1"}, types.Failure{Message: "Expected 1 to equal 2"}, entry("transcript", "→ {}")),
		it("panics", types.SpecStatePanicked, []string{"req:agent.setState.3"}, types.Failure{Message: "boom", ForwardedPanic: "nil map"}),
		it("skips", types.SpecStateSkipped, []string{"req:voice.dial.1"}, types.Failure{Message: "no inbound-call"}),
		it("filtered", types.SpecStateSkipped, []string{"req:voice.dial.1"}, types.Failure{}),
		{LeafNodeType: types.NodeTypeBeforeSuite, State: types.SpecStatePassed},
		{LeafNodeType: types.NodeTypeBeforeSuite, State: types.SpecStateFailed, Failure: types.Failure{Message: "no driver"}},
	}}
	specs, notSelected := FromGinkgo(rep, Stopped{})
	if notSelected != 1 {
		t.Errorf("notSelected = %d, want 1", notSelected)
	}
	type row struct {
		Text    string
		Verdict Verdict
		Reqs    []string
		Interps []string
		Reason  string
		Message string
		Attach  int
	}
	var got []row
	for _, s := range specs {
		r := row{Text: s.Text, Verdict: s.Verdict, Reqs: s.Requirements, Interps: s.Interpretations, Reason: s.Reason}
		if s.Failure != nil {
			r.Message, r.Attach = s.Failure.Message, len(s.Failure.Attachments)
		}
		got = append(got, r)
	}
	want := []row{
		{"agent passes", Pass, []string{"agent.get.1"}, nil, "", "", 0},
		{"agent bends", NonStrict, []string{"agent.setState.2"}, []string{"INT-NS-1"}, "", "", 0},
		{"agent fails", Fail, []string{"agent.setState.1"}, nil, "", "failed: Expected 1 to equal 2", 1},
		{"agent panics", Fail, []string{"agent.setState.3"}, nil, "", "panicked: nil map", 0},
		{"agent skips", Skipped, []string{"voice.dial.1"}, nil, "no inbound-call", "", 0},
		{"[BeforeSuite] ", Fail, nil, nil, "", "failed: no driver", 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FromGinkgo:\n got %+v\nwant %+v", got, want)
	}
	if specs[0].Namespace != "agent" {
		t.Errorf("namespace = %q, want agent", specs[0].Namespace)
	}
}
