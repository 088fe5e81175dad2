package inproc_test

import (
	"testing"
	"time"

	"scapi-conformance/driver"
	"scapi-conformance/driver/drivertest"
	"scapi-conformance/driver/inproc"
	"scapi-conformance/fixtures/inprocess"
)

func TestDriverContract(t *testing.T) {
	drivertest.Run(t, func(t *testing.T) driver.Driver {
		svc, err := inprocess.New("")
		if err != nil {
			t.Fatal(err)
		}
		return inproc.New(inproc.Config{Service: svc, Control: svc.Control()})
	})
}

func TestHostileTargets(t *testing.T) {
	// Three cases wait it out, twice: kept short. The flood case (some
	// 65 000 events decoded on the caller's goroutine) takes well under a
	// second in-process even on a loaded machine; the 64 MiB message is a
	// heavy case, which gets three times as long.
	const timeout = 2 * time.Second
	drivertest.RunHostile(t, timeout, true, func(t *testing.T, h drivertest.Hostile) driver.Driver {
		return inproc.New(inproc.Config{Service: drivertest.HostileService{H: h}, Timeout: h.Wait(timeout)})
	})
}
