package conformance

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract"
	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
	"scapi-conformance/suites/matchers"
)

// originProbe is a request that succeeds without changing anything when it is
// allowed, so that its reply tells allowed from refused.
type originProbe struct {
	name   string
	params []any
}

// originProbes covers four namespaces, a keyword the documentation does not
// list (system.triggerActivity), a request sent under another name on the
// wire (voice.isMicrophoneMute as sipEndpoint.isMicrophoneMute) and
// getAllowedServices itself.
var originProbes = []originProbe{
	{"agent.get", nil},
	{"agent.getStateList", nil},
	{"interaction.getInteractions", nil},
	{"media.getMediaList", nil},
	{"system.triggerActivity", nil},
	{"system.getAllowedServices", nil},
	{"voice.isMicrophoneMute", nil},
}

// originJudge sends the probe as c and judges the answer against the oracle's
// decision for the option value: an allowed request must be answered
// normally, a refused one refused (INT-SPEC-1). Where an interpretation
// allows the other outcome in lenient mode, the deviation is recorded.
func originJudge(s *framework.Session, value string, c driver.Client, p originProbe) {
	ginkgo.GinkgoHelper()
	s.JudgeAllowList()
	list, _, err := allowlist.Parse(value)
	if err != nil {
		ginkgo.Fail(fmt.Sprintf("the spec's option value %q does not parse: %v", value, err))
	}
	m := framework.Method(p.name)
	d := list.Decide(c.Origin(), m.AllowKeyword)
	reply := s.Try(c, p.name, p.params...)
	refused := framework.IsRefusal(reply)
	switch {
	case d.Allowed && !refused:
		s.ValidMessage(reply, m.Wire)
	case d.Allowed:
		id := originLenientRefusal(list, c.Origin(), m)
		if id == "" {
			s.ForKit(originRequirement(list, c.Origin(), m.AllowKeyword), func() {
				ginkgo.Fail(fmt.Sprintf("with accepted-web-content-origins %q, %s as %s must be allowed (%s); got %s",
					value, p.name, c.Origin(), d.Reason, matchers.Describe(reply)))
			})
		}
		s.Deviation(id, false)
	case refused:
		if reply == nil {
			s.Deviation("INT-SPEC-1", false)
			return
		}
		s.ValidMessage(reply, m.Wire)
	default:
		id := originLenientGrant(list, c.Origin(), m)
		if id == "" {
			s.ForKit(originRequirement(list, c.Origin(), m.AllowKeyword), func() {
				ginkgo.Fail(fmt.Sprintf("with accepted-web-content-origins %q, %s as %s must be refused (%s); it was answered: %s",
					value, p.name, c.Origin(), d.Reason, matchers.Describe(reply)))
			})
		}
		s.Deviation(id, false)
	}
}

// originLenientRefusal names the interpretation under which refusing a
// request the strict reading allows is only NON-STRICT ("" when none does).
func originLenientRefusal(list *allowlist.List, origin string, m contract.Method) string {
	if m.Request() == "agent.get" && list.Decide(origin, m.AllowKeyword).Filter == "agent.*" {
		return "INT-ORIGIN-1"
	}
	matching := 0
	norm, _ := allowlist.NormalizeOrigin(origin)
	for _, e := range list.Entries() {
		if e.Origin == allowlist.AnyOrigin || e.Origin == norm {
			matching++
		}
	}
	if matching > 1 {
		return "INT-ORIGIN-4" // honouring one entry of several is NON-STRICT
	}
	return ""
}

// originLenientGrant names the interpretation under which answering a
// request the strict reading refuses is only NON-STRICT ("" when none does).
func originLenientGrant(list *allowlist.List, origin string, m contract.Method) string {
	if !list.Listed(origin) {
		return ""
	}
	switch {
	case m.Request() == allowlist.JwtRequest:
		// Granted by any wildcard: a failure in every mode (INT-ORIGIN-7,
		// INT-CAT-11 has no lenient reading).
		return ""
	case strings.HasPrefix(m.Wire, "sipEndpoint.") && list.Decide(origin, m.Request()).Allowed:
		return "INT-CAT-2"
	case m.Request() == "system.getAllowedServices":
		return "INT-ORIGIN-6"
	case !m.ListedKeyword:
		return "INT-CAT-10"
	}
	return ""
}

