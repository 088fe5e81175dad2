// Package driver is how the specs and the fuzzer reach a target: one interface,
// with a websocket and a headless-browser implementation in subpackages.
//
// Every wait is bounded by the context; a driver never blocks beyond it. Every
// envelope in and out is recorded in the client's transcript.
package driver

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/wire"
)

// Driver connects clients to one target.
type Driver interface {
	// Open connects a new client presenting as the given origin (scheme://host[:port]).
	Open(ctx context.Context, origin string) (Client, error)
	// Origins lists the client origins this driver can present, at least four,
	// distinct, normalised as browsers report event.origin. The websocket driver
	// may present any origin; it still offers a fixed set so specs are repeatable.
	Origins() []string
	// Info describes the driver and the target as far as it is known.
	Info() Info
	// Control returns the target's control endpoint, or nil when the target
	// cannot be steered.
	Control() Controller
	// Close ends every client and releases what the driver started.
	Close() error
}

// Info identifies a driver and its target for reports.
type Info struct {
	Driver  string            `json:"driver"` // "ws" or "browser"
	Target  string            `json:"target"` // URL
	Browser string            `json:"browser,omitempty"`
	Extra   map[string]string `json:"extra,omitempty"`
}

// Client is one connected client (one iframe, or one websocket).
type Client interface {
	// Origin is the origin the client presents.
	Origin() string
	// Call sends a request and waits for the reply with the same referenceId.
	// The referenceId is assigned by the client (a counter from "0") unless
	// req.ReferenceID is set. A reply with an errorMessage is returned as a
	// message, not an error: errors are for transport failures and timeouts.
	Call(ctx context.Context, req wire.Request) (*wire.Message, error)
	// Send sends an envelope and does not wait (unsubscribe, raw fuzz input).
	Send(ctx context.Context, req wire.Request) error
	// SendRaw sends arbitrary bytes as one message (fuzzing, hostile input).
	SendRaw(ctx context.Context, b []byte) error
	// Subscribe sends a subscribe envelope and waits for its acknowledgement.
	Subscribe(ctx context.Context, names ...string) (*wire.Message, error)
	// Next returns the next message that is not a reply to a pending Call
	// (events, frameId messages, unsolicited replies), waiting until ctx ends.
	Next(ctx context.Context) (*wire.Message, error)
	// Transcript returns a copy of every envelope in and out so far.
	Transcript() []Entry
	// Close disconnects the client.
	Close() error
}

// Direction of a transcript entry.
type Direction string

// Directions.
const (
	Out Direction = "out" // client → service
	In  Direction = "in"  // service → client
)

// Entry is one transcript line.
type Entry struct {
	Time      time.Time       `json:"time"`
	Direction Direction       `json:"dir"`
	Origin    string          `json:"origin"`
	Message   json.RawMessage `json:"message"`
	// Note says how a request left the client when the driver has more
	// than one way (the browser driver with the vendor library: its method,
	// its sendMessage, or raw, and why); "" otherwise.
	Note string `json:"note,omitempty"`
}

// Controller steers a target through its control endpoint.
type Controller interface {
	Capabilities(ctx context.Context) (control.Capabilities, error)
	SetOptions(ctx context.Context, o control.Options) error
	Stimulate(ctx context.Context, s control.Stimulus) (control.StimulusResult, error)
	AdvanceClock(ctx context.Context, d time.Duration) error
	Reset(ctx context.Context) error
}

// Errors a driver reports. Wrapped errors say more; match with errors.Is.
var (
	ErrTimeout      = errors.New("timed out waiting for the target")
	ErrClosed       = errors.New("connection closed")
	ErrUnreachable  = errors.New("target unreachable")
	ErrTooLarge     = errors.New("message exceeds the size limit")
	ErrMalformed    = errors.New("malformed message from the target")
	ErrNotSteerable = errors.New("target has no control endpoint")
	// ErrBrokenEnvelope is a call's answer that misses the envelope every
	// vendor client relies on by a near miss (the referenceId echoed as
	// another JSON type, an acknowledgement with an "event" key, a userAgent
	// without WWE): the call fails at once with the diagnosis instead of
	// waiting out its timeout, as the vendor client would.
	ErrBrokenEnvelope = errors.New("broken envelope (every vendor client drops this answer)")
)
