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
		for _, f := range b.New {
			fmt.Fprintf(w, "  NEW %s in %q: %s\n", f.Requirement, f.Spec, f.Signature)
			if e := f.Resembles; e != nil {
				fmt.Fprintf(w, "      resembles the accepted entry %s (owner %s), which accepts %s\n", entryName(b.File, e), e.Owner, acceptsWhat(e))
			}
		}
		for _, e := range b.Stale {
			fmt.Fprintf(w, "  STALE %s accepted no failure of this run (owner %s): remove it, or see NEW\n", entryName(b.File, &e), e.Owner)
		}
		for _, e := range b.Coarse {
			fmt.Fprintf(w, "  COARSE %s accepts %s: rewrite it with --write-baseline to pin the failure\n", entryName(b.File, &e), acceptsWhat(&e))
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

// entryName names a baseline entry by requirement and place in its file.
func entryName(file string, e *report.BaselineEntry) string {
	if e.Line > 0 {
		return fmt.Sprintf("%s (%s:%d)", e.Requirement, file, e.Line)
	}
	return e.Requirement
}

// acceptsWhat says which failures an entry accepts.
func acceptsWhat(e *report.BaselineEntry) string {
	switch {
	case e.Spec == "":
		return "any failure of " + e.Requirement
	case e.Signature == "":
		return fmt.Sprintf("any failure of %s in %q", e.Requirement, e.Spec)
	}
	return fmt.Sprintf("only %s", e.Signature)
}
