package matchers

import (
	"testing"

	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/types"
)

func TestHaveRepliedWithError(t *testing.T) {
	runMatcherCases(t, func() types.GomegaMatcher { return HaveRepliedWithError() }, []matcherCase{
		{"error reply", `{"referenceId":"0","errorMessage":"denied"}`, true,
			`expected no error reply, got {"referenceId":"0","errorMessage":"denied"}`},
		{"success", `{"referenceId":"0","data":1}`, false,
			`expected an error reply, got a reply without errorMessage: {"referenceId":"0","data":1}`},
		{"non-string errorMessage", `{"referenceId":"0","errorMessage":7}`, false,
			`expected errorMessage to be a string, got 7 in {"referenceId":"0","errorMessage":7}`},
		{"event", `{"event":"system","data":{}}`, false,
			`expected an error reply, got a message of kind event: {"event":"system","data":{}}`},
	})
}

func TestHaveRepliedWithErrorMessage(t *testing.T) {
	runMatcherCases(t, func() types.GomegaMatcher { return HaveRepliedWithError(Equal("The rate limit")) }, []matcherCase{
		{"same message", `{"referenceId":"0","errorMessage":"The rate limit"}`, true,
			`expected no error reply, got {"referenceId":"0","errorMessage":"The rate limit"}`},
		{"other message", `{"referenceId":"0","errorMessage":"other"}`, false,
			"errorMessage does not match: Expected\n    <string>: other\nto equal\n    <string>: The rate limit"},
	})
}
