// Package lab produces stimuli the way a lab does for a Workspace without a
// control endpoint (DESIGN.md > Real targets, "Calls from the lab"): per
// stimulus, a command the profile names (a SIP test tool ringing the agent's
// DN) or instructions an operator follows. It is a driver.Controller that
// can do nothing else: the target's options are configured once, it has no
// virtual clock and it cannot be reset.
//
// A command gets the stimulus arguments as a JSON object on stdin (and the
// stimulus name in the environment variable SCAPI_STIMULUS, so that one
// tool can serve several) and may print a JSON object on stdout, the stimulus result (for example
// {"interactionId": "…"}), or nothing. It is bounded by its timeout and
// killed when it passes; a failure carries its stderr.
//
// A manual stimulus prints its instructions and waits for the operator to
// press Enter (bounded by its timeout). In a run that is not interactive
// (stdin is not a terminal, or CI=true) manual stimuli are not offered: the
// specs that need them are skipped with that reason.
package lab

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
)

// Default bounds of a stimulus whose Timeout is zero.
const (
	DefaultCommandTimeout = 30 * time.Second
	DefaultManualTimeout  = 60 * time.Second
)

// MaxOutput bounds what a command may print on stdout (its result) and what
// of its stderr an error keeps.
const MaxOutput = 64 << 10

// EnvStimulus names the environment variable that gives a command the
// stimulus it is run for.
const EnvStimulus = "SCAPI_STIMULUS"

// Stimulus is how the lab produces one stimulus: a command or manual
// instructions, exactly one of them.
type Stimulus struct {
	// Command is the argv of the program that produces the stimulus.
	Command []string
	// Dir is the directory the command runs in ("" = the current one).
	Dir string
	// Manual are the instructions an operator follows ("Call 5001 from the
	// test phone").
	Manual string
	// Timeout bounds the command, or the operator (0 = the default).
	Timeout time.Duration
}

// Config configures a Controller.
type Config struct {
	// Stimuli are the stimuli the lab produces, by name (control.Stim*).
	Stimuli map[string]Stimulus
	// Interactive says an operator is at the console: manual stimuli are
	// offered only then (see Interactive).
	Interactive bool
	// NotInteractive says why the run is not interactive, for the skip
	// reason of manual stimuli ("" = "the run is not interactive").
	NotInteractive string
	// Console receives the operator's instructions; Input is where the
	// operator confirms with Enter. Required when a manual stimulus is
	// offered.
	Console io.Writer
	Input   io.Reader
	// Target identifies the target in Capabilities (nil = none).
	Target map[string]string
}

// Controller produces the lab's stimuli. It is safe for concurrent use;
// manual stimuli are asked one at a time.
type Controller struct {
	cfg    Config
	manual sync.Mutex
	lines  chan string // the operator's lines, read once Input is first needed
	once   sync.Once
}

var _ driver.Controller = (*Controller)(nil)

// New checks cfg and returns its controller.
func New(cfg Config) (*Controller, error) {
	for _, name := range names(cfg.Stimuli) {
		s := cfg.Stimuli[name]
		switch {
		case len(s.Command) > 0 && s.Manual != "":
			return nil, fmt.Errorf("stimulus %s: give a command or manual instructions, not both", name)
		case len(s.Command) == 0 && s.Manual == "":
			return nil, fmt.Errorf("stimulus %s: give a command or manual instructions", name)
		case len(s.Command) > 0 && strings.TrimSpace(s.Command[0]) == "":
			return nil, fmt.Errorf("stimulus %s: the command's program is empty", name)
		case s.Timeout < 0:
			return nil, fmt.Errorf("stimulus %s: timeout %v is negative", name, s.Timeout)
		case s.Manual != "" && cfg.Interactive && (cfg.Console == nil || cfg.Input == nil):
			return nil, fmt.Errorf("stimulus %s: manual instructions need a console and an input", name)
		}
	}
	return &Controller{cfg: cfg}, nil
}

