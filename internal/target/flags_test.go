package target

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestFlagsSpec(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	noTarget := write("no-target.yaml", "origins: [https://a.example]\n")
	embedded := write("embedded.yaml", "target: {embedded: true}\n")
	remote := write("remote.yaml", "target:\n  url: ws://127.0.0.1:9/scapi\n  control: http://127.0.0.1:9/control\n  timeout: 7s\n")
	both := write("both.yaml", "target: {embedded: true, url: 'ws://127.0.0.1:9/x'}\n")
	for _, tc := range []struct {
		name string
		args []string
		want Spec   // compared without the profile
		err  string // substring of the usage error; "" = none
	}{
		{name: "nothing: the embedded reference", want: Spec{Driver: DriverWS}},
		{name: "mutant", args: []string{"--mutant", "m", "--driver", "inproc"}, want: Spec{Driver: DriverInProc, Mutant: "m"}},
		{name: "empty --target", args: []string{"--target", ""}, err: "--target is empty"},
		{name: "blank --target", args: []string{"--target= "}, err: "--target is empty"},
		{name: "profile without target", args: []string{"--profile", noTarget}, err: "the profile names no target"},
		{name: "profile without target, --target given", args: []string{"--profile", noTarget, "--target", "ws://h/x"},
			want: Spec{Driver: DriverWS, URL: "ws://h/x"}},
		{name: "profile embedded", args: []string{"--profile", embedded, "--mutant", "m"}, want: Spec{Driver: DriverWS, Mutant: "m"}},
		{name: "profile embedded and url", args: []string{"--profile", both}, err: "exclude each other"},
		{name: "profile target", args: []string{"--profile", remote},
			want: Spec{Driver: DriverWS, URL: "ws://127.0.0.1:9/scapi", Control: "http://127.0.0.1:9/control", WaitTimeout: 7 * time.Second}},
		{name: "flags override the profile", args: []string{"--profile", remote, "--target", "ws://other/x", "--wait-timeout", "1s"},
			want: Spec{Driver: DriverWS, URL: "ws://other/x", Control: "http://127.0.0.1:9/control", WaitTimeout: time.Second}},
		{name: "deprecated --call-timeout", args: []string{"--call-timeout", "3s"}, want: Spec{Driver: DriverWS, WaitTimeout: 3 * time.Second}},
		{name: "mutant with a target", args: []string{"--mutant", "m", "--target", "ws://h/x"}, err: "cannot be combined"},
		{name: "control without a target", args: []string{"--control", "http://h/c"}, err: "give its --target too"},
		{name: "inproc with a target", args: []string{"--driver", "inproc", "--target", "ws://h/x"}, err: "cannot reach ws://h/x"},
		{name: "browser with ws URL", args: []string{"--driver", "browser", "--target", "ws://h/x"}, err: "service page"},
		{name: "unknown driver", args: []string{"--driver", "carrier-pigeon"}, err: `--driver "carrier-pigeon": want ws, browser, inproc`},
		{name: "missing profile", args: []string{"--profile", filepath.Join(dir, "none.yaml")}, err: "none.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			var f Flags
			f.Register(fs)
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			got, err := f.Spec()
			if tc.err != "" {
				if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Spec() = %+v, %v; want a usage error containing %q", got, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.Profile = nil
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Spec() = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestSpecArgsRoundTrip: Args gives back the flags of a spec.
func TestSpecArgsRoundTrip(t *testing.T) {
	want := Spec{URL: "http://h/page", Control: "http://h/c", Driver: DriverBrowser, Browser: "/bin/chromium",
		ClientLib: "lib.js", WaitTimeout: 4 * time.Second}
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	var f Flags
	f.Register(fs)
	if err := fs.Parse(want.Args()); err != nil {
		t.Fatal(err)
	}
	got, err := f.Spec()
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Spec() from %q = %+v, %v; want %+v", want.Args(), got, err, want)
	}
}

func TestSpecName(t *testing.T) {
	for _, tc := range []struct {
		s    Spec
		want string
	}{
		{Spec{}, "embedded reference over websocket"},
		{Spec{Mutant: "m", Driver: DriverInProc}, "embedded reference (mutant m) in-process"},
		{Spec{Driver: DriverBrowser}, "embedded reference through the browser"},
		{Spec{URL: "ws://h/x"}, "ws://h/x"},
	} {
		if got := tc.s.Name(); got != tc.want {
			t.Errorf("%+v.Name() = %q, want %q", tc.s, got, tc.want)
		}
	}
}
