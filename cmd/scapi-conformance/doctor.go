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

func runDoctor(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	var tf target.Flags
	tf.Register(fs)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, "Usage: scapi-conformance doctor [--profile FILE | --target URL [--control URL] | --mutant NAME] [--driver ws|browser|inproc]")
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
	t, err := target.Open(ctx, spec)
	if err != nil {
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
		fmt.Fprintf(stderr, "scapi-conformance doctor: %s: %s\n", t.Name(), red.String(err.Error()))
		return exitUnreachable
	}
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