func names(m map[string]Stimulus) []string {
	out := make([]string, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// offered reports whether the stimulus can be produced in this run, and why
// not.
func (c *Controller) offered(name string) (Stimulus, string) {
	s, ok := c.cfg.Stimuli[name]
	switch {
	case !ok:
		return s, fmt.Sprintf("the lab has no command or instructions for the stimulus %q", name)
	case s.Manual != "" && !c.cfg.Interactive:
		why := c.cfg.NotInteractive
		if why == "" {
			why = "the run is not interactive"
		}
		return s, fmt.Sprintf("the stimulus %q is manual (%q) and %s", name, s.Manual, why)
	}
	return s, ""
}

// Capabilities lists the stimuli the lab produces in this run; manual ones
// in a run that is not interactive are listed as unavailable, with the
// reason. The lab sets no options, has no clock and cannot reset.
func (c *Controller) Capabilities(context.Context) (control.Capabilities, error) {
	caps := control.Capabilities{Target: c.cfg.Target, Stimuli: []string{}, NoReset: true}
	for _, name := range names(c.cfg.Stimuli) {
		if _, why := c.offered(name); why != "" {
			if caps.Unavailable == nil {
				caps.Unavailable = map[string]string{}
			}
			caps.Unavailable[name] = why
			continue
		}
		caps.Stimuli = append(caps.Stimuli, name)
	}
	return caps, nil
}

// Stimulate runs the stimulus' command, or asks the operator. Its own
// timeout bounds it (a lab's tools and operators take their time), not the
// caller's per-wait deadline; a caller that is cancelled (an interrupt)
// still stops it.
func (c *Controller) Stimulate(ctx context.Context, st control.Stimulus) (control.StimulusResult, error) {
	s, why := c.offered(st.Name)
	if why != "" {
		return control.StimulusResult{}, fmt.Errorf("%w: %s", driver.ErrNotSteerable, why)
	}
	if len(s.Command) > 0 {
		ctx, cancel := detach(ctx, orDefault(s.Timeout, DefaultCommandTimeout))
		defer cancel()
		return c.run(ctx, st, s)
	}
	ctx, cancel := detach(ctx, orDefault(s.Timeout, DefaultManualTimeout))
	defer cancel()
	return c.ask(ctx, st, s)
}

// SetOptions is refused: the target was configured once.
func (c *Controller) SetOptions(context.Context, control.Options) error {
	return fmt.Errorf("%w: the lab sets no options (the target is configured once)", driver.ErrNotSteerable)
}

// AdvanceClock is refused: the lab has no virtual clock.
func (c *Controller) AdvanceClock(context.Context, time.Duration) error {
	return fmt.Errorf("%w: the lab has no virtual clock", driver.ErrNotSteerable)
}

// Reset is refused: the lab cannot reset the target.
func (c *Controller) Reset(context.Context) error {
	return fmt.Errorf("%w: the lab cannot reset the target", driver.ErrNotSteerable)
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// detach bounds a stimulus by its own timeout instead of ctx's deadline,
// while still ending when ctx is cancelled.
func detach(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	own, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
	stop := context.AfterFunc(ctx, func() {
		if errors.Is(ctx.Err(), context.Canceled) {
			cancel()
		}
	})
	return own, func() { stop(); cancel() }
}

// run runs the command with the arguments on stdin and reads its result.
func (c *Controller) run(ctx context.Context, st control.Stimulus, s Stimulus) (control.StimulusResult, error) {
	args := st.Args
	if args == nil {
		args = map[string]any{}
	}
	in, err := json.Marshal(args)
	if err != nil {
		return control.StimulusResult{}, fmt.Errorf("stimulus %s: encoding its arguments: %w", st.Name, err)
	}
	cmd := exec.CommandContext(ctx, s.Command[0], s.Command[1:]...)
	cmd.Dir = s.Dir
	cmd.Env = append(os.Environ(), EnvStimulus+"="+st.Name)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr capped
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second // a grandchild holding the pipes open cannot hang us
	start := time.Now()
	err = cmd.Run()
	what := fmt.Sprintf("stimulus %s: command %q", st.Name, s.Command)
	switch {
	case ctx.Err() != nil && errors.Is(context.Cause(ctx), context.DeadlineExceeded):
		return control.StimulusResult{}, fmt.Errorf("%s: killed after %v (its timeout)%s", what, time.Since(start).Round(time.Millisecond), stderr.tail())
	case ctx.Err() != nil:
		return control.StimulusResult{}, fmt.Errorf("%s: stopped: %v%s", what, ctx.Err(), stderr.tail())
	case err != nil:
		return control.StimulusResult{}, fmt.Errorf("%s: %v%s", what, err, stderr.tail())
	case stdout.over:
		return control.StimulusResult{}, fmt.Errorf("%s: printed more than %d bytes on stdout", what, MaxOutput)
	}
	out := bytes.TrimSpace(stdout.buf.Bytes())
	if len(out) == 0 {
		return control.StimulusResult{}, nil
	}
	var result map[string]any
	if err := json.Unmarshal(out, &result); err != nil || result == nil {
		return control.StimulusResult{}, fmt.Errorf("%s: stdout must be empty or a JSON object such as {\"interactionId\": \"…\"}, found %s", what, quote(out))
	}
	return control.StimulusResult{Result: result}, nil
}

// ask prints the instructions and waits for the operator's Enter.
func (c *Controller) ask(ctx context.Context, st control.Stimulus, s Stimulus) (control.StimulusResult, error) {
	c.manual.Lock()
	defer c.manual.Unlock()
	c.once.Do(func() {
		c.lines = make(chan string)
		go func() {
			sc := bufio.NewScanner(c.cfg.Input)
			for sc.Scan() {
				c.lines <- sc.Text()
			}
			close(c.lines)
		}()
	})
	deadline, _ := ctx.Deadline()
	args := ""
	if len(st.Args) > 0 {
		b, _ := json.Marshal(st.Args)
		args = " " + string(b)
	}
	fmt.Fprintf(c.cfg.Console, "\n>>> stimulus %s%s: %s\n>>> press Enter when done; waiting %v\n", st.Name, args, s.Manual,
		time.Until(deadline).Round(time.Second))
	select {
	case _, ok := <-c.lines:
		if !ok {
			return control.StimulusResult{}, fmt.Errorf("stimulus %s: the console's input ended before the operator confirmed", st.Name)
		}
		return control.StimulusResult{}, nil
	case <-ctx.Done():
		return control.StimulusResult{}, fmt.Errorf("stimulus %s: the operator did not confirm %q in time: %v", st.Name, s.Manual, ctx.Err())
	}
}

// capped keeps at most MaxOutput bytes and says whether more came.
type capped struct {
	buf  bytes.Buffer
	over bool
}

func (c *capped) Write(p []byte) (int, error) {
	if room := MaxOutput - c.buf.Len(); len(p) > room {
		c.buf.Write(p[:max(room, 0)])
		c.over = true
		return len(p), nil
	}
	return c.buf.Write(p)
}

// tail renders the captured stderr for an error ("" when there is none).
func (c *capped) tail() string {
	s := strings.TrimSpace(c.buf.String())
	if s == "" {
		return ""
	}
	return "; stderr: " + quote([]byte(s))
}

// quote renders at most 500 bytes of output for an error.
func quote(b []byte) string {
	if len(b) > 500 {
		return fmt.Sprintf("%q… (%d bytes)", b[:500], len(b))
	}
	return fmt.Sprintf("%q", b)
}
