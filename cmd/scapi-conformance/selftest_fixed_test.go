package main

import (
	"slices"
	"strings"
	"testing"

	"scapi-conformance/contract/options"
	"scapi-conformance/fixtures/reference"
	"scapi-conformance/fixtures/server"
)

// TestFixedOptionSets: every option set is valid for the reference, says what
// it exercises, declares at least one origin unless it admits none, and the
// sets cover the configurations issue 11 names.
func TestFixedOptionSets(t *testing.T) {
	seen := map[string]bool{}
	kinds := map[string]bool{}
	for _, s := range fixedOptionSets {
		if s.Name == "" || seen[s.Name] || strings.Contains(s.Name, ",") {
			t.Errorf("option set name %q is empty, repeated or holds a comma", s.Name)
		}
		seen[s.Name] = true
		if s.What == "" {
			t.Errorf("option set %s does not say what it exercises", s.Name)
		}
		if err := reference.CheckOptions(s.Options); err != nil {
			t.Errorf("option set %s: %v", s.Name, err)
		}
		origins, err := s.origins()
		if err != nil {
			t.Errorf("option set %s: %v", s.Name, err)
		}
		if len(origins) == 0 && s.Options[options.AcceptedOrigins] != "" {
			t.Errorf("option set %s admits origins but declares none", s.Name)
		}
		o := s.Options
		kinds["defaults"] = kinds["defaults"] || len(o) <= 1
		kinds["filters"] = kinds["filters"] || strings.Contains(o[options.AcceptedOrigins], ".")
		kinds["star"] = kinds["star"] || strings.Contains(o[options.AcceptedOrigins], "(*)")
		kinds["read/write lists"] = kinds["read/write lists"] || o[options.UserDataReadAllowed] != "" && o[options.UserDataWriteAllowed] != ""
		_, emptyRead := o[options.UserDataReadAllowed]
		kinds["empty lists"] = kinds["empty lists"] || emptyRead && o[options.UserDataReadAllowed] == ""
		kinds["global limit"] = kinds["global limit"] || o[options.RateLimit] != "" && o[options.QuarantineDelay] != "" && o[options.QuarantineDelay] != "0"
		for k := range o {
			kinds["per-request limits"] = kinds["per-request limits"] || options.IsRequestRateLimit(k)
		}
		kinds["delay 0"] = kinds["delay 0"] || o[options.QuarantineDelay] == "0"
	}
	for _, k := range []string{"defaults", "filters", "star", "read/write lists", "empty lists", "global limit", "per-request limits", "delay 0"} {
		if !kinds[k] {
			t.Errorf("no option set exercises %s", k)
		}
	}
}

func TestFixedSelection(t *testing.T) {
	cases := []struct {
		f            fixedFlags
		sets, errMsg string
		security     bool
	}{
		{f: fixedFlags{mode: "clock-only", parallel: 1, sets: "defaults, global-limit", security: true}, sets: "defaults,global-limit", security: true},
		{f: fixedFlags{mode: "no-control", parallel: 2, only: "rate-limit-off-by-one"}, sets: "all"},
		{f: fixedFlags{mode: "fixed", parallel: 1}, errMsg: `--mode "fixed": want clock-only or no-control`},
		{f: fixedFlags{mode: "clock-only", parallel: 0}, errMsg: "--parallel 0: want 1 or more"},
		{f: fixedFlags{mode: "clock-only", parallel: 1, sets: "defaults,nope"}, errMsg: `unknown option set "nope"`},
		{f: fixedFlags{mode: "clock-only", parallel: 1, only: "nope"}, errMsg: `unknown mutant "nope"`},
		{f: fixedFlags{mode: "clock-only", parallel: 1, only: "rate-limit-off-by-one", security: true}, errMsg: "--security and --mutants both choose the mutants"},
	}
	for _, c := range cases {
		sets, mutants, err := c.f.selection()
		if c.errMsg != "" {
			if err == nil || !strings.Contains(err.Error(), c.errMsg) {
				t.Errorf("%+v: error %v; want %q", c.f, err, c.errMsg)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%+v: %v", c.f, err)
		}
		var names []string
		for _, s := range sets {
			names = append(names, s.Name)
		}
		if got := strings.Join(names, ","); c.sets != "all" && got != c.sets || c.sets == "all" && len(sets) != len(fixedOptionSets) {
			t.Errorf("%+v: sets %s; want %s", c.f, got, c.sets)
		}
		if len(mutants) == 0 {
			t.Errorf("%+v: no mutant selected", c.f)
		}
		for _, m := range mutants {
			if c.security && !isSecurityMutant(m) {
				t.Errorf("--security selected %s (breaks %s)", m.Name, m.Requirement)
			}
		}
	}
}

func TestServeConfig(t *testing.T) {
	cases := []struct {
		file                 string
		noControl, clockOnly bool
		mode                 server.ControlMode
		err                  string
	}{
		{"", false, false, server.ControlFull, ""},
		{"", true, false, server.ControlNone, ""},
		{"", false, true, server.ControlClockOnly, ""},
		{"", true, true, 0, "--no-control and --clock-only exclude each other"},
		{"o.yaml", false, false, 0, "--options configures the Workspace once: give --no-control"},
		{"/nonexistent/o.yaml", true, false, 0, "options: open /nonexistent/o.yaml: no such file or directory"},
	}
	for _, c := range cases {
		cfg, err := serveConfig(c.file, c.noControl, c.clockOnly)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("serveConfig(%q, %v, %v) error %v; want %q", c.file, c.noControl, c.clockOnly, err, c.err)
		case c.err == "" && (err != nil || cfg.Control != c.mode):
			t.Errorf("serveConfig(%q, %v, %v) = %v, %v; want %v", c.file, c.noControl, c.clockOnly, cfg.Control, err, c.mode)
		}
	}
}

func TestServeURLLine(t *testing.T) {
	urls := map[string]string{}
	for _, line := range []string{"Serving the reference Workspace", "  websocket:    ws://127.0.0.1:1/scapi",
		"  service page: http://127.0.0.1:1/   (try it)", "  control:      http://127.0.0.1:1/control", "  control:"} {
		serveURLLine(line, urls)
	}
	if len(urls) != 2 || urls["websocket"] != "ws://127.0.0.1:1/scapi" || urls["control"] != "http://127.0.0.1:1/control" {
		t.Errorf("urls %v", urls)
	}
}

// TestSecurityCoverage: a security-option mutant is covered by the sets that
// caught it; other mutants are left out; one caught nowhere is uncaught.
func TestSecurityCoverage(t *testing.T) {
	mutants := []reference.Mutant{{Name: "a", Requirement: "security.origin.1"}, {Name: "b", Requirement: "agent.get.1"},
		{Name: "c", Requirement: "security.rateLimit.4"}}
	sets := []fixedSetResult{{Name: "s1", Caught: []fixedRun{{Mutant: "a"}, {Mutant: "b"}}}, {Name: "s2", Caught: []fixedRun{{Mutant: "a"}}}}
	all, uncaught := securityCoverage(mutants, sets)
	if len(all) != 2 || all[0].Mutant != "a" || !slices.Equal(all[0].CaughtUnder, []string{"s1", "s2"}) ||
		all[1].Mutant != "c" || len(all[1].CaughtUnder) != 0 || !slices.Equal(uncaught, []string{"c"}) {
		t.Errorf("securityCoverage = %+v, %v; want a under s1, s2 and c uncaught", all, uncaught)
	}
}
