package target

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
	"scapi-conformance/driver/inproc"
	"scapi-conformance/internal/profile"
)

// TestInteractive: a run whose stdin is the null device, a file or a pipe,
// or that CI runs, has nobody at the console.
func TestInteractive(t *testing.T) {
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	saved := os.Stdin
	defer func() { os.Stdin = saved }()
	for _, c := range []struct {
		name  string
		stdin *os.File
		ci    string
		want  string
	}{
		{"null device", null, "", "the run is not interactive (stdin is " + os.DevNull + ")"},
		{"pipe", r, "", "the run is not interactive (stdin is not a terminal)"},
		{"CI", null, "true", "the run is not interactive (CI=true)"},
	} {
		os.Stdin = c.stdin
		t.Setenv("CI", c.ci)
		if ok, why := interactive(); ok || why != c.want {
			t.Errorf("%s: interactive() = %v, %q; want false, %q", c.name, ok, why, c.want)
		}
	}
}

// TestWithLab: a profile whose stimuli say how the lab produces them gives
// a driver without a control endpoint the lab's controller, and is refused
// for a target that has one.
func TestWithLab(t *testing.T) {
	p := &profile.Profile{File: "lab.yaml", Lab: map[string]profile.LabStimulus{
		control.StimInboundCall: {Command: []string{"ring"}, Timeout: time.Second}}}
	tg := &Target{Spec: Spec{URL: "ws://lab.example/scapi", Profile: p}}
	d, err := tg.withLab(inproc.New(inproc.Config{}))
	if err != nil {
		t.Fatal(err)
	}
	caps, err := d.Control().Capabilities(context.Background())
	if err != nil || !slices.Equal(caps.Stimuli, []string{control.StimInboundCall}) || caps.Options || caps.Clock || !caps.NoReset {
		t.Errorf("the lab's capabilities = %+v, %v", caps, err)
	}
	steered := inproc.New(inproc.Config{Control: d.Control()})
	if _, err := tg.withLab(steered); !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(),
		"lab.yaml: stimuli with a command or manual instructions are for a target without a control endpoint") {
		t.Errorf("a lab profile on a steerable target: %v; want a usage error", err)
	}
	tg.Spec.Profile = &profile.Profile{Stimuli: []string{control.StimInboundCall}}
	if got, err := tg.withLab(steered); err != nil || got != driver.Driver(steered) {
		t.Errorf("stimuli listed by name: %v, %v; want the driver unchanged", got, err)
	}
}
