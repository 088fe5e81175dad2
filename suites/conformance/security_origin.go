package conformance

import (
	"fmt"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/wire"
	"scapi-conformance/suites/framework"
	"scapi-conformance/suites/matchers"
)

// Security configuration > Origin: who may call what, several client origins
// connected at once, each request judged against the oracle
// (contract/allowlist) for the configured value.
var _ = Describe("Security configuration > Origin", func() {
	// judgeAll sets the value and judges every probe from every client.
	judgeAll := func(s *framework.Session, value string, origins []string, probes ...originProbe) {
		GinkgoHelper()
		s.SetOptions(control.Options{options.AcceptedOrigins: value})
		for _, c := range s.Clients(origins) {
			for _, p := range probes {
				originJudge(s, value, c, p)
			}
		}
	}

	framework.ConformanceIt("the documented example: several origins, with and without filters, allowed and refused per request",
		framework.Reqs{"security.origin.2", "security.origin.4", "security.origin.5", "security.origin.6"},
		func(s *framework.Session) {
			o := s.NeedOrigins(4)
			value := fmt.Sprintf("%s, %s (*), %s (agent.*, voice.dial), %s (agent.*, interaction.*)", o[0], o[1], o[2], o[3])
			judgeAll(s, value, o, append(originProbes, originProbe{"voice.dial", []any{"5001", map[string]any{}}})...)
		}, framework.Needs(framework.CapOptions))

	framework.ConformanceIt("a list of origins allows those origins and refuses every other one",
		framework.Reqs{"security.origin.1", "security.origin.2"}, func(s *framework.Session) {
			o := s.NeedOrigins(4)
			judgeAll(s, o[0]+", "+o[2], o, originProbes[0], originProbes[2])
		}, framework.Needs(framework.CapOptions))

	framework.ConformanceIt("an origin is compared as browsers serialise it: capitals in the entry or in the client's origin still match",
		framework.Reqs{"security.origin.1"}, func(s *framework.Session) {
			o := s.NeedOrigins(2)
			value := strings.ToUpper(o[0])
			judgeAll(s, value, o, originProbes[0])
			// A websocket client's Origin header is whatever the peer wrote;
			// a driver that can present the capitalised spelling must be
			// treated as the same origin (INT-ORIGIN-2).
			if c, err := s.TryClient(strings.ToUpper(o[0])); err == nil {
				originJudge(s, value, c, originProbes[0])
			}
		}, framework.Needs(framework.CapOptions))

	framework.ConformanceIt("an origin is not a prefix: a listed origin admits neither a longer host nor another port",
		framework.Reqs{"security.origin.1", "security.origin.2"}, func(s *framework.Session) {
			o := s.NeedOrigins(4)
			prefixes := make([]string, 3)
			for i := range prefixes {
				prefixes[i] = originPrefix(o[i])
			}
			judgeAll(s, strings.Join(prefixes, ", "), o, originProbes[0])
		}, framework.Needs(framework.CapOptions))

	framework.ConformanceIt("the domain of a page is its origin: an entry written with the page's path still admits the page",
		framework.Reqs{"security.origin.1"}, func(s *framework.Session) {
			o := s.NeedOrigins(1)
			s.SetOptions(control.Options{options.AcceptedOrigins: o[0] + "/path/page.html"})
			reply := s.Try(s.Client(o[0]), "agent.get")
			s.Deviation("INT-ORIGIN-3", !framework.IsRefusal(reply))
		}, framework.Needs(framework.CapOptions))

	framework.ConformanceIt("* allows any page every request, but not auth.getJwtToken",
		framework.Reqs{"security.origin.3", "security.origin.7"}, func(s *framework.Session) {
			judgeAll(s, "*", s.NeedOrigins(4), originProbes[0], originProbes[3], originProbe{name: allowlist.JwtRequest})
		}, framework.Needs(framework.CapOptions))

	framework.ConformanceIt("auth.getJwtToken is granted only by its full name, never by a wildcard",
		framework.Reqs{"security.origin.7"}, func(s *framework.Session) {
			o := s.NeedOrigins(4)
			value := fmt.Sprintf("%s (*), %s (auth.*, agent.get), %s, %s (*, auth.getJwtToken)", o[0], o[1], o[2], o[3])
			judgeAll(s, value, o, originProbes[0], originProbe{name: allowlist.JwtRequest})
		}, framework.Needs(framework.CapOptions))

	framework.ConformanceIt("an empty value allows nobody: every request refused, no subscription acknowledged",
		framework.Reqs{"security.origin.8"}, func(s *framework.Session) {
			o := s.NeedOrigins(4)
			judgeAll(s, options.DefaultAcceptedOrigins, o, originProbes[0], originProbes[5])
			c := s.Client(o[0])
			Expect(c.Send(s.Context(), wire.NewSubscribe("denied-subscription", "agent", "system"))).To(Succeed())
			for _, m := range s.Drain(c) {
				if m.Kind() != wire.KindFrameID {
					Expect(m).To(matchers.HaveRepliedWithError(), "an origin that is not listed subscribed to agent and system events")
				}
			}
			if s.Has(control.StimAgentState) {
				s.Stimulate(control.StimAgentState, nil)
				s.ExpectNoEvent(c)
			}
		}, framework.Needs(framework.CapOptions))

	framework.ConformanceIt("getAllowedServices reports exactly what each origin may call, and the target behaves accordingly",
		framework.Reqs{"security.origin.9", "security.origin.10"}, func(s *framework.Session) {
			o := s.NeedOrigins(4)
			value := fmt.Sprintf("%s (*), %s (agent.*, system.getAllowedServices), %s (system.*, interaction.getInteractions)", o[0], o[1], o[2])
			s.SetOptions(control.Options{options.AcceptedOrigins: value})
			for _, c := range s.Clients(o) {
				originAllowedServices(s, value, c)
			}
		}, framework.Needs(framework.CapOptions))

	framework.ConformanceIt("a refused request has no effect: no call is dialled, no state changes, no event is sent",
		framework.Reqs{"security.origin.11"}, func(s *framework.Session) {
			o := s.NeedOrigins(2)
			value := fmt.Sprintf("%s, %s (agent.getState, agent.getStateList, interaction.getInteractions)", o[0], o[1])
			s.SetOptions(control.Options{options.AcceptedOrigins: value})
			watcher, refused := s.Client(o[0]), s.Client(o[1])
			s.Subscribe(watcher, "agent", "interaction")
			// setUserData is refused on a live call when the target can ring
			// one, so that a refused request that still acted would show.
			live := framework.NoSuchID
			if s.Has(control.StimInboundCall) {
				live = framework.InteractionID(s.Ringing(watcher, nil))
				s.InteractionEvent(watcher, "ADDED", live)
			}
			state := s.OK(refused, "agent.getState")
			before := s.OK(refused, "interaction.getInteractions")
			target := s.OtherState(refused)
			originJudge(s, value, refused, originProbe{"voice.dial", []any{"5001", map[string]any{}}})
			originJudge(s, value, refused, originProbe{"agent.setState", []any{target}})
			originJudge(s, value, refused, originProbe{"interaction.setUserData", []any{live, map[string]any{"Refused": "x"}}})
			s.ExpectNoEvent(watcher)
			Expect(s.OK(refused, "agent.getState")).To(Equal(state), "a refused agent.setState(%q) changed the agent's state", target)
			Expect(s.OK(refused, "interaction.getInteractions")).To(Equal(before), "a refused voice.dial or setUserData changed the interactions")
		}, framework.Needs(framework.CapOptions))

	framework.ConformanceIt("a filter restricts requests, not subscriptions: a filtered origin subscribes and receives events",
		framework.Reqs{"security.origin.4"}, func(s *framework.Session) {
			o := s.NeedOrigins(2)
			value := fmt.Sprintf("%s, %s (agent.get)", o[0], o[1])
			s.SetOptions(control.Options{options.AcceptedOrigins: value})
			filtered := s.Client(o[1])
			ack := s.Subscribe(filtered, "agent")
			Expect(ack.Kind()).To(Equal(wire.KindAck), "INT-ORIGIN-6: any listed origin may subscribe: %s", matchers.Describe(ack))
			originJudge(s, value, filtered, originProbe{name: "agent.getState"})
			s.ChangeStateSeenBy(s.Client(o[0]), filtered)
		}, framework.Needs(framework.CapOptions))

	framework.ConformanceIt("entries that match the same origin add up: an origin listed twice, or also covered by *",
		framework.Reqs{"security.origin.2", "security.origin.3"}, func(s *framework.Session) {
			o := s.NeedOrigins(2)
			value := fmt.Sprintf("%s (agent.get), %s (media.getMediaList), * (interaction.getInteractions)", o[0], o[0])
			judgeAll(s, value, o, originProbes[0], originProbes[2], originProbes[3], originProbes[1])
		}, framework.Needs(framework.CapOptions))

	framework.ConformanceIt("* with a filter lets any page send only the filtered requests",
		framework.Reqs{"security.origin.3", "security.origin.6"}, func(s *framework.Session) {
			judgeAll(s, "* (agent.*)", s.NeedOrigins(3), originProbes[0], originProbes[1], originProbes[3], originProbes[4])
		}, framework.Needs(framework.CapOptions))
})
