package report

import (
	"slices"
	"testing"

	"github.com/onsi/ginkgo/v2/types"
)

func TestFromGinkgoStoppedAndAttributed(t *testing.T) {
	it := func(text string, state types.SpecState, f types.Failure, entries ...types.ReportEntry) types.SpecReport {
		return types.SpecReport{LeafNodeType: types.NodeTypeIt, LeafNodeText: text, State: state, Failure: f, ReportEntries: entries,
			LeafNodeLabels: []string{"req:security.origin.1", "req:security.origin.2"}}
	}
	entry := func(name, value string) types.ReportEntry {
		return types.ReportEntry{Name: name, Value: types.WrapEntryValue(value)}
	}
	rep := types.Report{SpecReports: types.SpecReports{
		it("attributed", types.SpecStateFailed, types.Failure{Message: "refused"}, entry(EntryViolates, "security.origin.1"), entry(EntrySubject, "agent.get as https://a.example")),
		it("attributed to a requirement it does not cite (ForKit)", types.SpecStateFailed, types.Failure{Message: "x"}, entry(EntryViolates, "agent.get.1")),
		it("cut off by the suite timeout", types.SpecStateTimedout, types.Failure{Message: "A suite timeout occurred"}),
		it("timed out on its own", types.SpecStateTimedout, types.Failure{Message: "A node timeout occurred"}),
		it("interrupted", types.SpecStateInterrupted, types.Failure{Message: "Interrupted by User"}),
		it("never started", types.SpecStateSkipped, types.Failure{}),
		it("got an answer every client drops", types.SpecStateFailed, types.Failure{Message: "broken envelope"}, entry(EntryViolates, "security.origin.2"), entry(EntryBrokenEnvelope, "envelope.reply.3")),
		it("filtered", types.SpecStateSkipped, types.Failure{}),
	}}
	stop := Stopped{Selected: map[string]bool{}, Reason: "the run's time limit elapsed"}
	for _, sr := range rep.SpecReports[:7] {
		stop.Selected[SpecKey(sr)] = true
	}
	specs, notSelected := FromGinkgo(rep, stop)
	if notSelected != 1 || len(specs) != 7 {
		t.Fatalf("%d specs, %d not selected", len(specs), notSelected)
	}
	want := []struct {
		verdict  Verdict
		violated []string
		reason   string
	}{
		{Fail, []string{"security.origin.1"}, ""},
		{Fail, []string{"agent.get.1"}, ""},
		{NotRun, nil, "cut off while running: the run's time limit elapsed"},
		{Fail, nil, ""},
		{NotRun, nil, "cut off while running: the run's time limit elapsed"},
		{NotRun, nil, "not run: the run's time limit elapsed"},
		{Fail, []string{"envelope.reply.3"}, ""},
	}
	for i, w := range want {
		s := specs[i]
		if s.Verdict != w.verdict || !slices.Equal(s.Violated, w.violated) || s.Reason != w.reason {
			t.Errorf("%q: %s violated %v reason %q; want %s %v %q", s.Text, s.Verdict, s.Violated, s.Reason, w.verdict, w.violated, w.reason)
		}
	}
	if got := specs[0].Failure.Signature; got != "failed: refused @ agent.get as https://a.example" {
		t.Errorf("signature %q", got)
	}
	for _, a := range specs[0].Failure.Attachments {
		if a.Name == EntryViolates || a.Name == EntrySubject {
			t.Errorf("the %s entry is shown as evidence", a.Name)
		}
	}

	verdicts := map[string]Verdict{}
	for _, rr := range Aggregate(specs[:2]) {
		verdicts[rr.ID] = rr.Verdict
	}
	if verdicts["security.origin.1"] != Fail || verdicts["security.origin.2"] != Skipped || verdicts["agent.get.1"] != Fail {
		t.Errorf("attributed failures give %v, want security.origin.1 FAIL, security.origin.2 undecided, agent.get.1 (not cited, attributed) FAIL", verdicts)
	}
	r := &Result{Specs: specs, Requirements: Aggregate(specs), Incomplete: stop.Reason}
	r.Finish()
	if r.Verdict != Incomplete || r.ExitCode != ExitIncomplete || r.Summary.NotRun != 3 {
		t.Errorf("Finish: %s exit %d, %d not run", r.Verdict, r.ExitCode, r.Summary.NotRun)
	}
}
