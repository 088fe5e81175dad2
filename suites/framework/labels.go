package framework

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/requirements"
)

// Label prefixes and the slow label: the closed set of labels ConformanceIt
// adds. Runners read verdicts per requirement from the req: labels.
const (
	LabelReqPrefix   = "req:"
	LabelNSPrefix    = "ns:"
	LabelNeedsPrefix = "needs:"
	LabelSlow        = "slow"
)

// Capability names a spec can need besides the stimuli of package control.
const (
	// CapClock is the target's virtual clock (control /clock/advance).
	CapClock = "clock"
	// CapOptions is setting the service-client-api.* options (control /options).
	CapOptions = "options"
)

// Capabilities is the closed list of capability names Needs accepts: the
// stimuli of package control, CapClock and CapOptions.
func Capabilities() []string {
	caps := []string{
		control.StimInboundCall, control.StimRemoteRelease, control.StimPartyChange,
		control.StimInboundChat, control.StimInboundEmail, control.StimChatEnd,
		control.StimPreviewRecord, control.StimCampaign, control.StimRecordsRetrieved,
		control.StimRealtime, control.StimElection, control.StimToastClick,
		control.StimCaseIDChange, control.StimAgentState, control.StimInteractionEvent, CapClock, CapOptions,
	}
	sort.Strings(caps)
	return caps
}

func isCapability(name string) bool {
	for _, c := range Capabilities() {
		if c == name {
			return true
		}
	}
	return false
}

// Reqs lists the requirement ids a spec tests.
type Reqs []string

// needsDecorator carries the capabilities a spec needs; see Needs.
type needsDecorator []string

// Needs declares the capabilities a spec needs: stimulus names of package
// control, CapClock or CapOptions. A spec whose target lacks one is skipped
// with the reason. An unknown name fails at tree-construction time.
func Needs(capabilities ...string) any { return needsDecorator(capabilities) }

// slowDecorator marks a spec that may wait in real time; see Slow.
type slowDecorator struct{}

// Slow marks a spec that may wait in real time (Session.Advance) when the
// target has no virtual clock. It is labelled "slow" and gets the longer
// SlowSpecTimeout.
var Slow any = slowDecorator{}

// Namespace returns the namespace of a requirement id: its first segment
// ("security" for "security.origin.4").
func Namespace(reqID string) string {
	ns, _, _ := strings.Cut(reqID, ".")
	return ns
}

// specLabels checks a spec's requirement ids and capabilities against the
// registries and returns its labels, sorted and without duplicates. It
// returns an error naming the first unknown id or capability.
func specLabels(reqs Reqs, needs []string, slow bool) ([]string, error) {
	if len(reqs) == 0 {
		return nil, fmt.Errorf("a conformance spec must cite at least one requirement id")
	}
	set := map[string]bool{}
	for _, id := range reqs {
		if _, ok := requirements.Lookup(id); !ok {
			return nil, fmt.Errorf("unknown requirement id %q (not in contract/requirements)", id)
		}
		set[LabelReqPrefix+id] = true
		set[LabelNSPrefix+Namespace(id)] = true
	}
	for _, c := range needs {
		if !isCapability(c) {
			return nil, fmt.Errorf("unknown capability %q in Needs; one of: %s", c, strings.Join(Capabilities(), ", "))
		}
		set[LabelNeedsPrefix+c] = true
	}
	if slow {
		set[LabelSlow] = true
	}
	return slices.Sorted(maps.Keys(set)), nil
}

// RequirementIDs returns the requirement ids of a spec from its labels.
func RequirementIDs(labels []string) []string {
	var ids []string
	for _, l := range labels {
		if id, ok := strings.CutPrefix(l, LabelReqPrefix); ok {
			ids = append(ids, id)
		}
	}
	return ids
}
