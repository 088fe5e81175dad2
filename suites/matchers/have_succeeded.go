package matchers

import (
	"fmt"

	"github.com/onsi/gomega/types"

	"scapi-conformance/contract/wire"
)

// HaveSucceeded matches a reply without an errorMessage key: the vendor client
// treats any reply carrying the key as a failure (DESIGN.md, Wire protocol).
func HaveSucceeded() types.GomegaMatcher { return &succeededMatcher{} }

type succeededMatcher struct{ m *wire.Message }

func (s *succeededMatcher) Match(actual any) (bool, error) {
	m, err := asMessage("HaveSucceeded", actual)
	if err != nil {
		return false, err
	}
	s.m = m
	return m.Kind() == wire.KindReply && !m.Has("errorMessage"), nil
}

func (s *succeededMatcher) FailureMessage(any) string {
	if msg, present := s.m.ErrorMessage(); present {
		return fmt.Sprintf("expected a successful reply, got the error %q in %s", msg, quote(s.m))
	}
	return fmt.Sprintf("expected a successful reply, got a message of kind %s: %s", s.m.Kind(), quote(s.m))
}

func (s *succeededMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("expected a failed reply or no reply, got a successful reply: %s", quote(s.m))
}
