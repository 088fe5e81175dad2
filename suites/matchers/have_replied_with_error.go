package matchers

import (
	"fmt"

	"github.com/onsi/gomega/types"

	"scapi-conformance/contract/wire"
)

// HaveRepliedWithError matches a reply carrying errorMessage (a string, as
// documented); given a matcher, the message must also satisfy it.
func HaveRepliedWithError(message ...types.GomegaMatcher) types.GomegaMatcher {
	r := &errorMatcher{}
	if len(message) > 0 {
		r.want = message[0]
	}
	return r
}

type errorMatcher struct {
	want   types.GomegaMatcher
	m      *wire.Message
	reason string
}

func (e *errorMatcher) Match(actual any) (bool, error) {
	m, err := asMessage("HaveRepliedWithError", actual)
	if err != nil {
		return false, err
	}
	e.m = m
	if m.Kind() != wire.KindReply {
		e.reason = fmt.Sprintf("expected an error reply, got a message of kind %s: %s", m.Kind(), quote(m))
		return false, nil
	}
	if !m.Has("errorMessage") {
		e.reason = fmt.Sprintf("expected an error reply, got a reply without errorMessage: %s", quote(m))
		return false, nil
	}
	msg, isString := m.String("errorMessage")
	if !isString {
		e.reason = fmt.Sprintf("expected errorMessage to be a string, got %s in %s", m.Fields["errorMessage"], quote(m))
		return false, nil
	}
	if e.want == nil {
		return true, nil
	}
	ok, err := e.want.Match(msg)
	if err != nil {
		return false, err
	}
	if !ok {
		e.reason = "errorMessage does not match: " + e.want.FailureMessage(msg)
	}
	return ok, nil
}

func (e *errorMatcher) FailureMessage(any) string { return e.reason }

func (e *errorMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("expected no error reply, got %s", quote(e.m))
}
