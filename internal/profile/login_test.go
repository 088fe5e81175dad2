package profile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLoginScript: login.script is inline or @FILE read relative to the
// profile file; login.ready is an expression kept as written.
func TestLoginScript(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "scripts"), 0o755)
	const body = "document.forms[0].submit();\n"
	os.WriteFile(filepath.Join(dir, "scripts", "login.js"), []byte(body), 0o644)
	abs := filepath.Join(dir, "scripts", "login.js")
	for _, c := range []struct{ name, in, script, ready string }{
		{"inline", "login:\n  script: \"form.submit()\"\n  ready: window.app && app.ready\n", "form.submit()", "window.app && app.ready"},
		{"relative file", "login:\n  script: \"@scripts/login.js\"\n", body, ""},
		{"absolute file", "login:\n  script: \"@" + abs + "\"\n", body, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, "p.yaml")
			os.WriteFile(path, []byte(c.in), 0o644)
			p, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if p.Login.Script != c.script || p.Login.Ready != c.ready {
				t.Errorf("Login = %+v; want script %q, ready %q", p.Login, c.script, c.ready)
			}
		})
	}
}

func TestLoginScriptErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "blank.js"), []byte(" \n"), 0o644)
	os.WriteFile(filepath.Join(dir, "big.js"), make([]byte, maxScript+1), 0o644)
	file := filepath.Join(dir, "p.yaml")
	for _, c := range []struct{ name, in, want string }{
		{"missing file", "login:\n  script: \"@nope.js\"\n",
			file + `:2:11: login.script: stat ` + filepath.Join(dir, "nope.js") + `: no such file or directory`},
		{"blank file", "login:\n  script: \"@blank.js\"\n", file + `:2:11: login.script: ` + filepath.Join(dir, "blank.js") + ` is empty`},
		{"big file", "login:\n  script: \"@big.js\"\n",
			file + `:2:11: login.script: ` + filepath.Join(dir, "big.js") + ` is larger than 1048576 bytes`},
		{"empty script", "login:\n  script: \"\"\n", file + `:2:11: login.script must not be empty`},
		{"script list", "login:\n  script: [a]\n", file + `:2:11: login.script must be a string, found a list`},
		{"empty ready", "login:\n  ready: \" \"\n", file + `:2:10: login.ready must not be empty`},
		{"unknown key", "login:\n  scirpt: x\n", file + `:2:3: unknown key "scirpt" in login (known: password, ready, script, user)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse(file, []byte(c.in))
			if err == nil || err.Error() != c.want {
				t.Errorf("Parse = %+v, %v\nwant error %s", p, err, c.want)
			}
		})
	}
}
