package runner

import (
	"fmt"
	"io"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"scapi-conformance/internal/report"
)

// writeProgress prints one line per finished spec, and for a failure its
// cause (report.Cause) and where.
func writeProgress(w io.Writer, n, total int, sr types.SpecReport) {
	specs, _ := report.FromGinkgo(types.Report{SpecReports: types.SpecReports{sr}}, report.Stopped{})
	if len(specs) == 0 {
		return
	}
	s := specs[0]
	fmt.Fprintf(w, "[%*d/%d] %-10s %s (%s)\n", len(fmt.Sprint(total)), n, total, s.Verdict, s.Text, strings.Join(s.Requirements, ", "))
	switch s.Verdict {
	case report.Fail:
		fmt.Fprintf(w, "           %s\n           at %s\n", report.Cause(s.Failure.Message), s.Failure.Location)
	case report.Skipped, report.NotRun:
		fmt.Fprintf(w, "           %s\n", s.Reason)
	case report.NonStrict:
		fmt.Fprintf(w, "           under %s\n", strings.Join(s.Interpretations, ", "))
	}
}
