package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"scapi-conformance/internal/preflight"
	"scapi-conformance/internal/report"
	"scapi-conformance/internal/target"
)

func init() {
	register(&command{name: "doctor", summary: "check the basics of a target (answers, envelope, subscribe, accepted origins) without running specs", run: runDoctor})
}

// doctorReport is what doctor --json writes: the target, the exit code and
// the checks (absent when the target could not be opened; Error says why).
type doctorReport struct {
	Target    string            `json:"target"`
	Driver    string            `json:"driver,omitempty"`
	ExitCode  int               `json:"exitCode"`
	Error     string            `json:"error,omitempty"`
	Preflight *preflight.Report `json:"preflight,omitempty"`
}

func runDoctor(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	var tf target.Flags
	tf.Register(fs)
	jsonOut := fs.String("json", "", "also write the checks as JSON to `FILE` (target, exitCode, preflight; checked before the target is opened)")
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, "Usage: scapi-conformance doctor [--profile FILE | --target URL [--control URL] | --mutant NAME] [--driver ws|browser|inproc] [--json FILE]")
		fmt.Fprintln(w, "\nChecks, as run does before its specs, the basics every spec and every vendor client relies on: the target")
		fmt.Fprintln(w, "answers; a reply echoes the string referenceId with userAgent WWE and protocolVersion 2; a subscribe is")
		fmt.Fprintln(w, "acknowledged with a subscriptionId and no event key; the suite's client origins are accepted (if none is,")
		fmt.Fprintln(w, "the option line to configure).")
		fmt.Fprintln(w, "\nExample: scapi-conformance doctor --target ws://127.0.0.1:8080/scapi")
		fmt.Fprintln(w, "\nFlags:")
		printFlags(fs)
		fmt.Fprintln(w, "\nExit codes: 0 every basic holds, 1 a basic is broken (the envelope), 2 usage error or no client origin")
		fmt.Fprintln(w, "accepted (configure it, see the fix line), 3 target unreachable or silent.")
	}
	if code, done := parseFlags(fs, args, stdout, stderr, "doctor"); done {
		return code
	}
	spec, err := tf.Spec()
	if err == nil && *jsonOut != "" {
		if werr := checkWritable(*jsonOut); werr != nil {
			err = fmt.Errorf("--json %s: %v", *jsonOut, werr)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "scapi-conformance doctor: %v\n", err)
		return exitUsage
	}
	// The password of the profile's login never shows, nor do tokens.
	red := report.NewRedactor(spec.Profile.Secrets()...)
	out := red.Writer(stdout)
	defer out.Flush()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep := doctorReport{Target: spec.Name(), Driver: spec.DriverName()}
	rep.ExitCode = doctor(ctx, spec, &rep, out, stderr, red)
	if *jsonOut != "" {
		if err := writeJSONFile(*jsonOut, rep, red); err != nil {
			fmt.Fprintf(stderr, "scapi-conformance doctor: --json %s: %v\n", *jsonOut, err)
			return exitUsage
		}
	}
	return rep.ExitCode
}

// doctor opens the target, runs the preflight, prints it and fills rep; it
// returns the exit code.
func doctor(ctx context.Context, spec target.Spec, rep *doctorReport, out, stderr io.Writer, red *report.Redactor) int {
	t, err := target.Open(ctx, spec)
	if err != nil {
		rep.Error = err.Error()
		fmt.Fprintf(stderr, "scapi-conformance doctor: %s\n", red.String(err.Error()))
		if errors.Is(err, target.ErrUsage) {
			return exitUsage
		}
		return exitUnreachable
	}
	defer t.Close()
	fmt.Fprintf(out, "target %s · driver %s\n", t.Name(), t.Driver.Info().Driver)
	r, err := preflight.Run(ctx, preflight.Of(t))
	if err != nil {
		rep.Error = t.Name() + ": " + err.Error()
		fmt.Fprintf(stderr, "scapi-conformance doctor: %s\n", red.String(rep.Error))
		return exitUnreachable
	}
	rep.Preflight = r
	r.Write(out)
	switch {
	case r.NoOriginAccepted():
		return exitUsage
	case r.Check(preflight.CheckAnswers).Status != preflight.OK:
		return exitUnreachable
	case len(r.Broken()) > 0:
		return exitFailed
	}
	return exitOK
}
