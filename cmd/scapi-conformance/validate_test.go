package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scapi-conformance/fixtures/golden"
	"scapi-conformance/schemas"
)

// writeFixture writes content to a file in a test directory.
func writeFixture(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestValidateExitCodes(t *testing.T) {
	agent := `{"employeeId":"1","firstname":"F","lastname":"L","username":"u"}`
	valid := writeFixture(t, "valid.json", agent)
	missing := writeFixture(t, "missing.json", `{"employeeId":"1","firstname":"F","lastname":"L"}`)
	syntax := writeFixture(t, "syntax.json", "{\n  \"a\": 1,\n  \"b\" 2\n}\n")
	empty := writeFixture(t, "empty.json", "")
	trailing := writeFixture(t, "trailing.json", agent+" x")
	absent := filepath.Join(t.TempDir(), "absent.json")
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{"valid", []string{"--type", "agent.Agent", valid}, exitOK, []string{valid + ": valid agent.Agent (strict)"}, nil},
		{"invalid names pointer", []string{"--type", "agent.Agent", missing}, exitFailed,
			[]string{missing + ": /username: required property is missing", missing + ": invalid agent.Agent (strict): 1 error(s)"}, nil},
		{"flags after files", []string{valid, "--type", "agent.Agent", "--lenient"}, exitOK, []string{valid + ": valid agent.Agent (lenient)"}, nil},
		{"syntax error located", []string{"--type", "agent.Agent", syntax}, exitUsage, nil,
			[]string{syntax + ": invalid JSON at line 3, column 7 (byte offset 18): invalid character '2' after object key"}},
		{"empty file", []string{"--type", "agent.Agent", empty}, exitUsage, nil,
			[]string{empty + ": invalid JSON at line 1, column 1 (byte offset 0): unexpected end of JSON input"}},
		{"trailing data", []string{"--type", "agent.Agent", trailing}, exitUsage, nil,
			[]string{trailing + ": invalid JSON at line 1, column 66 (byte offset 65): trailing data after the JSON document"}},
		{"unreadable file", []string{"--type", "agent.Agent", absent}, exitUsage, nil,
			[]string{absent + ": cannot read: no such file or directory"}},
		{"worst code wins", []string{"--type", "agent.Agent", valid, missing, absent}, exitUsage,
			[]string{valid + ": valid", missing + ": /username"}, []string{absent + ": cannot read"}},
		{"unknown type", []string{"--type", "agent.Nobody", valid}, exitUsage, nil, []string{`unknown type "agent.Nobody"`}},
		{"no type", []string{valid}, exitUsage, nil, []string{"--type is required"}},
		{"no file", []string{"--type", "agent.Agent"}, exitUsage, nil, []string{"no FILE given"}},
		{"both modes", []string{"--type", "agent.Agent", "--strict", "--lenient", valid}, exitUsage, nil, []string{"exclude each other"}},
		{"help", []string{"--help"}, exitOK, []string{"Usage: scapi-conformance validate --type <schema|auto>", "Examples:"}, nil},
		{"types", []string{"--types"}, exitOK, []string{"agent.Agent\n", "event.interaction.RINGING\n"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := contractRun(append([]string{"validate"}, c.args...)...)
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, out, errOut)
			}
			for _, want := range c.stdout {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			for _, want := range c.stderr {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
		})
	}
}

// validate on every golden example: exit 0 (strict; lenient for recorded
// deviations, which exit 1 in strict mode), and exit 1 naming the pointer on a
// broken copy; documented counter-examples exit 1 in both modes.
func TestValidateGoldenExamples(t *testing.T) {
	for _, f := range golden.Fixtures() {
		if f.Pointer != "" || len(f.Set) > 0 {
			continue
		}
		raw, err := golden.Raw(f.File)
		if err != nil {
			t.Fatal(err)
		}
		path := writeFixture(t, filepath.Base(f.File), string(raw))
		if f.Invalid {
			for _, mode := range []string{"--strict", "--lenient"} {
				if code, out, _ := contractRun("validate", "--type", f.Schema, mode, path); code != exitFailed {
					t.Errorf("%s: documented counter-example, %s exit %d, want 1\n%s", f.File, mode, code, out)
				}
			}
			continue
		}
		mode := "--strict"
		if len(f.Deviations) > 0 {
			mode = "--lenient"
			if code, out, _ := contractRun("validate", "--type", f.Schema, path); code != exitFailed {
				t.Errorf("%s: strict exit %d, want 1 (deviation %v)\n%s", f.File, code, f.Deviations, out)
			}
		}
		if code, out, errOut := contractRun("validate", "--type", f.Schema, mode, path); code != exitOK {
			t.Errorf("%s: %s exit %d\n%s%s", f.File, mode, code, out, errOut)
		}
		doc, err := f.Load()
		if err != nil {
			t.Fatal(err)
		}
		broken := brokenCopy(t, f.Schema, doc)
		if broken.Doc == nil {
			t.Errorf("%s: no mutation breaks it", f.File)
			continue
		}
		b, err := json.Marshal(broken.Doc)
		if err != nil {
			t.Fatal(err)
		}
		bpath := writeFixture(t, "broken-"+filepath.Base(f.File), string(b))
		code, out, _ := contractRun("validate", "--type", f.Schema, "--lenient", bpath)
		if code != exitFailed || !strings.Contains(out, bpath+": "+pointerText(broken.Pointer)) {
			t.Errorf("%s broken at %s (%s): exit %d\n%s", f.File, broken.Pointer, broken.Kind, code, out)
		}
	}
}

