package fuzz

import (
	"context"
	"time"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// Endpoint is one connected client as the fuzzer uses it: raw messages out,
// every message in. A driver.Client is an Endpoint; the fuzzer never uses
// Call, so every reply reaches Next.
type Endpoint interface {
	SendRaw(ctx context.Context, b []byte) error
	Next(ctx context.Context) (*wire.Message, error)
	Close() error
}

// Target is what sessions run against.
type Target interface {
	// Open connects a client presenting the origin.
	Open(ctx context.Context, origin string) (Endpoint, error)
	// Origins lists the origins the target's transport can present.
	Origins() []string
	// Control returns the control endpoint, nil when the target cannot be steered.
	Control() driver.Controller
	// Close releases the target.
	Close() error
}

// FromDriver adapts a driver to a Target; closing the Target closes the driver.
func FromDriver(d driver.Driver) Target { return driverTarget{d} }

type driverTarget struct{ d driver.Driver }

func (t driverTarget) Open(ctx context.Context, origin string) (Endpoint, error) {
	return t.d.Open(ctx, origin)
}
func (t driverTarget) Origins() []string          { return t.d.Origins() }
func (t driverTarget) Control() driver.Controller { return t.d.Control() }
func (t driverTarget) Close() error               { return t.d.Close() }

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
