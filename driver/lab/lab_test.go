package lab

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
)

// helperEnv makes TestHelperCommand act as a lab command (this test binary
// runs itself); its mode is the argument after "--".
const helperEnv = "LAB_TEST_HELPER"

// TestHelperCommand is the lab command of the tests, not a test.
func TestHelperCommand(t *testing.T) {
	if os.Getenv(helperEnv) == "" {
		t.Skip("the lab command of the other tests")
	}
	mode := os.Args[len(os.Args)-1]
	in, _ := io.ReadAll(os.Stdin)
	switch mode {
	case "echo":
		var args map[string]any
		json.Unmarshal(in, &args)
		b, _ := json.Marshal(map[string]any{"interactionId": "call-7", "args": args, "stimulus": os.Getenv(EnvStimulus)})
		os.Stdout.Write(b)
	case "silent":
	case "garbage":
		fmt.Print("rang it!")
	case "array":
		fmt.Print("[1, 2]")
	case "fail":
		fmt.Fprint(os.Stderr, "no SIP trunk to 5001")
		os.Exit(3)
	case "sleep":
		time.Sleep(10 * time.Second)
	case "flood":
		os.Stdout.Write(bytes.Repeat([]byte("x"), MaxOutput+1))
	}
	os.Exit(0)
}

func command(mode string) []string {
	return []string{os.Args[0], "-test.run=^TestHelperCommand$", "--", mode}
}

func TestCommands(t *testing.T) {
	t.Setenv(helperEnv, "1")
	cases := []struct {
		mode    string
		timeout time.Duration
		want    map[string]any // the result when the command succeeds
		err     string         // the error's text (a part of it)
	}{
		{mode: "echo", want: map[string]any{"interactionId": "call-7", "args": map[string]any{"dn": "5001"}, "stimulus": control.StimInboundCall}},
		{mode: "silent"},
		{mode: "garbage", err: `stdout must be empty or a JSON object such as {"interactionId": "…"}, found "rang it!"`},
		{mode: "array", err: `stdout must be empty or a JSON object such as {"interactionId": "…"}, found "[1, 2]"`},
		{mode: "fail", err: `exit status 3; stderr: "no SIP trunk to 5001"`},
		{mode: "sleep", timeout: 300 * time.Millisecond, err: "(its timeout)"},
		{mode: "flood", err: fmt.Sprintf("printed more than %d bytes on stdout", MaxOutput)},
	}
	for _, c := range cases {
		t.Run(c.mode, func(t *testing.T) {
			l, err := New(Config{Stimuli: map[string]Stimulus{control.StimInboundCall: {Command: command(c.mode), Timeout: c.timeout}}})
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			res, err := l.Stimulate(context.Background(), control.Stimulus{Name: control.StimInboundCall, Args: map[string]any{"dn": "5001"}})
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) || !strings.Contains(err.Error(), "stimulus inbound-call: command") {
					t.Fatalf("Stimulate = %v, %v; want an error saying %q", res, err, c.err)
				}
				if time.Since(start) > 5*time.Second {
					t.Errorf("the command ran %v: it was not killed at its timeout", time.Since(start))
				}
				return
			}
			if err != nil || !reflect.DeepEqual(res.Result, c.want) {
				t.Fatalf("Stimulate = %v, %v; want %v", res.Result, err, c.want)
			}
		})
	}
}

