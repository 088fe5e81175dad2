package drivertest

import (
	"context"
	"errors"
	"regexp"
	"runtime"
	"slices"
	"testing"
	"time"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// RunHostile runs every hostile case of HostileCases (in parallel when
// parallel is set: cheap drivers only) against a driver that open builds
// for it (its wait timeout must be h.Wait(timeout)): the call
// must end with the case's error within the timeout (a case whose error is
// not driver.ErrTimeout thereby proves it did not wait the timeout out),
// without a panic, and once every driver is closed no goroutine
// may be left behind.
func RunHostile(t *testing.T, timeout time.Duration, parallel bool, open func(t *testing.T, h Hostile) driver.Driver) {
	before := runtime.NumGoroutine()
	t.Run("cases", func(t *testing.T) {
		for _, h := range HostileCases() {
			t.Run(h.Name, func(t *testing.T) {
				if parallel {
					t.Parallel()
				}
				runHostile(t, h, timeout, open(t, h))
			})
		}
	})
	CheckNoGoroutineLeak(t, before)
}

// runHostile makes one call to a hostile target and checks the outcome.
func runHostile(t *testing.T, h Hostile, timeout time.Duration, d driver.Driver) {
	defer d.Close()
	ctx := context.Background()
	c, err := d.Open(ctx, d.Origins()[0])
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer c.Close()
	start := time.Now()
	m, err := c.Call(ctx, wire.NewRequest("agent.getState", "", nil))
	took := time.Since(start)
	switch {
	case len(h.Want) == 0 && err != nil:
		t.Fatalf("Call = %v; want success", err)
	case len(h.Want) > 0 && !slices.ContainsFunc(h.Want, func(w error) bool { return errors.Is(err, w) }):
		t.Fatalf("Call = %v, %v; want an error wrapping one of %q", m, err, h.Want)
	case len(h.Want) > 0 && !regexp.MustCompile(h.WantText).MatchString(err.Error()):
		t.Errorf("Call error %q does not match %q", err, h.WantText)
	}
	if limit := 2*h.Wait(timeout) + time.Second; took > limit {
		t.Errorf("Call took %v; the timeout is %v", took, h.Wait(timeout))
	}
	if h.WantNext != nil {
		nctx, cancel := context.WithTimeout(ctx, timeout)
		m, err := c.Next(nctx)
		cancel()
		h.WantNext(t, m, err)
	}
	if len(c.Transcript()) == 0 {
		t.Errorf("empty transcript")
	}
}

// CheckNoGoroutineLeak fails the test when, within five seconds, the number
// of goroutines does not come back to before (the count taken before the
// drivers were started).
func CheckNoGoroutineLeak(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			t.Fatalf("%d goroutines left running (%d before):\n%s", runtime.NumGoroutine()-before, before, buf[:n])
		}
		time.Sleep(20 * time.Millisecond)
	}
}
