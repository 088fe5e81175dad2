package conformance_test

import (
	"os"
	"strings"
	"testing"

	"github.com/onsi/ginkgo/v2/types"

	"scapi-conformance/suites/framework"
)

// TestCoverage is the coverage gate: after a full run of the suite against
// the reference Workspace (TestConformance, which runs first), every catalog
// method must have been called by some spec, every documented event type
// asserted by some spec, every requirement cited by some spec, and every spec
// must cite a requirement. It prints everything uncovered.
func TestCoverage(t *testing.T) {
	switch {
	case suiteReport == nil:
		t.Skip("TestConformance did not run in this process (go test -run?)")
	case os.Getenv("SCAPI_MUTANT") != "":
		t.Skip("a mutant run is not a coverage run")
	case partialRun(suiteReport.SuiteConfig):
		t.Skip("the run was filtered (focus, skip or labels): coverage is judged on full runs only")
	}
	var uncited []string
	for _, r := range suiteReport.SpecReports {
		if r.LeafNodeType == types.NodeTypeIt && len(framework.RequirementIDs(r.Labels())) == 0 {
			uncited = append(uncited, r.FullText())
		}
	}
	gaps := framework.Uncovered(framework.Recorded(), uncited)
	byKind := map[string][]string{}
	var kinds []string
	for _, g := range gaps {
		if byKind[g.Kind] == nil {
			kinds = append(kinds, g.Kind)
		}
		byKind[g.Kind] = append(byKind[g.Kind], g.Name)
	}
	for _, k := range kinds {
		t.Errorf("%s (%d):\n  %s", k, len(byKind[k]), strings.Join(byKind[k], "\n  "))
	}
}

// partialRun reports whether the suite configuration selected a subset.
func partialRun(c types.SuiteConfig) bool {
	return len(c.FocusStrings) > 0 || len(c.SkipStrings) > 0 || len(c.FocusFiles) > 0 ||
		len(c.SkipFiles) > 0 || c.LabelFilter != ""
}
