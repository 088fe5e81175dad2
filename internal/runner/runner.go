// Package runner runs the conformance specs in-process: it resolves the
// target and the driver from the flags and the profile (starting the embedded
// reference Workspace when no target is given), configures the spec framework,
// runs Ginkgo once, and turns its report into verdicts per requirement.
//
// The spec tree is whatever is registered in the process: the CLI imports
// scapi-conformance/suites/conformance; tests register a small tree of their own.
// Ginkgo runs one suite per process, so Run may be called once per process.
package runner

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/onsi/ginkgo/v2"
	"github.com/onsi/ginkgo/v2/formatter"
	"github.com/onsi/ginkgo/v2/types"
	"github.com/onsi/gomega"

	"scapi-conformance/internal/preflight"
	"scapi-conformance/internal/report"
	"scapi-conformance/internal/target"
	"scapi-conformance/suites/framework"
)

// Errors Run returns, by exit code: ErrUsage (2) for bad flags, profiles or a
// selection that tests nothing, ErrUnreachable (3) when no target answered
// (the target layer's own).
var (
	ErrUsage       = target.ErrUsage
	ErrUnreachable = target.ErrUnreachable
)

// Config is one run.
type Config struct {
	// Target is the target, with its profile and the bound on each wait.
	Target target.Spec
	// LabelFilter and Focus select specs (Ginkgo label-filter syntax, regexp).
	LabelFilter string
	Focus       string
	// Strict fails a spec that passes only under an interpretation.
	Strict bool
	// FailFast stops at the first failing spec (the rest count as not selected).
	FailFast bool
	// Seed orders the specs (0 = from the clock; the one used is reported).
	Seed int64
	// Timeout bounds the whole run (0 = 15 minutes).
	Timeout time.Duration
	// Progress receives a line per spec while the run goes (nil = none).
	Progress io.Writer
	// Redactor removes secrets from every report and log line (nil = a new one
	// knowing the profile's secrets).
	Redactor *report.Redactor
}

func usagef(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUsage, fmt.Sprintf(format, args...))
}

// Run runs the registered specs once against the configured target and
// returns the result, finished (without baseline) and redacted.
func Run(ctx context.Context, cfg Config) (*report.Result, error) {
	if cfg.Redactor == nil {
		cfg.Redactor = report.NewRedactor(cfg.Target.Profile.Secrets()...)
	}
	suiteCfg, reporterCfg, err := ginkgoConfig(cfg)
	if err != nil {
		return nil, err
	}
	preview := ginkgo.PreviewSpecs("scapi-conformance", suiteCfg, reporterCfg)
	selected := preview.PreRunStats.SpecsThatWillRun
	if selected == 0 {
		return nil, usagef("no spec selected (label filter %q, focus %q): nothing would be tested", cfg.LabelFilter, cfg.Focus)
	}

	start := time.Now()
	progress := cfg.Redactor.Writer(orDiscard(cfg.Progress))
	t, err := target.Open(ctx, cfg.Target)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	obs := &observer{Driver: t.Driver, redactor: cfg.Redactor}
	ft := &framework.Target{Driver: obs, Strict: cfg.Strict, Timeout: cfg.Target.WaitTimeout}
	ft.Notify = func(line string) { fmt.Fprintf(progress, "           %s\n", line) }
	if p := cfg.Target.Profile; p != nil {
		obs.stimuli = p.Stimuli
		ft.Profile = framework.Profile{Options: p.Options, Origins: p.Origins, Data: p.Data.AsMap()}
	}
	framework.Configure(ft)

	var captured types.Report
	var done atomic.Int64
	var lost atomic.Value // why the target was lost ("" while it answers)
	lost.Store("")
	var pre *preflight.Report // set before the specs run
	ginkgo.BeforeEach(obs.beginSpec)
	ginkgo.BeforeEach(func() {
		// An interrupt that came before Ginkgo listened for one (while the
		// target was opened) stops the run as Ginkgo's own would.
		if ctx.Err() != nil {
			ginkgo.AbortSuite(interruptedEarly)
		}
	})
	ginkgo.AfterEach(func(ctx ginkgo.SpecContext) {
		if !ginkgo.CurrentSpecReport().Failed() {
			return
		}
		if subject := obs.subject(); subject != "" {
			ginkgo.AddReportEntry(report.EntrySubject, subject, ginkgo.ReportEntryVisibilityNever)
		}
		if id := brokenEnvelope(ginkgo.CurrentSpecReport().Failure.Message); id != "" {
			ginkgo.AddReportEntry(report.EntryBrokenEnvelope, id, ginkgo.ReportEntryVisibilityNever)
		}
		if tr := obs.transcript(); tr != "" {
			ginkgo.AddReportEntry("transcript", tr, ginkgo.ReportEntryVisibilityNever)
		}
		if ginkgo.CurrentSpecReport().State.Is(types.SpecStateInterrupted | types.SpecStateAborted) {
			return // stopped by the run, not by the target
		}
		if why := obs.lost(ctx, cfg.Target.WaitTimeout, pre); why != "" {
			lost.Store(why)
			ginkgo.AbortSuite("the target stopped answering: " + why)
		}
	})
	pre, err = runPreflight(ctx, t, progress)
	if err != nil {
		progress.Flush()
		return nil, err
	}
	ginkgo.ReportAfterEach(func(sr types.SpecReport) {
		if sr.State == types.SpecStateSkipped && sr.Failure.IsZero() {
			return // not selected
		}
		writeProgress(progress, int(done.Add(1)), selected, sr)
	})
	ginkgo.ReportAfterSuite("scapi-conformance verdicts", func(r types.Report) { captured = r })

	gomega.RegisterFailHandler(ginkgo.Fail)
	// Ginkgo's own console reporter is replaced by the progress lines.
	saved := formatter.ColorableStdOut
	formatter.ColorableStdOut = io.Discard
	ginkgo.RunSpecs(testingT{}, "scapi-conformance", suiteCfg, reporterCfg)
	formatter.ColorableStdOut = saved
	progress.Flush()

	stop := stopOf(cfg, suiteCfg, captured, lost.Load().(string))
	stop.Selected = map[string]bool{}
	for _, sr := range preview.SpecReports {
		if sr.LeafNodeType == types.NodeTypeIt && !sr.State.Is(types.SpecStateSkipped|types.SpecStatePending) {
			stop.Selected[report.SpecKey(sr)] = true
		}
	}
	res := build(cfg, t, pre, captured, suiteCfg.RandomSeed, start, stop)
	if res.Summary.NotRun > 0 {
		fmt.Fprintf(progress, "%d selected specs did not run to the end: %s\n", res.Summary.NotRun, stop.Reason)
		progress.Flush()
	}
	if res.Summary.Specs.Total() > 0 && res.Summary.Specs.Skipped == res.Summary.Specs.Total() {
		return res, usagef("all %d selected specs were skipped (first reason: %s): nothing was tested", res.Summary.Specs.Total(), res.Specs[0].Reason)
	}
	return res, nil
}

