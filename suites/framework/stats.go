package framework

import (
	"sync/atomic"
	"time"
)

var virtualWaited, realWaited atomic.Int64

// VirtualWaited is the total time specs let pass on a virtual clock in this
// process: the real waiting the same specs would need without it.
func VirtualWaited() time.Duration { return time.Duration(virtualWaited.Load()) }

// RealWaited is the total time specs waited in real time for want of a
// virtual clock in this process (silence windows not included).
func RealWaited() time.Duration { return time.Duration(realWaited.Load()) }
