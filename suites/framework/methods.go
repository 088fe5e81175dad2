package framework

import (
	"fmt"

	"github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/suites/matchers"
)

// Calls by catalog name ("voice.muteMicrophone"): each is sent under its wire
// name, and its reply is checked against the envelope and result schemas.

// Method returns the catalog entry of a catalog name; an unknown name fails
// the spec.
func Method(name string) contract.Method {
	ginkgo.GinkgoHelper()
	m, ok := contract.Lookup(name)
	if !ok {
		ginkgo.Fail(fmt.Sprintf("%s is not in the catalog", name))
	}
	return m
}

// Agent opens a client as the origin of the options in force that may call
// the most requests, subscribed to the event names given (none: no
// subscription).
func (s *Session) Agent(events ...string) driver.Client {
	ginkgo.GinkgoHelper()
	c := s.Client(s.Origins()[0])
	if len(events) > 0 {
		s.Subscribe(c, events...)
	}
	return c
}

// CallMethod sends the catalog method under its wire name and returns the
// reply, whatever it says.
func (s *Session) CallMethod(c driver.Client, name string, params ...any) *wire.Message {
	ginkgo.GinkgoHelper()
	return s.Call(c, Method(name).Wire, params...)
}

// OK is a call that must succeed: it calls the method, expects a success reply
// valid as an envelope, checks the data against the method's documented result
// schema (when it has one) and returns the data decoded (nil when absent).
func (s *Session) OK(c driver.Client, name string, params ...any) any {
	ginkgo.GinkgoHelper()
	m := s.CallMethod(c, name, params...)
	Expect(m).To(matchers.HaveSucceeded(), "%s%v", name, params)
	if result := Method(name).Result; result != "" {
		Expect(m.Has("data")).To(BeTrue(), "%s documents a result (%s); the reply carries no data: %s", name, result, matchers.Describe(m))
	}
	s.ValidMessage(m, Method(name).Wire)
	return Decode(m.Data())
}

// Refused calls the method and reports whether it was refused with an error
// reply (an errorMessage key holding a non-empty string). Either way the reply
// must be a well-formed envelope: an error reply or a success reply.
func (s *Session) Refused(c driver.Client, name string, params ...any) bool {
	ginkgo.GinkgoHelper()
	m := s.CallMethod(c, name, params...)
	s.ValidMessage(m, Method(name).Wire)
	msg, present := m.ErrorMessage()
	return present && msg != ""
}

// MustRefuse calls the method and expects an error reply: the documentation
// says the operation fails.
func (s *Session) MustRefuse(c driver.Client, name string, params ...any) *wire.Message {
	ginkgo.GinkgoHelper()
	m := s.CallMethod(c, name, params...)
	Expect(m).To(matchers.HaveRepliedWithError(), "%s%v must fail", name, params)
	s.ValidMessage(m, Method(name).Wire)
	return m
}

// Try sends the catalog method and returns its reply, or nil when none came
// within the timeout (a refusal may be silent, INT-SPEC-1); any other
// transport failure fails the spec.
func (s *Session) Try(c driver.Client, name string, params ...any) *wire.Message {
	ginkgo.GinkgoHelper()
	return s.TryRequest(c, wire.NewRequest(Method(name).Wire, "", params))
}

// IsRefusal reports whether a reply (nil: none) refuses the request.
func IsRefusal(m *wire.Message) bool {
	if m == nil {
		return true
	}
	_, present := m.ErrorMessage()
	return present
}

// Clients opens one client per origin, all connected at the same time.
func (s *Session) Clients(origins []string) []driver.Client {
	ginkgo.GinkgoHelper()
	out := make([]driver.Client, len(origins))
	for i, o := range origins {
		out[i] = s.Client(o)
	}
	return out
}

// ExpectHeader checks userAgent and protocolVersion of a service message.
func ExpectHeader(m *wire.Message) {
	ginkgo.GinkgoHelper()
	ua, _ := m.String("userAgent")
	Expect(ua).To(ContainSubstring("WWE"), "the vendor client drops a message whose userAgent lacks \"WWE\": %s", matchers.Describe(m))
	v, ok := m.Int("protocolVersion")
	Expect(ok && v == wire.ProtocolVersion).To(BeTrue(), "protocolVersion must be 2: %s", matchers.Describe(m))
}
