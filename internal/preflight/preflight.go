// Package preflight checks, before any spec, the basics every spec and every
// vendor client relies on (DESIGN.md > Wire protocol, "Broken basics"): the
// target answers; a reply echoes the very referenceId string sent, says a
// userAgent containing WWE and protocolVersion 2; a subscribe is
// acknowledged with a subscriptionId and no event key; and the client
// origins the suite presents are accepted. `run` prints the checks before
// the specs and stops with what to configure when no origin is accepted;
// `doctor` prints them alone.
//
// The preflight is the one place that sends requests on opening a target
// (target.Open sends none), and it spends none that a declared rate limit
// counts (Config.SpareRequests): the suite's rate budget then sees every
// request of the run. Its first reply also says how the target identifies
// itself (Report.UserAgent, Report.ProtocolVersion).
package preflight

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
)

// Request is the request the reply check sends (unless Config.SpareRequests).
const Request = "agent.get"

// DefaultTimeout bounds each wait of the checks when Config.Timeout is zero.
const DefaultTimeout = 3 * time.Second

// Status is a check's outcome.
type Status string

// Outcomes of a check.
const (
	OK      Status = "ok"
	Broken  Status = "BROKEN"
	Unknown Status = "unknown" // could not be checked (a check before it failed)
)

// The checks, in the order they run and print.
const (
	CheckAnswers   = "target answers"
	CheckReply     = "reply envelope"
	CheckSubscribe = "subscribe acknowledgement"
	CheckOrigins   = "client origins accepted"
)

// Check is one basic and what was found.
type Check struct {
	Name   string `json:"name"`
	Status Status `json:"status"`
	// Detail says what was seen (the diagnosis when Broken).
	Detail string `json:"detail"`
	// Fix says what to configure, when the check is Broken and the fix is known.
	Fix string `json:"fix,omitempty"`
}

// Config is what to check.
type Config struct {
	// Driver reaches the target. Required.
	Driver driver.Driver
	// Origins are the client origins the suite will present (nil = the
	// driver's).
	Origins []string
	// Options are the options to set through the control endpoint before
	// checking, when the target takes options (nil = leave them): the
	// options each spec starts from.
	Options control.Options
	// Timeout bounds each wait (0 = DefaultTimeout).
	Timeout time.Duration
	// SpareRequests sends no request, only subscribes (which no rate limit
	// counts): for a target whose declared rate limits the suite's budget
	// spends exactly. The reply envelope is then checked on the answers to
	// the subscribes.
	SpareRequests bool
}

// Report is the outcome of every check.
type Report struct {
	Checks []Check `json:"checks"`
	// Origins are the origins tried; Accepted those the target accepted.
	Origins  []string `json:"origins"`
	Accepted []string `json:"accepted"`
	// Steered is true when the options were set through the control endpoint.
	Steered bool `json:"steered"`
	// UserAgent and ProtocolVersion are how the target identified itself in
	// the first reply it gave (as sent; "" when it gave none a client can take).
	UserAgent       string `json:"userAgent,omitempty"`
	ProtocolVersion string `json:"protocolVersion,omitempty"`

	// granted is the origin whose agent.get succeeded ("" = none did).
	granted string
}

// Check returns the check of that name.
func (r *Report) Check(name string) Check {
	for _, c := range r.Checks {
		if c.Name == name {
			return c
		}
	}
	return Check{Name: name, Status: Unknown}
}

// Broken lists the checks that failed.
func (r *Report) Broken() []Check {
	var out []Check
	for _, c := range r.Checks {
		if c.Status == Broken {
			out = append(out, c)
		}
	}
	return out
}

// NoOriginAccepted reports whether the target answered but accepts none of
// the suite's client origins: every spec would fail on a configuration
// matter, not on the Workspace.
func (r *Report) NoOriginAccepted() bool {
	return r.Check(CheckAnswers).Status == OK && r.Check(CheckOrigins).Status == Broken && len(r.Accepted) == 0
}

