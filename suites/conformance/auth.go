package conformance

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/suites/framework"
)

var _ = Describe("Auth namespace", func() {
	framework.ConformanceIt("getJwtToken answers a token with an ISO 8601 expiration, the same one while it is valid",
		framework.Reqs{"auth.getJwtToken.1", "auth.getJwtToken.2"}, func(s *framework.Session) {
			c := s.Agent()
			first, _ := s.OK(c, "auth.getJwtToken").(map[string]any)
			token, _ := first["jwtToken"].(string)
			Expect(token).NotTo(BeEmpty(), "Returns JSON data object with the token")
			exp, _ := first["expiration"].(string)
			when, err := time.Parse(time.RFC3339Nano, exp)
			Expect(err).NotTo(HaveOccurred(), "its expiration date in ISO 8601 date format: %q", exp)
			Expect(when.After(s.Now())).To(BeTrue(), "a token just generated has already expired (%s)", exp)
			second, _ := s.OK(c, "auth.getJwtToken").(map[string]any)
			Expect(second).To(Equal(first), "If the token is already generated and still valid, it is returned")
			if s.Has(framework.CapClock) {
				s.Advance(when.Sub(s.Now()) + time.Second)
				third, _ := s.OK(c, "auth.getJwtToken").(map[string]any)
				Expect(third["jwtToken"]).NotTo(Equal(token), "otherwise a new token is returned: the expired token came back")
				exp3, _ := third["expiration"].(string)
				next, err := time.Parse(time.RFC3339Nano, exp3)
				Expect(err).NotTo(HaveOccurred(), "its expiration date in ISO 8601 date format: %q", exp3)
				Expect(next.After(when)).To(BeTrue(), "the new token does not expire after the expired one")
			}
		})
})
