package main

import (
	"flag"
	"fmt"
	"io"

	"scapi-conformance/internal/version"
)

func init() {
	register(&command{name: "version", summary: "print the version, the VCS revision it was built from and the Go version (also --version)", run: runVersion})
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print module, revision, time, modified and go as a JSON object")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: scapi-conformance version [--json]   (or scapi-conformance --version)")
		fmt.Fprintln(fs.Output(), "\nPrints the module version, the VCS revision the binary was built from (\"unknown\" when the")
		fmt.Fprintln(fs.Output(), "build recorded none, as with go build -buildvcs=false) and the Go version.\n\nFlags:")
		printFlags(fs)
	}
	if code, done := parseFlags(fs, args, stdout, stderr, "version"); done {
		return code
	}
	v := version.Read()
	if *asJSON {
		return printJSON(stdout, stderr, "version", v)
	}
	fmt.Fprintf(stdout, "scapi-conformance %s\n", v.Module)
	switch {
	case v.Revision == "":
		line := "revision: unknown (built without VCS information, e.g. -buildvcs=false)"
		if h, err := version.ExecutableHash(); err == nil {
			line += "; binary " + h
		}
		fmt.Fprintln(stdout, line)
	default:
		line := "revision: " + v.Revision
		if v.Time != "" {
			line += " (" + v.Time + ")"
		}
		if v.Modified {
			line += ", with uncommitted changes"
		}
		fmt.Fprintln(stdout, line)
	}
	fmt.Fprintf(stdout, "go: %s\n", v.Go)
	return exitOK
}
