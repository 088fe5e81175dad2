package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"scapi-conformance/fixtures/server"
)

func TestDoctor(t *testing.T) {
	fixed, err := server.Start(context.Background(), server.Config{Control: server.ControlNone})
	if err != nil {
		t.Fatal(err)
	}
	defer fixed.Close()
	cases := []struct {
		name string
		args []string
		code int
		want []string // lines (or parts of lines) of stdout
	}{
		{"healthy", []string{"--driver", "inproc"}, exitOK, []string{
			"target embedded reference in-process · driver inproc",
			`  ok      reply envelope             referenceId "0" echoed as the same string, userAgent "WWE Server", protocolVersion 2`,
			"  ok      client origins accepted    all 4 accepted (options set through the control endpoint)"}},
		{"unconfigured", []string{"--target", fixed.WebSocketURL()}, exitUsage, []string{
			"  BROKEN  client origins accepted    none of the 4 client origins is accepted: https://app.example.com: ",
			"fix: configure the Workspace with service-client-api.accepted-web-content-origins = https://app.example.com (*, auth.getJwtToken), https://other.example.com (*, auth.getJwtToken)"}},
		{"broken", []string{"--driver", "inproc", "--mutant", "subscribe-ack-with-event-key"}, exitFailed, []string{
			`  BROKEN  subscribe acknowledgement  the answer carries an "event" key ("subscribe") next to referenceId "0"`,
			"  the envelope is broken: every vendor client of this target is affected"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := dispatch(append([]string{"doctor"}, c.args...), &stdout, &stderr)
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.code, &stdout, &stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, &stdout)
				}
			}
		})
	}
}

func TestDoctorUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := dispatch([]string{"doctor", "--target", ""}, &stdout, &stderr); code != exitUsage || !strings.Contains(stderr.String(), "--target is empty") {
		t.Errorf("doctor --target '': exit %d, stderr %q", code, &stderr)
	}
	stdout.Reset()
	if code := dispatch([]string{"doctor", "--help"}, &stdout, &stderr); code != exitOK || !strings.Contains(stdout.String(), "Usage: scapi-conformance doctor") {
		t.Errorf("doctor --help: exit %d, stdout %q", code, &stdout)
	}
}
