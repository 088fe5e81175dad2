package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/fixtures/reference"
)

// jwtMutant makes the auth spec fail, so that its transcript — with the
// tokens getJwtToken returned — goes into every report.
const jwtMutant = "auth-jwt-new-on-every-call"

// tokensOf returns the first n tokens the reference Workspace running the
// mutant hands out on a fresh session (its clock and counters start fixed).
func tokensOf(t *testing.T, mutant string, n int) []string {
	t.Helper()
	w, err := reference.New(mutant)
	if err != nil {
		t.Fatal(err)
	}
	const origin = "https://canary.example"
	if err := w.SetOptions(control.Options{options.AcceptedOrigins: origin + " (*, auth.getJwtToken)"}); err != nil {
		t.Fatal(err)
	}
	replies := make(chan []byte, 2*n+4)
	c := w.Connect(origin, func(b []byte) { replies <- append([]byte(nil), b...) })
	defer c.Close()
	var tokens []string
	for i := range n {
		c.Handle(fmt.Appendf(nil, `{"request":"auth.getJwtToken","referenceId":"%d","userAgent":"WWE Client","protocolVersion":2}`, i))
		for len(tokens) == i {
			select {
			case b := <-replies:
				var m struct {
					Data struct {
						JwtToken string `json:"jwtToken"`
					} `json:"data"`
				}
				if json.Unmarshal(b, &m) == nil && m.Data.JwtToken != "" {
					tokens = append(tokens, m.Data.JwtToken)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("no getJwtToken reply from the reference Workspace")
			}
		}
	}
	return tokens
}

// TestE2ESecretsNeverReported runs a profile carrying a canary password
// against a target whose getJwtToken spec fails (so its transcript, tokens
// included, is reported), and looks for the canary and the tokens in every
// report and in the console output.
func TestE2ESecretsNeverReported(t *testing.T) {
	const canary = "CANARY-pw-7f3a9c1e"
	dir := t.TempDir()
	profilePath := filepath.Join(dir, "profile.yaml")
	if err := os.WriteFile(profilePath, []byte("target: {embedded: true}\nlogin:\n  user: agent1\n  password: "+canary+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tokens := tokensOf(t, jwtMutant, 4)
	r := e2e(t, "run", "--mutant", jwtMutant, "--profile", profilePath, "--json", "{dir}/r.json", "--junit", "{dir}/r.xml",
		"--html", "{dir}/r.html", "--write-baseline", "{dir}/b.yaml", "--owner", "sec")
	r.expect(t, exitFailed)
	outputs := map[string]string{"stdout": r.stdout, "stderr": r.stderr}
	for _, name := range []string{"r.json", "r.xml", "r.html", "b.yaml"} {
		b, err := os.ReadFile(filepath.Join(r.dir, name))
		if err != nil {
			t.Fatal(err)
		}
		outputs[name] = string(b)
	}
	jwtShape := regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.eyJ`)
	for name, text := range outputs {
		if strings.Contains(text, canary) {
			t.Errorf("%s contains the profile's password", name)
		}
		for _, tok := range tokens {
			if strings.Contains(text, tok) {
				t.Errorf("%s contains a token returned by auth.getJwtToken", name)
			}
		}
		if loc := jwtShape.FindStringIndex(text); loc != nil {
			t.Errorf("%s contains something shaped like a JWT at byte %d", name, loc[0])
		}
	}
	// The check above means something only if the tokens were there to leak:
	// the failing auth spec's transcript carries redacted getJwtToken replies.
	if !strings.Contains(outputs["r.json"], `auth.getJwtToken`) || !strings.Contains(outputs["r.json"], "[REDACTED]") {
		t.Errorf("the JSON report has no redacted getJwtToken transcript; the canary test proves nothing")
	}
}
