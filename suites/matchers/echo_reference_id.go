package matchers

import (
	"fmt"

	"github.com/onsi/gomega/types"

	"scapi-conformance/contract/wire"
)

// EchoReferenceID matches a message whose referenceId is exactly the string
// id: the vendor client compares with === and drops anything else (DESIGN.md,
// Wire protocol), so a number or a re-formatted string does not match.
func EchoReferenceID(id string) types.GomegaMatcher { return &echoMatcher{id: id} }

type echoMatcher struct {
	id string
	m  *wire.Message
}

func (e *echoMatcher) Match(actual any) (bool, error) {
	m, err := asMessage("EchoReferenceID", actual)
	if err != nil {
		return false, err
	}
	e.m = m
	got, ok := m.ReferenceID()
	return ok && got == e.id, nil
}

func (e *echoMatcher) FailureMessage(any) string {
	raw, present := e.m.Fields["referenceId"]
	if !present {
		return fmt.Sprintf("expected referenceId %q echoed, got no referenceId: %s", e.id, quote(e.m))
	}
	return fmt.Sprintf("expected referenceId %q echoed as that very string, got %s", e.id, raw)
}

func (e *echoMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("expected a referenceId other than %q, got it echoed", e.id)
}
