package fuzz

import (
	"context"

	"scapi-conformance/driver"
	"scapi-conformance/driver/inproc"
	"scapi-conformance/internal/target"
)

// inprocOrigins are the origins the in-process driver presents.
var inprocOrigins = inproc.DefaultOrigins

// InProcess opens the reference Workspace running the mutant ("" = none)
// in this process, through the in-process driver: the fast path of tests
// and benchmarks. Closing the driver releases it.
func InProcess(mutant string) (driver.Driver, error) {
	return target.Open(context.Background(), target.Spec{Driver: target.DriverInProc, Mutant: mutant})
}
