package runner

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"scapi-conformance/internal/report"
	"scapi-conformance/suites/framework"
)

// writeProgress prints one line per finished spec, and for a failure its
// cause (report.Cause) and where.
func writeProgress(w io.Writer, n, total int, sr types.SpecReport) {
	specs, _ := report.FromGinkgo(types.Report{SpecReports: types.SpecReports{sr}}, report.Stopped{})
	if len(specs) == 0 {
		return
	}
	s := specs[0]
	reqs := strings.Join(s.Requirements, ", ")
	if s.Verdict == report.Fail && len(s.Violated) > 0 {
		// The failure is attributed: say which requirement it fails.
		reqs = "fails " + strings.Join(s.Violated, ", ")
		if others := slices.DeleteFunc(slices.Clone(s.Requirements), func(id string) bool { return slices.Contains(s.Violated, id) }); len(others) > 0 {
			reqs += "; also cites " + strings.Join(others, ", ")
		}
	}
	fmt.Fprintf(w, "[%*d/%d] %-10s %s (%s)\n", len(fmt.Sprint(total)), n, total, s.Verdict, s.Text, reqs)
	switch s.Verdict {
	case report.Fail:
		fmt.Fprintf(w, "           %s\n           at %s\n", report.Cause(s.Failure.Message), s.Failure.Location)
	case report.Skipped, report.NotRun:
		fmt.Fprintf(w, "           %s\n", s.Reason)
	case report.NonStrict:
		fmt.Fprintf(w, "           under %s\n", strings.Join(s.Interpretations, ", "))
	}
	for _, e := range sr.ReportEntries {
		if e.Name == framework.RateWaitEntry {
			fmt.Fprintf(w, "           %s\n", e.StringRepresentation())
		}
	}
}
