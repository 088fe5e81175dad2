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
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: scapi-conformance serve [--addr HOST:PORT] [--mutant NAME]")
		fmt.Fprintln(fs.Output(), "\nServes the reference Workspace until SIGINT or SIGTERM. Flags:")
		printFlags(fs)
		example := "NAME"
		if ms := reference.Mutants(); len(ms) > 0 {
			example = ms[0].Name
		}
		fmt.Fprintln(fs.Output(), "\nExample: scapi-conformance serve --addr 127.0.0.1:8080 --mutant "+example)
	}
	if code, done := parseFlags(fs, args, stdout, stderr, "serve"); done {
		return code
	}
	s, err := server.Start(ctx, server.Config{Addr: *addr, Mutant: *mutant,
		Logf: func(format string, a ...any) {
			fmt.Fprintf(stderr, "serve: "+strings.TrimRight(format, "\n")+"\n", a...)
		}})
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
	fmt.Fprintf(stdout, "Serving %s (stop with Ctrl-C)\n", running)
	fmt.Fprintf(stdout, "  websocket:    %s\n", s.WebSocketURL())
	fmt.Fprintf(stdout, "  service page: %s   (try it: %s?console · embed your app: %s?frame=http://localhost:3000/)\n",
		s.ServicePageURL(), s.ServicePageURL(), s.ServicePageURL())
	fmt.Fprintf(stdout, "  control:      %s\n", s.ControlURL())
	fmt.Fprintf(stdout, "Accepted origins start empty (the documented default): set them first, for example\n"+
		"  curl -X POST -H 'Content-Type: application/json' -d '{\"service-client-api.accepted-web-content-origins\":\"*\"}' %s/options\n", s.ControlURL())
	fmt.Fprintf(stdout, "Run the suite against it:\n  scapi-conformance run --target %s --control %s\n  scapi-conformance run --driver browser --target %s --control %s\n",
		s.WebSocketURL(), s.ControlURL(), s.ServicePageURL(), s.ControlURL())
	<-ctx.Done()
	if err := s.Close(); err != nil {
		fmt.Fprintf(stderr, "scapi-conformance serve: stopping: %v\n", err)
		return exitFailed
	}
	fmt.Fprintln(stdout, "Stopped.")
	return exitOK
}
