package conformance

import (
	. "github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/control"
	"scapi-conformance/suites/framework"
)

var _ = Describe("System namespace > real-time connection", func() {
	framework.ConformanceIt("connection loss, recovery and a long outage each reach system subscribers as REALTIME_CONNECTION",
		framework.Reqs{"events.system.REALTIME_CONNECTION.1"}, func(s *framework.Session) {
			c := s.Agent("system")
			for _, state := range []string{"DISCONNECTED", "RECONNECTED", "DISCONNECTED", "DOWN"} {
				By(state)
				s.Stimulate(control.StimRealtime, map[string]any{"state": state})
				ev := s.Event(c, "system", "REALTIME_CONNECTION")
				s.Holds("INT-EVENT-16", ev["state"] == state)
			}
		}, framework.Needs(control.StimRealtime))

	framework.ConformanceIt("a client subscribed to other events hears nothing of the real-time connection",
		framework.Reqs{"events.system.REALTIME_CONNECTION.1", "events.subscribe.1"}, func(s *framework.Session) {
			c := s.Agent("agent")
			listener := s.Agent("system")
			s.Stimulate(control.StimRealtime, map[string]any{"state": "DISCONNECTED"})
			s.For("events.system.REALTIME_CONNECTION.1", func() { s.Event(listener, "system", "REALTIME_CONNECTION") })
			// Only subscribers of "system" hear it.
			s.For("events.subscribe.1", func() { s.ExpectNoEvent(c) })
		}, framework.Needs(control.StimRealtime))
})
