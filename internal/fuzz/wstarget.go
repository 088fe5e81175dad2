package fuzz

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

	"github.com/coder/websocket"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// wsOrigins are the origins a websocket target is offered from: the
// websocket handshake may present any origin.
var wsOrigins = inprocOrigins

// WebSocket returns a target reached over websocket at url (ws://…), steered
// through the control endpoint at controlURL ("" = not steerable). Messages
// are one JSON envelope per text frame; the client origin is the
// handshake's Origin header.
func WebSocket(url, controlURL string) Target {
	t := &wsTarget{url: url}
	if controlURL != "" {
		t.ctrl = &httpControl{base: strings.TrimRight(controlURL, "/"), hc: &http.Client{Timeout: 10 * time.Second}}
	}
	return t
}

type wsTarget struct {
	url  string
	ctrl *httpControl
}

func (t *wsTarget) Open(ctx context.Context, origin string) (Endpoint, error) {
	dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(dctx, t.url, &websocket.DialOptions{HTTPHeader: http.Header{"Origin": {origin}}})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", driver.ErrUnreachable, err)
	}
	c.SetReadLimit(wire.MaxMessageBytes + 1)
	return &wsEndpoint{c: c}, nil
}

func (t *wsTarget) Origins() []string { return append([]string(nil), wsOrigins...) }

func (t *wsTarget) Control() driver.Controller {
	if t.ctrl == nil {
		return nil
	}
	return t.ctrl
}

func (t *wsTarget) Close() error { return nil }

type wsEndpoint struct{ c *websocket.Conn }

func (e *wsEndpoint) SendRaw(ctx context.Context, b []byte) error {
	if len(b) > wire.MaxMessageBytes {
		return driver.ErrTooLarge
	}
	if err := e.c.Write(ctx, websocket.MessageText, b); err != nil {
		return fmt.Errorf("%w: %v", driver.ErrClosed, err)
	}
	return nil
}

func (e *wsEndpoint) Next(ctx context.Context) (*wire.Message, error) {
	_, b, err := e.c.Read(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w: %v", driver.ErrTimeout, err)
		}
		return nil, fmt.Errorf("%w: %v", driver.ErrClosed, err)
	}
	m, err := wire.Decode(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", driver.ErrMalformed, err)
	}
	return m, nil
}

func (e *wsEndpoint) Close() error { return e.c.Close(websocket.StatusNormalClosure, "") }

// httpControl is a client of the control protocol (package contract/control).
type httpControl struct {
	base string
	hc   *http.Client
}

func (h *httpControl) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, h.base+path, body)
	if err != nil {
		return err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := h.hc.Do(req)
	if err != nil {
		return fmt.Errorf("%w: control %s: %v", driver.ErrUnreachable, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, wire.MaxMessageBytes))
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		var e control.Error
		if json.Unmarshal(b, &e) == nil && e.Error != "" {
			return errors.New("control " + path + ": " + e.Error)
		}
		return fmt.Errorf("control %s: HTTP %d", path, resp.StatusCode)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(b, out)
}

func (h *httpControl) Capabilities(ctx context.Context) (control.Capabilities, error) {
	var c control.Capabilities
	return c, h.do(ctx, http.MethodGet, "/capabilities", nil, &c)
}

func (h *httpControl) SetOptions(ctx context.Context, o control.Options) error {
	return h.do(ctx, http.MethodPost, "/options", o, nil)
}

func (h *httpControl) Stimulate(ctx context.Context, s control.Stimulus) (control.StimulusResult, error) {
	var r control.StimulusResult
	return r, h.do(ctx, http.MethodPost, "/stimulus", s, &r)
}

func (h *httpControl) AdvanceClock(ctx context.Context, d time.Duration) error {
	return h.do(ctx, http.MethodPost, "/clock/advance", control.ClockAdvance{Millis: d.Milliseconds()}, nil)
}

func (h *httpControl) Reset(ctx context.Context) error {
	return h.do(ctx, http.MethodPost, "/reset", struct{}{}, nil)
}

// Now reads the virtual clock.
func (h *httpControl) Now(ctx context.Context) (time.Time, error) {
	var c control.ClockState
	if err := h.do(ctx, http.MethodGet, "/clock", nil, &c); err != nil {
		return time.Time{}, err
	}
	return time.UnixMilli(c.NowMillis), nil
}

// ClockOf returns a reader of the target's virtual clock when its control
// endpoint offers one (nil otherwise), for Config.Clock.
func ClockOf(t Target) func(ctx context.Context) (time.Time, error) {
	if n, ok := t.Control().(interface {
		Now(ctx context.Context) (time.Time, error)
	}); ok {
		return n.Now
	}
	return nil
}
