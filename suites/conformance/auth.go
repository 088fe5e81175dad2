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
			var first map[string]any
			// The reply's shape (a token and an ISO 8601 expiration) is
			// auth.getJwtToken.1; answering the same one is .2.
			s.For("auth.getJwtToken.1", func() { first, _ = s.OK(c, "auth.getJwtToken").(map[string]any) })
			token, _ := first["jwtToken"].(string)
			exp, _ := first["expiration"].(string)
			var when time.Time
			s.For("auth.getJwtToken.1", func() {
				Expect(token).NotTo(BeEmpty(), "Returns JSON data object with the token")
				var err error
				when, err = time.Parse(time.RFC3339Nano, exp)
				Expect(err).NotTo(HaveOccurred(), "its expiration date in ISO 8601 date format: %q", exp)
				Expect(when.After(s.Now())).To(BeTrue(), "a token just generated has already expired (%s)", exp)
			})
			var second map[string]any
			s.For("auth.getJwtToken.1", func() { second, _ = s.OK(c, "auth.getJwtToken").(map[string]any) })
			s.For("auth.getJwtToken.2", func() {
				Expect(second).To(Equal(first), "If the token is already generated and still valid, it is returned")
			})
			if s.Has(framework.CapClock) {
				s.Advance(when.Sub(s.Now()) + time.Second)
				var third map[string]any
				s.For("auth.getJwtToken.1", func() { third, _ = s.OK(c, "auth.getJwtToken").(map[string]any) })
				s.For("auth.getJwtToken.2", func() {
					Expect(third["jwtToken"]).NotTo(Equal(token), "otherwise a new token is returned: the expired token came back")
				})
				exp3, _ := third["expiration"].(string)
				var next time.Time
				s.For("auth.getJwtToken.1", func() {
					var err error
					next, err = time.Parse(time.RFC3339Nano, exp3)
					Expect(err).NotTo(HaveOccurred(), "its expiration date in ISO 8601 date format: %q", exp3)
				})
				s.For("auth.getJwtToken.2", func() {
					Expect(next.After(when)).To(BeTrue(), "the new token does not expire after the expired one")
				})
			}
		})
})
