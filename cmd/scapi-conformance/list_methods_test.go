package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// contractRun runs the CLI in-process and captures its output.
func contractRun(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = dispatch(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestListMethodsJSON(t *testing.T) {
	code, out, errOut := contractRun("list", "methods", "--json")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	var entries []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &entries); err != nil {
		t.Fatalf("output is not a JSON array: %v", err)
	}
	if len(entries) != 77 {
		t.Fatalf("%d entries, want 77", len(entries))
	}
	fields := []string{"namespace", "name", "wire", "params", "result", "allowKeyword", "listedKeyword",
		"changesState", "needs", "section", "documents", "differences"}
	for i, e := range entries {
		for _, f := range fields {
			raw, ok := e[f]
			if !ok {
				t.Errorf("entry %d (%s): no field %q", i, e["name"], f)
			} else if string(raw) == "null" {
				t.Errorf("entry %d (%s): field %q is null", i, e["name"], f)
			}
		}
	}
	var names []struct{ Namespace, Name, Wire string }
	if err := json.Unmarshal([]byte(out), &names); err != nil {
		t.Fatal(err)
	}
	if n := names[len(names)-1]; n.Name != "unsubscribe" || n.Wire != "unsubscribe" {
		t.Errorf("last entry %+v, want unsubscribe", n)
	}
	for _, n := range names {
		if n.Name == "muteMicrophone" && n.Wire != "sipEndpoint.muteMicrophone" {
			t.Errorf("voice.muteMicrophone wire = %q, want sipEndpoint.muteMicrophone", n.Wire)
		}
	}
}

func TestListMethodsTable(t *testing.T) {
	code, out, _ := contractRun("list", "methods")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(lines[0], "METHOD") {
		t.Errorf("first line %q is not the header", lines[0])
	}
	if last := lines[len(lines)-1]; last != "77 entries" {
		t.Errorf("last line %q, want \"77 entries\"", last)
	}
	for _, want := range []string{"voice.muteMicrophone", "sipEndpoint.muteMicrophone", "INT-CAT-1", "agent.setState*"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q", want)
		}
	}
}

func TestListMethodsUsage(t *testing.T) {
	cases := []struct {
		args     []string
		code     int
		inStderr string
	}{
		{[]string{"list", "methods", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"list", "methods", "--bogus"}, exitUsage, "unknown flag --bogus"},
	}
	for _, c := range cases {
		code, _, errOut := contractRun(c.args...)
		if code != c.code || !strings.Contains(errOut, c.inStderr) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, errOut, c.code, c.inStderr)
		}
	}
}
