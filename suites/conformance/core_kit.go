package conformance

import (
	"context"
	"fmt"

	"github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
)

// The helpers of the policy and envelope specs (prefix core): several clients
// at once, and the refusal of a request, judged by INT-SPEC-1.

// coreClients opens one client per origin, all connected at the same time.
func coreClients(s *framework.Session, origins []string) []driver.Client {
	ginkgo.GinkgoHelper()
	out := make([]driver.Client, len(origins))
	for i, o := range origins {
		out[i] = s.Client(o)
	}
	return out
}

// coreTry sends the catalog method and returns its reply, or nil when none
// came within the timeout (a refusal may be silent, INT-SPEC-1); any other
// transport failure fails the spec.
func coreTry(s *framework.Session, c driver.Client, name string, params ...any) *wire.Message {
	ginkgo.GinkgoHelper()
	return coreTryRequest(s, c, wire.NewRequest(nsMethod(name).Wire, "", params))
}

// coreTryRequest sends a request envelope and returns its reply, or nil when
// none came within the timeout; any other transport failure fails the spec.
func coreTryRequest(s *framework.Session, c driver.Client, req wire.Request) *wire.Message {
	ginkgo.GinkgoHelper()
	ctx, cancel := context.WithTimeout(s.Context(), s.Timeout())
	defer cancel()
	m, err := c.Call(ctx, req)
	if m == nil && (s.Context().Err() != nil || ctx.Err() == nil) {
		ginkgo.Fail(fmt.Sprintf("request %q as %s: %v", req.Request, c.Origin(), err))
	}
	return m
}

// coreRefusedReply reports whether a reply (nil: none) refuses the request.
func coreRefusedReply(m *wire.Message) bool {
	if m == nil {
		return true
	}
	_, present := m.ErrorMessage()
	return present
}

// coreOtherState returns the operationName of a settable agent state whose
// type differs from the current one, as seen by c.
func coreOtherState(s *framework.Session, c driver.Client) string {
	ginkgo.GinkgoHelper()
	current, _ := nsOK(s, c, "agent.getState").(map[string]any)
	for _, st := range nsSettable(s, c) {
		if op, ok := st["operationName"].(string); ok && st["type"] != current["type"] {
			return op
		}
	}
	ginkgo.Fail("no settable agent state differs from the current one")
	return ""
}

// coreStateChange changes the agent's state through c and returns the
// operationName applied.
func coreStateChange(s *framework.Session, c driver.Client) string {
	ginkgo.GinkgoHelper()
	op := coreOtherState(s, c)
	nsOK(s, c, "agent.setState", op)
	return op
}

// coreHeader checks userAgent and protocolVersion of a service message.
func coreHeader(m *wire.Message) {
	ginkgo.GinkgoHelper()
	ua, _ := m.String("userAgent")
	Expect(ua).To(ContainSubstring("WWE"), "the vendor client drops a message whose userAgent lacks \"WWE\": %s", framework.Describe(m))
	v, ok := m.Int("protocolVersion")
	Expect(ok && v == wire.ProtocolVersion).To(BeTrue(), "protocolVersion must be 2: %s", framework.Describe(m))
}
