package conformance

import (
	"fmt"
	"slices"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/userdata"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
	"scapi-conformance/suites/matchers"
)

// Security configuration as configured: the specs judge the security options
// in force, whatever they are. On a target whose options cannot be set (a
// Workspace configured once, whose profile declares its options) they test
// the declared configuration; on a steerable target they set a representative
// one first (configuredExample). Each expectation comes from the oracles.
var _ = Describe("Security configuration > the configuration in force", func() {
	framework.ConformanceIt("each origin listed in force may send every request its entry allows, and no other",
		framework.Reqs{"security.origin.1", "security.origin.2", "security.origin.8"}, func(s *framework.Session) {
			value := configuredOrigins(s)
			listed := configuredListed(s, value)
			for _, c := range listed {
				for _, p := range originProbes {
					originJudge(s, value, c, p)
				}
				// The same origin spelt with capitals is the same origin
				// (INT-ORIGIN-2): a driver that can present it must be
				// treated as the listed one.
				if other, err := s.TryClient(strings.ToUpper(c.Origin())); err == nil {
					s.For("security.origin.1", func() {
						want := allowlist.MustParse(value).Decide(other.Origin(), "agent.get").Allowed
						got := !framework.IsRefusal(s.Try(other, "agent.get"))
						Expect(got).To(Equal(want), "%s is %s spelt with capitals (INT-ORIGIN-2): with accepted-web-content-origins %q, agent.get answered %v, want %v",
							other.Origin(), c.Origin(), value, got, want)
					})
				}
			}
		})

	framework.ConformanceIt("auth.getJwtToken in force is granted only to the origins whose entry names it in full",
		framework.Reqs{"security.origin.7"}, func(s *framework.Session) {
			value := configuredOrigins(s)
			clients := configuredListed(s, value)
			if allowlist.MustParse(value).Listed(allowlist.StrangerOrigin) {
				if c, err := s.TryClient(allowlist.StrangerOrigin); err == nil {
					clients = append(clients, c) // admitted by "*"
				}
			}
			for _, c := range clients {
				originJudge(s, value, c, originProbe{name: allowlist.JwtRequest})
			}
		})

	framework.ConformanceIt("a filter in force lets its origin send only the requests it names",
		framework.Reqs{"security.origin.4"}, func(s *framework.Session) {
			value := configuredOrigins(s)
			filtered := configuredFiltered(s, value, func(allowlist.Entry) bool { return true })
			for _, c := range filtered {
				for _, p := range append(originProbes, originProbe{"voice.dial", []any{framework.DialDestination, map[string]any{}}}) {
					originJudge(s, value, c, p)
				}
			}
		})

	framework.ConformanceIt("a wildcard in a filter in force grants its whole namespace, * every request but auth.getJwtToken",
		framework.Reqs{"security.origin.6"}, func(s *framework.Session) {
			value := configuredOrigins(s)
			wildcard := func(e allowlist.Entry) bool {
				return slices.ContainsFunc(e.Keywords, func(k string) bool { return k == "*" || len(k) > 2 && k[len(k)-2:] == ".*" })
			}
			for _, c := range configuredFiltered(s, value, wildcard) {
				for _, p := range append(originProbes, originProbe{name: allowlist.JwtRequest}) {
					originJudge(s, value, c, p)
				}
			}
		})

	framework.ConformanceIt("getAllowedServices in force reports what each origin may call, and a name it lists beyond the catalog must work",
		framework.Reqs{"security.origin.9", "security.origin.10"}, func(s *framework.Session) {
			value := configuredOrigins(s)
			clients := configuredListed(s, value)
			if c, err := s.TryClient(allowlist.StrangerOrigin); err == nil {
				clients = append(clients, c)
			}
			for _, c := range clients {
				originAllowedServices(s, value, c)
			}
		})

	framework.ConformanceIt("an origin the configuration does not list, and the neighbours of each listed one (a longer host, a shorter one, another port), may send nothing and subscribe to nothing",
		framework.Reqs{"security.origin.1", "security.origin.10"}, func(s *framework.Session) {
			value := configuredOrigins(s)
			list := allowlist.MustParse(value)
			var strangers []string
			for _, o := range list.Entries() {
				if o.Origin == allowlist.AnyOrigin {
					Skip(fmt.Sprintf("accepted-web-content-origins in force (%q) has a * entry: every origin is listed", value))
				}
				strangers = append(strangers, allowlist.Neighbours(o.Origin)...)
			}
			strangers = append(strangers, allowlist.StrangerOrigin)
			judged := 0
			for _, o := range strangers {
				if list.Listed(o) {
					continue
				}
				c, err := s.TryClient(o)
				if err != nil {
					By(fmt.Sprintf("the driver cannot present %s: %v", o, err))
					continue
				}
				judged++
				originJudge(s, value, c, originProbes[0])
				originJudge(s, value, c, originProbes[5]) // getAllowedServices fails for a domain not listed
				Expect(c.Send(s.Context(), wire.NewSubscribe("stranger-subscription", "agent", "interaction"))).To(Succeed())
				for _, m := range s.Drain(c) {
					if m.Kind() != wire.KindFrameID {
						Expect(m).To(matchers.HaveRepliedWithError(), "%s is not listed in %q, yet it subscribed", o, value)
					}
				}
			}
			if judged == 0 {
				Skip("the driver can present no origin the configuration does not list")
			}
		})

	framework.ConformanceIt("user data in force: setUserData and deleteUserData change only write-allowed keys, every reply and event shows only read-allowed ones",
		framework.Reqs{"security.userData.1", "security.userData.2", "security.userData.3", "security.userData.4"}, func(s *framework.Session) {
			if s.Has(framework.CapOptions) {
				s.SetOptions(control.Options{options.UserDataReadAllowed: "Key1,Key2", options.UserDataWriteAllowed: "Key1"})
			}
			keys := configuredKeys(s)
			c := s.Agent("interaction")
			// The call is dialled with one value per key: the write filter
			// governs setUserData and deleteUserData, not the data a call is
			// placed with (Attached Data Access), so the readable keys show.
			seed := map[string]any{}
			for _, k := range keys {
				seed[k] = "seed-" + k
			}
			s.OK(c, "voice.dial", framework.DialDestination, seed)
			id := framework.InteractionID(s.InteractionEvent(c, "DIALING", ""))
			// read-allowed "applies in the userData property of the
			// Interaction object returned by a function or an event".
			s.For("security.userData.4", func() { s.ExpectUserData(s.GetInteraction(c, id), seed, "getByInteractionId of the dialled call") })

			written := map[string]any{}
			for _, k := range keys {
				written[k] = "written-" + k
			}
			refused := framework.IsRefusal(s.CallMethod(c, "interaction.setUserData", id, written))
			s.Deviation("INT-UDATA-2", !refused)
			want, changed := map[string]any{}, false
			for _, k := range keys {
				want[k] = seed[k]
				if s.Writable(k) && !refused {
					want[k], changed = written[k], true
				}
			}
			s.For("security.userData.1", func() {
				s.ExpectUserData(s.GetInteraction(c, id), want, "getByInteractionId after setUserData (write-allowed "+s.OptionsInForce(options.UserDataWriteAllowed)+")")
			})
			if changed {
				s.For("security.userData.4", func() {
					s.ExpectUserData(s.InteractionEvent(c, "ATTACHED_DATA_CHANGED", id), want, "ATTACHED_DATA_CHANGED")
				})
			}
			for _, k := range keys {
				deleted := !framework.IsRefusal(s.CallMethod(c, "interaction.deleteUserData", id, k))
				if s.Writable(k) {
					s.Deviation("INT-UDATA-2", deleted)
					if deleted {
						delete(want, k)
					}
				}
			}
			got := s.GetInteraction(c, id)
			s.For("security.userData.2", func() {
				s.ExpectUserData(got, want, "getByInteractionId after deleteUserData of every key (write-allowed "+s.OptionsInForce(options.UserDataWriteAllowed)+")")
				for _, k := range keys {
					if s.Writable(k) && s.Readable(k) {
						Expect(framework.HasUserDataKey(got, k)).To(BeFalse(), "%s is write-allowed but deleteUserData left it", k)
					}
				}
			})
			s.OK(c, "voice.hangUp", id)
			s.InteractionEvent(c, "RELEASED", id)
			s.OK(c, "interaction.markdone", id)
		})
})

