package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"scapi-conformance/internal/report"
)

// printSummary prints the end-of-run summary (not in a child run).
func printSummary(w io.Writer, r *report.Result) {
	if os.Getenv(childEnv) != "" {
		return
	}
	rq, sp := r.Summary.Requirements, r.Summary.Specs
	fmt.Fprintf(w, "\n== %s (exit %d)\n", r.Verdict, r.ExitCode)
	if r.Incomplete != "" {
		fmt.Fprintf(w, "the run stopped before every selected spec ran: %s\n", r.Incomplete)
	}
	fmt.Fprintf(w, "requirements: %d PASS · %d NON-STRICT · %d FAIL · %d SKIPPED · %d NOT RUN\n", rq.Pass, rq.NonStrict, rq.Fail, rq.Skipped, rq.NotRun)
	fmt.Fprintf(w, "specs: %d passed · %d non-strict · %d failed · %d skipped · %d not run · %d not selected\n",
		sp.Pass, sp.NonStrict, sp.Fail, sp.Skipped, sp.NotRun, r.Summary.NotSelected)
	for _, rr := range r.Requirements {
		if rr.Verdict != report.Fail {
			continue
		}
		fmt.Fprintf(w, "FAIL %s  %s\n", rr.ID, strings.Join(rr.Failed, "; "))
		if a := rr.Accepted; a != nil {
			fmt.Fprintf(w, "     accepted by the baseline: %s (owner %s, expires %s)\n", a.Reason, a.Owner, a.Expires)
		}
	}
	for _, s := range r.Specs {
		if s.Verdict == report.Fail && len(s.Requirements) == 0 {
			fmt.Fprintf(w, "FAIL %s (suite level)\n", s.Text)
		}
	}
	for _, s := range r.Flaky {
		fmt.Fprintf(w, "FLAKY %s %v (%s)\n", s.Text, s.Attempts, strings.Join(s.Requirements, ", "))
	}
	if b := r.Baseline; b != nil {
		fmt.Fprintf(w, "baseline %s: %d accepted, %d new failures, %d expired, %d stale, %d not run\n",
			b.File, len(b.Accepted), len(b.New), len(b.Expired), len(b.Stale), len(b.NotRun))
		for _, e := range b.Expired {
			fmt.Fprintf(w, "  EXPIRED %s (owner %s, expired %s): renew or remove it\n", e.Requirement, e.Owner, e.Expires)
		}
		for _, e := range b.Stale {
			fmt.Fprintf(w, "  STALE %s now passes (owner %s): remove it\n", e.Requirement, e.Owner)
		}
	}
	target := r.Target.URL
	if r.Target.Embedded {
		target += " (embedded reference"
		if r.Target.Mutant != "" {
			target += ", mutant " + r.Target.Mutant
		}
		target += ")"
	}
	fmt.Fprintf(w, "target %s · driver %s · seed %d · %s\n", target, r.Provenance.Driver, r.Provenance.Seed,
		(time.Duration(r.Provenance.DurationMillis) * time.Millisecond).String())
}
