package conformance

import (
	. "github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/control"
	"scapi-conformance/suites/framework"
)

var _ = Describe("System namespace > real-time connection", func() {
	framework.ConformanceIt("connection loss, recovery and a long outage each reach system subscribers as REALTIME_CONNECTION",
		framework.Reqs{"events.system.REALTIME_CONNECTION.1"}, func(s *framework.Session) {
			c := nsAgent(s, "system")
			for _, state := range []string{"DISCONNECTED", "RECONNECTED", "DISCONNECTED", "DOWN"} {
				By(state)
				s.Stimulate(control.StimRealtime, map[string]any{"state": state})
				ev := nsEvent(s, c, "system", "REALTIME_CONNECTION")
				nsHolds(s, "INT-EVENT-16", ev["state"] == state)
			}
		}, framework.Needs(control.StimRealtime))

	framework.ConformanceIt("a client subscribed to other events hears nothing of the real-time connection",
		framework.Reqs{"events.system.REALTIME_CONNECTION.1", "events.subscribe.1"}, func(s *framework.Session) {
			c := nsAgent(s, "agent")
			listener := nsAgent(s, "system")
			s.Stimulate(control.StimRealtime, map[string]any{"state": "DISCONNECTED"})
			nsEvent(s, listener, "system", "REALTIME_CONNECTION")
			s.ExpectNoEvent(c, 0)
		}, framework.Needs(control.StimRealtime))
})