// Write prints the checks, one line each, with the fix under a broken one.
func (r *Report) Write(w io.Writer) {
	fmt.Fprintln(w, "preflight:")
	for _, c := range r.Checks {
		fmt.Fprintf(w, "  %-7s %-26s %s\n", c.Status, c.Name, c.Detail)
		if c.Fix != "" {
			fmt.Fprintf(w, "  %-7s %-26s fix: %s\n", "", "", c.Fix)
		}
	}
	if r.Check(CheckReply).Status == Broken || r.Check(CheckSubscribe).Status == Broken {
		fmt.Fprintln(w, "  the envelope is broken: every vendor client of this target is affected; the calls that meet it fail at once with this diagnosis")
	}
}

// Run checks the basics. The error is for a target that cannot be reached
// at all (no client opens; it wraps driver.ErrUnreachable or the driver's
// error); everything else is in the report.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	origins := cfg.Origins
	if origins == nil {
		origins = cfg.Driver.Origins()
	}
	if len(origins) == 0 {
		return nil, fmt.Errorf("%w: no client origin to present", driver.ErrUnreachable)
	}
	r := &Report{Origins: append([]string(nil), origins...), Accepted: []string{}}
	reset, err := r.steer(ctx, cfg, timeout)
	if err != nil {
		return nil, err
	}
	defer reset()
	c, err := open(ctx, cfg.Driver, origins[0], timeout)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if cfg.SpareRequests {
		out := subscribeAll(ctx, cfg.Driver, origins, timeout)
		r.answers(out)
		r.origins(out)
		return r, nil
	}
	r.reply(ctx, c, timeout)
	if r.Check(CheckAnswers).Status != OK {
		r.add(CheckSubscribe, Unknown, "not checked: the target does not answer", "")
		r.add(CheckOrigins, Unknown, "not checked: the target does not answer", "")
		return r, nil
	}
	r.origins(subscribeAll(ctx, cfg.Driver, origins, timeout))
	return r, nil
}

// steer sets cfg.Options on a target that takes options, and returns what
// resets it afterwards (when it may be reset).
func (r *Report) steer(ctx context.Context, cfg Config, timeout time.Duration) (reset func(), err error) {
	reset = func() {}
	ctrl := cfg.Driver.Control()
	if ctrl == nil || cfg.Options == nil {
		return reset, nil
	}
	sctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	caps, err := ctrl.Capabilities(sctx)
	if err != nil {
		return reset, fmt.Errorf("%w: control endpoint: %v", driver.ErrUnreachable, err)
	}
	if !caps.Options {
		return reset, nil
	}
	if err := ctrl.SetOptions(sctx, cfg.Options); err != nil {
		return reset, fmt.Errorf("%w: control endpoint: %v", driver.ErrUnreachable, err)
	}
	r.Steered = true
	if caps.NoReset {
		return reset, nil
	}
	return func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
		defer cancel()
		_ = ctrl.Reset(rctx)
	}, nil
}

func open(ctx context.Context, d driver.Driver, origin string, timeout time.Duration) (driver.Client, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c, err := d.Open(ctx, origin)
	if err != nil {
		return nil, fmt.Errorf("%w: opening a client as %s: %v", driver.ErrUnreachable, origin, err)
	}
	return c, nil
}

func (r *Report) add(name string, s Status, detail, fix string) {
	r.Checks = append(r.Checks, Check{Name: name, Status: s, Detail: detail, Fix: fix})
}

// reply calls agent.get (with the vendor client's first referenceId, "0")
// and checks the reply's envelope; an error reply (an origin not accepted)
// still shows the envelope.
func (r *Report) reply(ctx context.Context, c driver.Client, timeout time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start := time.Now()
	m, err := c.Call(ctx, wire.NewRequest(Request, "", nil))
	took := time.Since(start).Round(100 * time.Microsecond)
	switch {
	case errors.Is(err, driver.ErrBrokenEnvelope):
		r.add(CheckAnswers, OK, fmt.Sprintf("agent.get was answered in %v, but not as a vendor client can take it", took), "")
		r.add(CheckReply, Broken, diagnosis(err), "")
		return
	case err != nil:
		r.add(CheckAnswers, Broken, fmt.Sprintf("no usable answer to agent.get: %v", err),
			"check the target URL and that the Workspace page is loaded and logged in; every spec that waits for this target will wait its full timeout")
		r.add(CheckReply, Unknown, "not checked: no reply", "")
		return
	}
	r.add(CheckAnswers, OK, fmt.Sprintf("agent.get was answered in %v", took), "")
	if _, refused := m.ErrorMessage(); !refused {
		r.granted = c.Origin()
	}
	r.envelope(m, "")
}

