package fuzz

import (
	"context"
	"time"

	"scapi-conformance/driver"
)

// ClockOf returns a reader of the target's virtual clock when its control
// endpoint offers one (nil otherwise), for Config.Clock.
func ClockOf(d driver.Driver) func(ctx context.Context) (time.Time, error) {
	if n, ok := d.Control().(interface {
		Now(ctx context.Context) (time.Time, error)
	}); ok {
		return n.Now
	}
	return nil
}
