package runner

import (
	"fmt"
	"io"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"scapi-conformance/internal/report"
)

// writeProgress prints one line per finished spec, and for a failure the first
// line of its message.
func writeProgress(w io.Writer, n, total int, sr types.SpecReport) {
	specs, _ := report.FromGinkgo(types.Report{SpecReports: types.SpecReports{sr}})
	if len(specs) == 0 {
		return
	}
	s := specs[0]
	fmt.Fprintf(w, "[%*d/%d] %-10s %s (%s)\n", len(fmt.Sprint(total)), n, total, s.Verdict, s.Text, strings.Join(s.Requirements, ", "))
	switch s.Verdict {
	case report.Fail:
		line, _, _ := strings.Cut(strings.TrimSpace(s.Failure.Message), "\n")
		fmt.Fprintf(w, "           %s\n           at %s\n", line, s.Failure.Location)
	case report.Skipped:
		fmt.Fprintf(w, "           %s\n", s.Reason)
	case report.NonStrict:
		fmt.Fprintf(w, "           under %s\n", strings.Join(s.Interpretations, ", "))
	}
}