// envelope checks a reply's userAgent and protocolVersion (its referenceId
// matched the string sent, or it would not be here); how says what the
// reply answered, when not agent.get.
func (r *Report) envelope(m *wire.Message, how string) {
	r.UserAgent, _ = m.String("userAgent")
	if raw, ok := m.Fields["protocolVersion"]; ok {
		r.ProtocolVersion = strings.Trim(string(raw), `"`)
	}
	var problems []string
	if ua, ok := m.String("userAgent"); !ok || !strings.Contains(ua, "WWE") {
		problems = append(problems, fmt.Sprintf("userAgent %s does not contain \"WWE\" (envelope.reply.1)", field(m, "userAgent")))
	}
	if v, ok := m.Int("protocolVersion"); !ok || v != wire.ProtocolVersion {
		problems = append(problems, fmt.Sprintf("protocolVersion is %s, not 2 (envelope.reply.2)", field(m, "protocolVersion")))
	}
	ref, _ := m.ReferenceID()
	if len(problems) > 0 {
		r.add(CheckReply, Broken, strings.Join(problems, "; "), "")
		return
	}
	r.add(CheckReply, OK, fmt.Sprintf("referenceId %q echoed as the same string, userAgent %s, protocolVersion 2%s", ref, field(m, "userAgent"), how), "")
}

// answers judges, from the answers to the subscribes alone, whether the
// target answers and how its replies are enveloped.
func (r *Report) answers(out []originOutcome) {
	const how = " (checked on a subscribe's answer: no request spent under the declared rate limits)"
	for _, o := range out {
		switch {
		case o.err == nil:
			r.add(CheckAnswers, OK, fmt.Sprintf("a subscribe from %s was answered", o.origin), "")
			r.envelope(o.ack, how)
			return
		case errors.Is(o.err, driver.ErrBrokenEnvelope):
			r.add(CheckAnswers, OK, fmt.Sprintf("a subscribe from %s was answered, but not as a vendor client can take it", o.origin), "")
			r.add(CheckReply, Unknown, "not checked: see "+CheckSubscribe, "")
			return
		}
	}
	r.add(CheckAnswers, Broken, fmt.Sprintf("no answer to a subscribe from any of the %d origins: %v", len(out), out[0].err),
		"check the target URL and that the Workspace page is loaded and logged in (an origin it does not list may get no answer at all)")
	r.add(CheckReply, Unknown, "not checked: no reply", "")
}

// field renders a message's field as it came, or "absent".
func field(m *wire.Message, key string) string {
	if raw, ok := m.Fields[key]; ok {
		return string(raw)
	}
	return "absent"
}

// diagnosis is the near-miss explanation in a broken-envelope error.
func diagnosis(err error) string {
	s := err.Error()
	if i := strings.Index(s, driver.ErrBrokenEnvelope.Error()); i >= 0 {
		return strings.TrimPrefix(s[i+len(driver.ErrBrokenEnvelope.Error()):], ": ")
	}
	return s
}

// originOutcome is what a subscribe from one origin got.
type originOutcome struct {
	origin string
	ack    *wire.Message
	err    error
}

// subscribeAll subscribes from every origin at once (subscribe is no
// request: no rate limit counts it).
func subscribeAll(ctx context.Context, d driver.Driver, origins []string, timeout time.Duration) []originOutcome {
	out := make([]originOutcome, len(origins))
	var wg sync.WaitGroup
	for i, o := range origins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = subscribe(ctx, d, o, timeout)
		}()
	}
	wg.Wait()
	return out
}

