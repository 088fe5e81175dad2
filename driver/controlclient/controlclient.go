// Package controlclient is the HTTP client of the control protocol of package
// contract/control: it steers a target (the reference Workspace, or a bridge
// in front of a real one) from the specs and the fuzzer.
package controlclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
)

// maxAnswer bounds a control answer; a larger one is a hostile or broken target.
const maxAnswer = 1 << 20

// defaultTimeout bounds a control call whose context has no deadline.
const defaultTimeout = 10 * time.Second

// Client speaks the control protocol to one base URL (for example
// http://127.0.0.1:8080/control).
type Client struct {
	base string
	http *http.Client
}

// New returns a controller for the control endpoint at baseURL.
func New(baseURL string) driver.Controller {
	return &Client{base: strings.TrimRight(baseURL, "/"),
		http: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Capabilities asks what the target can be steered to do.
func (c *Client) Capabilities(ctx context.Context) (control.Capabilities, error) {
	var caps control.Capabilities
	err := c.do(ctx, http.MethodGet, "/capabilities", nil, &caps)
	return caps, err
}

// SetOptions sets the service-client-api.* options (absent keys: defaults).
func (c *Client) SetOptions(ctx context.Context, o control.Options) error {
	if o == nil {
		o = control.Options{}
	}
	return c.do(ctx, http.MethodPost, "/options", o, &struct{}{})
}

// Stimulate injects one stimulus.
func (c *Client) Stimulate(ctx context.Context, s control.Stimulus) (control.StimulusResult, error) {
	var res control.StimulusResult
	err := c.do(ctx, http.MethodPost, "/stimulus", s, &res)
	return res, err
}

// AdvanceClock moves the target's virtual clock forward by d (millisecond precision).
func (c *Client) AdvanceClock(ctx context.Context, d time.Duration) error {
	if d < 0 {
		return fmt.Errorf("control: advance clock by %v: the clock only moves forward", d)
	}
	return c.do(ctx, http.MethodPost, "/clock/advance", control.ClockAdvance{Millis: d.Milliseconds()}, &control.ClockState{})
}

// Now reads the target's virtual clock.
func (c *Client) Now(ctx context.Context) (time.Time, error) {
	var st control.ClockState
	if err := c.do(ctx, http.MethodGet, "/clock", nil, &st); err != nil {
		return time.Time{}, err
	}
	return time.UnixMilli(st.NowMillis), nil
}

// Reset starts a fresh session with default options.
func (c *Client) Reset(ctx context.Context) error {
	return c.do(ctx, http.MethodPost, "/reset", struct{}{}, &struct{}{})
}

// do performs one control call and decodes the answer into out. Transport
// failures wrap driver.ErrUnreachable, a context without deadline gets
// defaultTimeout (wrapping driver.ErrTimeout when it expires), and a non-2xx
// answer is an error quoting the target's control.Error text.
func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	what := method + " " + c.base + path
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, defaultTimeout)
		defer cancel()
	}
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("control: %s: encoding the request: %w", what, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return fmt.Errorf("control: %s: %w", what, err)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return fmt.Errorf("control: %s: %w", what, driver.ErrTimeout)
		}
		return fmt.Errorf("control: %s: %w: %v", what, driver.ErrUnreachable, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	if err != nil {
		return fmt.Errorf("control: %s: reading the answer: %w", what, err)
	}
	if len(b) > maxAnswer {
		return fmt.Errorf("control: %s: %w: answer exceeds %d bytes", what, driver.ErrTooLarge, maxAnswer)
	}
	if resp.StatusCode/100 != 2 {
		var e control.Error
		if json.Unmarshal(b, &e) == nil && e.Error != "" {
			return fmt.Errorf("control: %s: %s: %s", what, resp.Status, e.Error)
		}
		return fmt.Errorf("control: %s: %s: %s", what, resp.Status, snippet(b))
	}
	if err := json.Unmarshal(b, out); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("control: %s: %w: invalid JSON at byte offset %d: %s", what, driver.ErrMalformed, se.Offset, snippet(b))
		}
		return fmt.Errorf("control: %s: %w: %v", what, driver.ErrMalformed, err)
	}
	return nil
}

// snippet quotes at most 200 bytes of an answer for an error message.
func snippet(b []byte) string {
	if len(b) > 200 {
		return fmt.Sprintf("%q…", b[:200])
	}
	return fmt.Sprintf("%q", b)
}
