package matchers

import (
	"testing"

	"github.com/onsi/gomega/types"

	"scapi-conformance/contract/wire"
)

// decode parses a message literal of a test case.
func decode(t *testing.T, s string) *wire.Message {
	t.Helper()
	m, err := wire.Decode([]byte(s))
	if err != nil {
		t.Fatalf("bad test message %s: %v", s, err)
	}
	return m
}

// matcherCase is one row of a matcher table: the message, whether it
// matches, and the exact failure message (positive when it does not match,
// negated when it does).
type matcherCase struct {
	name    string
	message string
	match   bool
	failure string
}

// runMatcherCases checks a matcher against each case.
func runMatcherCases(t *testing.T, newMatcher func() types.GomegaMatcher, cases []matcherCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := decode(t, c.message)
			matcher := newMatcher()
			got, err := matcher.Match(m)
			if err != nil {
				t.Fatalf("Match error: %v", err)
			}
			if got != c.match {
				t.Fatalf("Match = %v, want %v", got, c.match)
			}
			msg := matcher.FailureMessage(m)
			if c.match {
				msg = matcher.NegatedFailureMessage(m)
			}
			if msg != c.failure {
				t.Errorf("failure message\n got: %s\nwant: %s", msg, c.failure)
			}
		})
	}
}

// TestMatchersRefuseNonMessages checks that every matcher errors on a value
// that is not a message instead of passing or panicking.
func TestMatchersRefuseNonMessages(t *testing.T) {
	for name, m := range map[string]types.GomegaMatcher{
		"HaveSucceeded":        HaveSucceeded(),
		"HaveRepliedWithError": HaveRepliedWithError(),
		"HaveRepliedWithData":  HaveRepliedWithData(nil),
		"BeEvent":              BeEvent("agent", "STATE_CHANGED"),
		"EchoReferenceID":      EchoReferenceID("0"),
	} {
		for _, actual := range []any{nil, "text", (*wire.Message)(nil)} {
			ok, err := m.Match(actual)
			if ok || err == nil {
				t.Errorf("%s.Match(%#v) = %v, %v; want false and an error", name, actual, ok, err)
			}
		}
	}
}