// originPrefix returns another origin that is a prefix of origin's text: the
// origin without its port, or with the last letter of its host cut.
func originPrefix(origin string) string {
	if i := strings.LastIndexByte(origin, ':'); i > strings.Index(origin, "://") {
		return origin[:i]
	}
	return origin[:len(origin)-1]
}

// originAllowedServices asks getAllowedServices as c and judges the answer
// against the oracle for value: an origin that may not call it (not listed,
// or filtered without it) gets a refusal; any other gets exactly the catalog keywords it may send, and every probe
// behaves as the list says. A name listed beyond the catalog's keywords is
// called: one the origin can call is an alias, NON-STRICT; one it cannot call
// fails in every mode (INT-ORIGIN-9).
func originAllowedServices(s *framework.Session, value string, c driver.Client) {
	ginkgo.GinkgoHelper()
	s.JudgeAllowList()
	list := allowlist.MustParse(value)
	if !list.Decide(c.Origin(), "system.getAllowedServices").Allowed {
		originJudge(s, value, c, originProbes[5]) // not listed, or filtered without it (INT-ORIGIN-6)
		return
	}
	reply := s.Try(c, "system.getAllowedServices")
	Expect(reply).To(matchers.HaveSucceeded(), "getAllowedServices as %s, which is listed", c.Origin())
	s.ValidMessage(reply, framework.Method("system.getAllowedServices").Wire)
	var reported []string
	Expect(json.Unmarshal(reply.Data(), &reported)).To(Succeed(), "getAllowedServices returns Array.<string>: %s", matchers.Describe(reply))
	var keywords []string
	for _, m := range contract.Catalog() {
		if m.Namespace != "" {
			keywords = append(keywords, m.AllowKeyword)
		}
	}
	var documented, extra []string
	for _, name := range reported {
		if slices.Contains(keywords, name) {
			documented = append(documented, name)
		} else {
			extra = append(extra, name)
		}
	}
	// What a listed origin is told: the list "as determined by the Security
	// configuration" (security.origin.9).
	s.ForKit("security.origin.9", func() {
		Expect(documented).To(ConsistOf(list.AllowedServices(c.Origin(), keywords)),
			"getAllowedServices as %s with accepted-web-content-origins %q", c.Origin(), value)
		for _, p := range originProbes {
			said := slices.Contains(reported, framework.Method(p.name).AllowKeyword)
			answered := !framework.IsRefusal(s.Try(c, p.name, p.params...))
			// What it said is what the configuration says (above): a call
			// that disagrees breaks the rule that decides the call.
			s.ForKit(originRequirement(list, c.Origin(), framework.Method(p.name).AllowKeyword), func() {
				Expect(answered).To(Equal(said), "as %s, getAllowedServices says %s is allowed: %v; calling it says %v", c.Origin(), p.name, said, answered)
			})
		}
		for _, name := range extra {
			reply := s.TryRequest(c, wire.NewRequest(name, "", originAliasParams(name)))
			Expect(framework.IsRefusal(reply)).To(BeFalse(), "getAllowedServices as %s lists %s, which is no catalog keyword, and calling it is refused (INT-ORIGIN-9): %s",
				c.Origin(), name, matchers.Describe(reply))
		}
	})
	s.Deviation("INT-ORIGIN-9", len(extra) == 0)
}

// originAliasParams are the parameters an extra name is called with: those of
// the probe of the catalog method it names, if any.
func originAliasParams(name string) []any {
	for _, p := range originProbes {
		if m := framework.Method(p.name); m.Request() == name || m.Wire == name {
			return p.params
		}
	}
	return nil
}
