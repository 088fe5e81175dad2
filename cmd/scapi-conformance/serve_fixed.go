package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"

	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/fixtures/server"
	"scapi-conformance/internal/profile"
)

// serveConfig turns serve's fixed-mode flags into a server configuration: the
// options file (checked with the contract parsers, errors at file:line:column)
// and the control mode.
func serveConfig(optionsFile string, noControl, clockOnly bool) (server.Config, error) {
	var c server.Config
	switch {
	case noControl && clockOnly:
		return c, errors.New("--no-control and --clock-only exclude each other: no control endpoint at all, or only its clock")
	case noControl:
		c.Control = server.ControlNone
	case clockOnly:
		c.Control = server.ControlClockOnly
	case optionsFile != "":
		return c, errors.New("--options configures the Workspace once: give --no-control (no control endpoint, like a real build) " +
			"or --clock-only (only the virtual clock); a steerable Workspace takes its options through POST /control/options")
	}
	if optionsFile != "" {
		o, err := profile.LoadOptions(optionsFile)
		if err != nil {
			return c, err
		}
		c.Options = o
	}
	return c, nil
}

// printFixedServe says what a fixed-mode server offers and prints the profile
// that declares it.
func printFixedServe(w io.Writer, s *server.Server, o control.Options) {
	if s.Control() == server.ControlNone {
		fmt.Fprintln(w, "No control endpoint: nobody sets its options, rings a call, moves its clock or resets it.")
	} else {
		fmt.Fprintln(w, "The control endpoint serves only the virtual clock: options, stimuli and reset are refused.")
	}
	origins, err := listedOrigins(o[options.AcceptedOrigins])
	b, perr := fixedProfileYAML(s.WebSocketURL(), s.ControlURL(), o, origins)
	if err = errors.Join(err, perr); err != nil {
		fmt.Fprintf(w, "(no profile to print: %v)\n", err)
		return
	}
	fmt.Fprintln(w, "Run the suite against it through a profile declaring its options and accepted origins (add")
	fmt.Fprintln(w, "origins an allow-list entry \"*\" admits), saved as workspace.yaml: scapi-conformance run --profile workspace.yaml")
	for _, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		fmt.Fprintln(w, "  "+line)
	}
}

// fixedProfileYAML is the profile of a fixed-mode reference: its websocket URL
// (and the clock-only control URL), its options and the origins it accepts.
func fixedProfileYAML(wsURL, controlURL string, o control.Options, origins []string) ([]byte, error) {
	type target struct {
		Driver  string `yaml:"driver"`
		URL     string `yaml:"url"`
		Control string `yaml:"control,omitempty"`
	}
	p := struct {
		Target  target          `yaml:"target"`
		Options control.Options `yaml:"options,omitempty"`
		Origins []string        `yaml:"origins,omitempty"`
	}{target{"ws", wsURL, controlURL}, o, origins}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

// listedOrigins returns the origins an accepted-web-content-origins value
// names, in order ("*" entries left out: they name no origin).
func listedOrigins(value string) ([]string, error) {
	list, _, err := allowlist.Parse(value)
	if err != nil {
		return nil, fmt.Errorf("option %s: %w", options.AcceptedOrigins, err)
	}
	return append([]string{}, list.Concrete()...), nil
}
