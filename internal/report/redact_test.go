package report

import (
	"bytes"
	"strings"
	"testing"
)

const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudDEifQ.c2lnbmF0dXJl"

func TestRedactorString(t *testing.T) {
	r := NewRedactor("hunter2", "abc", "hunter2-long")
	for _, tc := range []struct{ in, want string }{
		{"password hunter2!", "password [REDACTED]!"},
		{"hunter2-long", "[REDACTED]"},
		{"abc is too short to be a secret", "abc is too short to be a secret"},
		{`{"data":"` + jwt + `"}`, `{"data":"[REDACTED]"}`},
		{"eyJ alone is fine", "eyJ alone is fine"},
	} {
		if got := r.String(tc.in); got != tc.want {
			t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	r.Learn("opaque-token-42")
	if got := r.String("token opaque-token-42"); got != "token [REDACTED]" {
		t.Errorf("learned secret not redacted: %q", got)
	}
}

func TestRedactorResult(t *testing.T) {
	res := sampleResult()
	res.Target.URL = "ws://agent:hunter2@127.0.0.1/"
	res.Target.Build["token"] = jwt
	res.Specs[1].Failure.Attachments[0].Value = `← {"data":"` + jwt + `"}`
	res.Baseline = &BaselineOutcome{New: []NewFailure{{Fingerprint: Fingerprint{Signature: "hunter2"}, Resembles: &BaselineEntry{Reason: "hunter2"}}}}
	NewRedactor("hunter2").Result(res)
	b, err := MarshalJUnit(res)
	if err != nil {
		t.Fatal(err)
	}
	h, err := RenderHTML(res)
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range [][]byte{b, h} {
		if bytes.Contains(out, []byte("hunter2")) || bytes.Contains(out, []byte(jwt)) {
			t.Errorf("a secret survived redaction:\n%s", out)
		}
	}
	if res.Target.URL != "ws://agent:[REDACTED]@127.0.0.1/" {
		t.Errorf("URL = %q", res.Target.URL)
	}
}

func TestRedactingWriter(t *testing.T) {
	var out strings.Builder
	w := NewRedactor("hunter2").Writer(&out)
	for _, chunk := range []string{"pass: hun", "ter2\nnext ", "line hunt", "er2"} {
		if _, err := w.Write([]byte(chunk)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "pass: [REDACTED]\nnext line [REDACTED]"; got != want {
		t.Errorf("written %q, want %q", got, want)
	}
}