// origins judges the subscribes' answers: an acknowledgement means the
// origin is listed (INT-ORIGIN-6: any listed origin may subscribe); the
// first acknowledgement is checked for its envelope.
func (r *Report) origins(out []originOutcome) {
	var ack *wire.Message
	var broken error
	var refused []string
	for _, o := range out {
		switch {
		case o.err == nil && o.ack.Has("subscriptionId"):
			r.Accepted = append(r.Accepted, o.origin)
			if ack == nil {
				ack = o.ack
			}
		case errors.Is(o.err, driver.ErrBrokenEnvelope):
			r.Accepted = append(r.Accepted, o.origin) // it acknowledged, as no vendor client can take it
			if broken == nil {
				broken = o.err
			}
		case o.err == nil:
			msg, _ := o.ack.ErrorMessage()
			refused = append(refused, fmt.Sprintf("%s: %q", o.origin, msg))
		default:
			refused = append(refused, fmt.Sprintf("%s: %v", o.origin, o.err))
		}
	}
	switch {
	case broken != nil:
		r.add(CheckSubscribe, Broken, diagnosis(broken), "")
	case ack != nil:
		r.add(CheckSubscribe, OK, fmt.Sprintf("acknowledged with subscriptionId %s, no event key", field(ack, "subscriptionId")), "")
	default:
		r.add(CheckSubscribe, Unknown, "not checked: no origin may subscribe", "")
	}
	if len(r.Accepted) == 0 && r.granted != "" {
		// A Workspace that refuses subscribes to an origin its filter
		// restricts still accepts an origin that may call agent.get.
		r.Accepted = append(r.Accepted, r.granted)
		refused = slices.DeleteFunc(refused, func(s string) bool { return strings.HasPrefix(s, r.granted+": ") })
		refused = append([]string{r.granted + ": its subscribe was refused, but agent.get was answered"}, refused...)
	}
	n := len(r.Origins)
	switch {
	case len(r.Accepted) == n && len(refused) == 0:
		how := ""
		if r.Steered {
			how = " (options set through the control endpoint)"
		}
		r.add(CheckOrigins, OK, fmt.Sprintf("all %d accepted%s: %s", n, how, strings.Join(r.Origins, ", ")), "")
	case len(r.Accepted) > 0:
		r.add(CheckOrigins, OK, fmt.Sprintf("%d of %d accepted (%s); refused: %s", len(r.Accepted), n,
			strings.Join(r.Accepted, ", "), summary(refused)), "")
	default:
		r.add(CheckOrigins, Broken, fmt.Sprintf("none of the %d client origins is accepted: %s", n, summary(refused)), r.fix())
	}
}

// summary gives the first refusal in full and counts the others.
func summary(refused []string) string {
	switch len(refused) {
	case 0:
		return ""
	case 1:
		return refused[0]
	}
	return fmt.Sprintf("%s; and %d more", refused[0], len(refused)-1)
}

// fix says what to configure so that the suite's origins are accepted: the
// option line each spec of a steerable target starts from.
func (r *Report) fix() string {
	return fmt.Sprintf("configure the Workspace with %s = %s (or list in the profile's origins: the origins it accepts; "+
		"or give the --control endpoint of a steerable target)", options.AcceptedOrigins, framework.DefaultOptions(r.Origins)[options.AcceptedOrigins])
}

// subscribe opens a client as origin and subscribes to agent events.
func subscribe(ctx context.Context, d driver.Driver, origin string, timeout time.Duration) originOutcome {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c, err := d.Open(ctx, origin)
	if err != nil {
		return originOutcome{origin: origin, err: err}
	}
	defer c.Close()
	ack, err := c.Subscribe(ctx, "agent")
	if err == nil && ack.Has("subscriptionId") {
		if id, ok := ack.String("subscriptionId"); ok {
			_ = c.Send(ctx, wire.NewUnsubscribe(id))
		}
	}
	return originOutcome{origin: origin, ack: ack, err: err}
}

// AnswersSubscribes reports whether the preflight saw the target answer a
// subscribe with an acknowledgement (one a vendor client can take or not).
func (r *Report) AnswersSubscribes() bool {
	s := r.Check(CheckSubscribe).Status
	return s == OK || s == Broken
}

// Answers checks that the target still answers a subscribe from origin
// within timeout (an acknowledgement, a refusal or an envelope no vendor
// client can take: any answer): "" when it does, else why not. A subscribe
// is no request, so no rate limit counts it; origin must be one the options
// in force list (INT-ORIGIN-6: a subscribe from another gets no answer).
func Answers(ctx context.Context, d driver.Driver, origin string, timeout time.Duration) string {
	o := subscribe(ctx, d, origin, timeout)
	if o.err == nil || errors.Is(o.err, driver.ErrBrokenEnvelope) {
		return ""
	}
	return fmt.Sprintf("a subscribe from %s, an origin the options in force list, got no answer: %v", origin, o.err)
}
