package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"scapi-conformance/fixtures/reference"
	"scapi-conformance/fixtures/server"
)

func init() {
	register(&command{name: "serve", summary: "serve the reference Workspace (websocket, browser service page, control) until interrupted", run: runServe})
}

func runServe(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr)
}

// serve starts the reference Workspace, prints its URLs and serves until ctx ends.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "listen address, loopback only (127.0.0.1, ::1 or localhost; port 0 = a free port)")
	mutant := fs.String("mutant", "", "run this deviation of the reference Workspace (see 'scapi-conformance list mutants')")
	optionsFile := fs.String("options", "", "configure the Workspace once from this YAML or JSON `FILE` of service-client-api.* options (needs --no-control or --clock-only)")
	noControl := fs.Bool("no-control", false, "fixed mode: serve no control endpoint at all, exactly like a real build (options from --options, else the defaults)")
	clockOnly := fs.Bool("clock-only", false, "fixed mode keeping only the virtual clock: the control endpoint serves capabilities and clock, refuses options, stimuli and reset")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: scapi-conformance serve [--addr HOST:PORT] [--mutant NAME] [--options FILE] [--no-control | --clock-only]")
		fmt.Fprintln(fs.Output(), "\nServes the reference Workspace until SIGINT or SIGTERM. Flags:")
		printFlags(fs)
		example := "NAME"
		if ms := reference.Mutants(); len(ms) > 0 {
			example = ms[0].Name
		}
		fmt.Fprintln(fs.Output(), "\nExample: scapi-conformance serve --addr 127.0.0.1:8080 --mutant "+example)
		fmt.Fprintln(fs.Output(), "Fixed mode (configured once, like a real build): scapi-conformance serve --options workspace-options.yaml --no-control")
	}
	if code, done := parseFlags(fs, args, stdout, stderr, "serve"); done {
		return code
	}
	cfg, err := serveConfig(*optionsFile, *noControl, *clockOnly)
	if err != nil {
		fmt.Fprintf(stderr, "scapi-conformance serve: %v\n", err)
		return exitUsage
	}
	cfg.Addr, cfg.Mutant = *addr, *mutant
	cfg.Logf = func(format string, a ...any) {
		fmt.Fprintf(stderr, "serve: "+strings.TrimRight(format, "\n")+"\n", a...)
	}
	s, err := server.Start(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "scapi-conformance serve: %v\n", err)
		return exitUsage
	}
	running := "the reference Workspace"
	for _, m := range reference.Mutants() {
		if m.Name == *mutant {
			running += fmt.Sprintf(" running mutant %s (breaks %s: %s)", m.Name, m.Requirement, m.Description)
		}
	}
	if cfg.Control.Fixed() {
		running += " configured once (" + cfg.Control.String() + ")"
	}
	fmt.Fprintf(stdout, "Serving %s (stop with Ctrl-C)\n", running)
	fmt.Fprintf(stdout, "  websocket:    %s\n", s.WebSocketURL())
	fmt.Fprintf(stdout, "  service page: %s   (try it: %s?console · embed your app: %s?frame=http://localhost:3000/)\n",
		s.ServicePageURL(), s.ServicePageURL(), s.ServicePageURL())
	if s.ControlURL() != "" {
		fmt.Fprintf(stdout, "  control:      %s\n", s.ControlURL())
	}
	if cfg.Control.Fixed() {
		printFixedServe(stdout, s, cfg.Options)
	} else {
		printSteeredServe(stdout, s)
	}
	<-ctx.Done()
	if err := s.Close(); err != nil {
		fmt.Fprintf(stderr, "scapi-conformance serve: stopping: %v\n", err)
		return exitFailed
	}
	fmt.Fprintln(stdout, "Stopped.")
	return exitOK
}

// printSteeredServe tells how to set the options and run the suite against a
// steerable server.
func printSteeredServe(stdout io.Writer, s *server.Server) {
	fmt.Fprintf(stdout, "Accepted origins start empty (the documented default): set them first, for example\n"+
		"  curl -X POST -H 'Content-Type: application/json' -d '{\"service-client-api.accepted-web-content-origins\":\"*\"}' %s/options\n", s.ControlURL())
	fmt.Fprintf(stdout, "Run the suite against it:\n  scapi-conformance run --target %s --control %s\n  scapi-conformance run --driver browser --target %s --control %s\n",
		s.WebSocketURL(), s.ControlURL(), s.ServicePageURL(), s.ControlURL())
}