// configuredOrigins returns the accepted-web-content-origins value the spec
// judges: on a target whose options the suite sets, the example built
// on the driver's origins is set first; otherwise the value in force.
func configuredOrigins(s *framework.Session) string {
	GinkgoHelper()
	s.JudgeAllowList()
	if s.Has(framework.CapOptions) {
		o := s.NeedOrigins(2)
		s.SetOptions(control.Options{options.AcceptedOrigins: fmt.Sprintf("%s (*, auth.getJwtToken), %s (agent.*, voice.dial)", o[0], o[1])})
	}
	value := s.OptionsInForce(options.AcceptedOrigins)
	if _, _, err := allowlist.Parse(value); err != nil {
		Fail(fmt.Sprintf("accepted-web-content-origins in force %q does not parse: %v", value, err))
	}
	return value
}

// configuredListed opens a client as each concrete origin the value lists
// (those the driver can present); none skips the spec.
func configuredListed(s *framework.Session, value string) []driver.Client {
	GinkgoHelper()
	var out []driver.Client
	for _, e := range allowlist.MustParse(value).Entries() {
		if e.Origin == allowlist.AnyOrigin || slices.ContainsFunc(out, func(c driver.Client) bool { return c.Origin() == e.Origin }) {
			continue
		}
		if c, err := s.TryClient(e.Origin); err == nil {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		Skip(fmt.Sprintf("accepted-web-content-origins in force (%q) lists no origin the driver can present", value))
	}
	return out
}

// configuredFiltered opens a client as each concrete origin whose entry has a
// filter that pick accepts; none skips the spec.
func configuredFiltered(s *framework.Session, value string, pick func(allowlist.Entry) bool) []driver.Client {
	GinkgoHelper()
	var out []driver.Client
	for _, e := range allowlist.MustParse(value).Entries() {
		if e.Origin == allowlist.AnyOrigin || !e.Filtered || !pick(e) {
			continue
		}
		if c, err := s.TryClient(e.Origin); err == nil {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		Skip(fmt.Sprintf("accepted-web-content-origins in force (%q) has no such filtered origin the driver can present", value))
	}
	return out
}

// configuredKeys are the user-data keys the lists in force name, and one
// they do not, so that every combination of readable and writable present is
// tried.
func configuredKeys(s *framework.Session) []string {
	keys := []string{"Key1", "Key2", "Key3"}
	for _, list := range []string{options.UserDataReadAllowed, options.UserDataWriteAllowed} {
		parsed, _ := userdata.Parse(s.OptionsInForce(list))
		for _, k := range parsed.List() {
			if k != userdata.Wildcard && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}