// TestOwnTimeout: a command is bounded by its own timeout, not by the
// caller's shorter deadline; a cancelled caller stops it at once.
func TestOwnTimeout(t *testing.T) {
	t.Setenv(helperEnv, "1")
	l, _ := New(Config{Stimuli: map[string]Stimulus{"slow": {Command: command("sleep"), Timeout: 700 * time.Millisecond},
		"fast": {Command: command("echo")}}})
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	if _, err := l.Stimulate(ctx, control.Stimulus{Name: "fast"}); err != nil {
		t.Errorf("a command after the caller's deadline: %v; want it to run to its own timeout", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	if _, err := l.Stimulate(ctx, control.Stimulus{Name: "slow"}); err == nil || !strings.Contains(err.Error(), "stopped: context canceled") ||
		time.Since(start) > 600*time.Millisecond {
		t.Errorf("a cancelled caller: %v after %v; want the command stopped at once", err, time.Since(start))
	}
}

func TestManual(t *testing.T) {
	var console bytes.Buffer
	l, err := New(Config{Stimuli: map[string]Stimulus{control.StimInboundCall: {Manual: "Call 5001 from the test phone now", Timeout: time.Minute}},
		Interactive: true, Console: &console, Input: strings.NewReader("\n")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Stimulate(context.Background(), control.Stimulus{Name: control.StimInboundCall}); err != nil {
		t.Fatal(err)
	}
	want := "\n>>> stimulus inbound-call: Call 5001 from the test phone now\n>>> press Enter when done; waiting 1m0s\n"
	if console.String() != want {
		t.Errorf("console = %q; want %q", console.String(), want)
	}
	// The input has ended: the next manual stimulus cannot be confirmed.
	if _, err := l.Stimulate(context.Background(), control.Stimulus{Name: control.StimInboundCall}); err == nil ||
		!strings.Contains(err.Error(), "the console's input ended before the operator confirmed") {
		t.Errorf("Stimulate after the input ended = %v", err)
	}
	pr, _ := io.Pipe()
	l, _ = New(Config{Stimuli: map[string]Stimulus{"x": {Manual: "Do it", Timeout: 50 * time.Millisecond}},
		Interactive: true, Console: io.Discard, Input: pr})
	if _, err := l.Stimulate(context.Background(), control.Stimulus{Name: "x"}); err == nil ||
		!strings.Contains(err.Error(), `the operator did not confirm "Do it" in time`) {
		t.Errorf("Stimulate without Enter = %v; want the operator's timeout", err)
	}
}

// TestCapabilities: the lab's stimuli, manual ones only in an interactive
// run (otherwise listed unavailable with the reason); no options, no clock,
// no reset.
func TestCapabilities(t *testing.T) {
	stimuli := map[string]Stimulus{control.StimInboundCall: {Command: []string{"ring"}}, control.StimInboundChat: {Manual: "Start a chat"}}
	cases := []struct {
		name        string
		interactive bool
		offered     []string
		unavailable map[string]string
	}{
		{"interactive", true, []string{control.StimInboundCall, control.StimInboundChat}, nil},
		{"not interactive", false, []string{control.StimInboundCall},
			map[string]string{control.StimInboundChat: `the stimulus "inbound-chat" is manual ("Start a chat") and CI=true`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, err := New(Config{Stimuli: stimuli, Interactive: c.interactive, NotInteractive: "CI=true",
				Console: io.Discard, Input: strings.NewReader("")})
			if err != nil {
				t.Fatal(err)
			}
			caps, _ := l.Capabilities(context.Background())
			want := control.Capabilities{Stimuli: c.offered, Unavailable: c.unavailable, NoReset: true}
			if !reflect.DeepEqual(caps, want) {
				t.Errorf("Capabilities = %+v; want %+v", caps, want)
			}
			if c.interactive {
				return // asking the operator: TestManual
			}
			if _, err := l.Stimulate(context.Background(), control.Stimulus{Name: control.StimInboundChat}); !errors.Is(err, driver.ErrNotSteerable) ||
				!strings.Contains(err.Error(), c.unavailable[control.StimInboundChat]) {
				t.Errorf("Stimulate of a manual stimulus nobody watches = %v; want ErrNotSteerable with the reason", err)
			}
		})
	}
	l, _ := New(Config{})
	ctx := context.Background()
	for name, err := range map[string]error{"SetOptions": l.SetOptions(ctx, nil), "AdvanceClock": l.AdvanceClock(ctx, time.Second), "Reset": l.Reset(ctx)} {
		if !errors.Is(err, driver.ErrNotSteerable) {
			t.Errorf("%s = %v; want ErrNotSteerable", name, err)
		}
	}
	if _, err := l.Stimulate(ctx, control.Stimulus{Name: control.StimCampaign}); !errors.Is(err, driver.ErrNotSteerable) ||
		!strings.Contains(err.Error(), `the lab has no command or instructions for the stimulus "campaign"`) {
		t.Errorf("Stimulate of a stimulus the lab lacks = %v", err)
	}
}

func TestNewRefuses(t *testing.T) {
	cases := map[string]Stimulus{
		"stimulus s: give a command or manual instructions, not both": {Command: []string{"x"}, Manual: "y"},
		"stimulus s: give a command or manual instructions":           {},
		"stimulus s: the command's program is empty":                  {Command: []string{" "}},
		"stimulus s: timeout -1s is negative":                         {Command: []string{"x"}, Timeout: -time.Second},
	}
	for want, s := range cases {
		if _, err := New(Config{Stimuli: map[string]Stimulus{"s": s}}); err == nil || err.Error() != want {
			t.Errorf("New(%+v) = %v; want %q", s, err, want)
		}
	}
	if _, err := New(Config{Stimuli: map[string]Stimulus{"s": {Manual: "m"}}, Interactive: true}); err == nil ||
		err.Error() != "stimulus s: manual instructions need a console and an input" {
		t.Errorf("an interactive manual stimulus without a console: %v", err)
	}
}

func TestWithControl(t *testing.T) {
	l, _ := New(Config{})
	d := WithControl(nil, l)
	if d.Control() != driver.Controller(l) {
		t.Errorf("WithControl(d, l).Control() = %v; want the lab", d.Control())
	}
}
