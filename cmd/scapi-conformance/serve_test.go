package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"scapi-conformance/fixtures/reference"
)

func TestServeUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--addr", "0.0.0.0:0"}, exitUsage, "is not a loopback address"},
		{[]string{"--mutant", "no-such-mutant"}, exitUsage, `unknown mutant "no-such-mutant"`},
		{[]string{"extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"--bogus"}, exitUsage, "unknown flag --bogus"},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		if code := serve(context.Background(), c.args, &out, &errb); code != c.code || !strings.Contains(errb.String(), c.want) {
			t.Errorf("serve %v = %d, stderr %q; want %d and %q", c.args, code, errb.String(), c.code, c.want)
		}
	}
}

func TestServeNamesItsMutant(t *testing.T) {
	m := reference.Mutants()[0]
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // serve prints, then stops at once
	var out, errb bytes.Buffer
	if code := serve(ctx, []string{"--mutant", m.Name}, &out, &errb); code != exitOK {
		t.Fatalf("serve --mutant %s = %d: %s", m.Name, code, errb.String())
	}
	want := fmt.Sprintf("running mutant %s (breaks %s: %s)", m.Name, m.Requirement, m.Description)
	if !strings.Contains(out.String(), want) {
		t.Errorf("serve printed %q; want it to say %q", out.String(), want)
	}
}

func TestServeRunsUntilStopped(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	var errb bytes.Buffer
	go func() {
		done <- serve(ctx, nil, pw, &errb)
		pw.Close()
	}()
	urls := map[string]string{}
	sc := bufio.NewScanner(pr)
	for sc.Scan() && len(urls) < 3 {
		for _, k := range []string{"websocket:", "service page:", "control:"} {
			if f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(sc.Text()), k)); strings.HasPrefix(strings.TrimSpace(sc.Text()), k) && len(f) > 0 {
				urls[k] = f[0]
			}
		}
	}
	go io.Copy(io.Discard, pr)
	if len(urls) != 3 {
		t.Fatalf("serve printed %v; want the three URLs", urls)
	}
	for _, k := range []string{"service page:", "control:"} {
		u := urls[k]
		if k == "control:" {
			u += "/capabilities"
		}
		resp, err := http.Get(u)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %v %v", u, resp, err)
		} else {
			resp.Body.Close()
		}
	}
	wctx, wcancel := context.WithTimeout(ctx, 5*time.Second)
	defer wcancel()
	conn, _, err := websocket.Dial(wctx, urls["websocket:"], nil)
	if err != nil {
		t.Fatalf("dial %s: %v", urls["websocket:"], err)
	}
	defer conn.CloseNow()
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve returned %d after stop; stderr %s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop within 10 s of its context ending")
	}
}