// brokenCopy returns the first wrong-type mutation below the root that fails
// in lenient mode, or the root's for a scalar document.
func brokenCopy(t *testing.T, schema string, doc any) golden.Mutation {
	t.Helper()
	var root golden.Mutation
	for _, m := range golden.Mutations(doc) {
		if m.Kind != golden.WrongType || schemas.Validate(schemas.Lenient, schema, m.Doc) == nil {
			continue
		}
		if m.Pointer != "" {
			return m
		}
		root = m
	}
	return root
}

func pointerText(p string) string {
	if p == "" {
		return "(root)"
	}
	return p
}

func TestValidateAuto(t *testing.T) {
	const srv = `"userAgent":"WWE Server","protocolVersion":2`
	cases := []struct {
		name, doc string
		code      int
		want      string
	}{
		{"event", `{"event":"system","data":{"frameState":"LEADING"},` + srv + `}`, exitOK,
			"valid event.system.frameState (strict)"},
		{"undocumented event", `{"event":"interaction","data":{"eventType":"EXPLODED"},` + srv + `}`, exitFailed,
			`/event: no documented event "interaction" with eventType "EXPLODED"`},
		{"reply data against the catalog result", `{"request":"agent.get","referenceId":"0","data":{"username":"u"},` + srv + `}`, exitFailed,
			"/data/employeeId: required property is missing"},
		{"valid reply", `{"request":"sipEndpoint.isMicrophoneMute","referenceId":"0","data":true,` + srv + `}`, exitOK,
			"valid envelope.Reply + boolean at /data (strict)"},
		{"reply to an unknown request", `{"request":"voice.isMicrophoneMute","referenceId":"0","data":true,` + srv + `}`, exitFailed,
			`/request: "voice.isMicrophoneMute" is not a request of the catalog`},
		{"error reply", `{"request":"agent.get","referenceId":"0","errorMessage":"no",` + srv + `}`, exitOK, "valid envelope.ErrorReply"},
		{"ack with an event key", `{"referenceId":"1","subscriptionId":"s","event":"x",` + srv + `}`, exitFailed, "/event: no documented event"},
		{"ack", `{"referenceId":"1","subscriptionId":"s",` + srv + `}`, exitOK, "valid envelope.SubscribeAck"},
		{"request", `{"request":"voice.dial","parameters":["5001"],"referenceId":"0","userAgent":"WWE Client","protocolVersion":2}`, exitOK, "valid envelope.Request"},
		{"subscribe", `{"event":"subscribe","data":"agent","referenceId":"0","userAgent":"WWE Client","protocolVersion":2}`, exitOK, "valid envelope.Subscribe"},
		{"frameId", `{"frameId":"f"}`, exitOK, "valid envelope.FrameID"},
		{"not a message", `{"hello":1}`, exitFailed,
			"m.json: cannot classify: neither a request, reply, acknowledgement nor event: none of event, subscriptionId, errorMessage, data, request, frameId\n"},
		{"not an object", `[1]`, exitFailed, "m.json: cannot classify: neither a request, reply, acknowledgement nor event: message is not a JSON object\n"},
		{"enum shows the value found", `{"event":"system","data":{"frameState":"BOGUS"},` + srv + `}`, exitFailed,
			`m.json: /data/frameState: value must be one of "LEADING", "FOLLOWING", "NEGOTIATING" (found "BOGUS")` + "\n"},
		{"const shows the value found", `{"request":"agent.get","referenceId":"0","errorMessage":"no","userAgent":"WWE Server","protocolVersion":3}`, exitFailed,
			`m.json: /protocolVersion: value must be "2" (found 3)` + "\n"},
		{"type error shows the value found", `{"request":"sipEndpoint.isMicrophoneMute","referenceId":"0","data":"yes",` + srv + `}`, exitFailed,
			`/data: expected boolean, but got string (found "yes")`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeFixture(t, "m.json", c.doc)
			code, out, errOut := contractRun("validate", "--type", "auto", path)
			if code != c.code || !strings.Contains(out, c.want) || strings.Contains(out, "invalid  (") {
				t.Errorf("exit %d (want %d)\nstdout: %s\nstderr: %s\nwant %q", code, c.code, out, errOut, c.want)
			}
		})
	}
}
