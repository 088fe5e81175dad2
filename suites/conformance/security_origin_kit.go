package conformance

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract"
	"scapi-conformance/contract/allowlist"
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
		s.Valid(reply, "envelope.Reply")
	case d.Allowed:
		id := originLenientRefusal(list, c.Origin(), m)
		if id == "" {
			s.ForCited(originRequirement(list, c.Origin(), m.AllowKeyword), func() {
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
		s.Valid(reply, "envelope.ErrorReply")
	default:
		id := originLenientGrant(list, c.Origin(), m)
		if id == "" {
			s.ForCited(originRequirement(list, c.Origin(), m.AllowKeyword), func() {
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

// originNeighbours returns origins next to a listed one that no entry for it
// admits: a longer host, a shorter host, and another port.
func originNeighbours(origin string) []string {
	u, err := url.Parse(origin)
	if err != nil || u.Hostname() == "" {
		return nil
	}
	host, port := u.Hostname(), u.Port()
	withPort := func(h, p string) string {
		if p == "" {
			return u.Scheme + "://" + h
		}
		return u.Scheme + "://" + h + ":" + p
	}
	other := "8443"
	if n, err := strconv.Atoi(port); err == nil {
		other = strconv.Itoa(n%65535 + 1)
	}
	out := []string{withPort(host+"x", port), withPort(host[:len(host)-1], port), withPort(host, other)}
	if len(host) < 2 {
		out = append(out[:1], out[2])
	}
	return out
}
