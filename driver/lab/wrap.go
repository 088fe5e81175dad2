package lab

import "scapi-conformance/driver"

// withControl is a driver whose target is steered by another controller.
type withControl struct {
	driver.Driver
	ctrl driver.Controller
}

// WithControl returns d with ctrl as its Control (a lab's Controller for a
// target without a control endpoint); everything else is d's.
func WithControl(d driver.Driver, ctrl driver.Controller) driver.Driver {
	return withControl{Driver: d, ctrl: ctrl}
}

// Control returns the lab's controller.
func (w withControl) Control() driver.Controller { return w.ctrl }