// stopOf says why the run stopped before every selected spec ran, from the
// Ginkgo report ("" when nothing stopped it). A stop other than --fail-fast
// makes the run INCOMPLETE (see build).
func stopOf(cfg Config, s types.SuiteConfig, r types.Report, lost string) report.Stopped {
	stop := report.Stopped{}
	for _, why := range r.SpecialSuiteFailureReasons {
		switch {
		case strings.Contains(why, "Timeout"):
			stop.Reason = fmt.Sprintf("the run's time limit (--timeout %s) elapsed", s.Timeout)
		case strings.Contains(why, "Interrupted"):
			stop.Reason = "the run was interrupted (" + why + ")"
		}
	}
	for _, sr := range r.SpecReports {
		if stop.Reason == "" && sr.State == types.SpecStateAborted && sr.Failure.Message == interruptedEarly {
			stop.Reason = "the run was " + interruptedEarly
		}
	}
	switch {
	case lost != "" && stop.Reason == "":
		stop.Reason = "the target stopped answering: " + lost
	case stop.Reason == "" && cfg.FailFast:
		stop.Reason = failFastReason
	}
	return stop
}

// interruptedEarly is why the run stopped when it was interrupted before
// its first spec.
const interruptedEarly = "interrupted before its first spec"

// failFastReason is why specs did not run after --fail-fast stopped the run:
// a stop the user asked for, which leaves the run's verdict to its failures.
const failFastReason = "--fail-fast stopped the run at the first failure"

// ginkgoConfig checks the selection flags and builds Ginkgo's configuration.
func ginkgoConfig(cfg Config) (types.SuiteConfig, types.ReporterConfig, error) {
	s, r := types.NewDefaultSuiteConfig(), types.NewDefaultReporterConfig()
	if cfg.LabelFilter != "" {
		if _, err := types.ParseLabelFilter(cfg.LabelFilter); err != nil {
			return s, r, usagef("--label-filter %q: %v", cfg.LabelFilter, err)
		}
		s.LabelFilter = cfg.LabelFilter
	}
	if cfg.Focus != "" {
		if _, err := regexp.Compile(cfg.Focus); err != nil {
			return s, r, usagef("--focus %q is not a regular expression: %v", cfg.Focus, err)
		}
		s.FocusStrings = []string{cfg.Focus}
	}
	if cfg.Seed != 0 {
		s.RandomSeed = cfg.Seed
	}
	s.FailFast = cfg.FailFast
	s.Timeout = 15 * time.Minute
	if cfg.Timeout > 0 {
		s.Timeout = cfg.Timeout
	}
	r.NoColor, r.Succinct = true, true
	return s, r, nil
}

// testingT stands in for *testing.T, through which RunSpecs only reports
// that something failed; the verdicts come from the captured report instead.
type testingT struct{}

func (testingT) Fail() {}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}
