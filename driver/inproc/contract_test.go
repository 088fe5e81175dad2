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
	// As the ws driver's: the flood case decodes some 65 000 events on
	// the caller's goroutine, which a loaded machine needs seconds for,
	// and a case that waits the timeout out must end within twice it and a
	// second (2 s was tried: under a full test run the garbage case took
	// 5.4 s).
	const timeout = 5 * time.Second
	drivertest.RunHostile(t, timeout, true, func(t *testing.T, h drivertest.Hostile) driver.Driver {
		return inproc.New(inproc.Config{Service: drivertest.HostileService{H: h}, Timeout: h.Wait(timeout)})
	})
}
