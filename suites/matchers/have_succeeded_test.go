package matchers

import (
	"testing"

	"github.com/onsi/gomega/types"
)

func TestHaveSucceeded(t *testing.T) {
	runMatcherCases(t, func() types.GomegaMatcher { return HaveSucceeded() }, []matcherCase{
		{"data reply", `{"referenceId":"0","request":"agent.get","data":{}}`, true,
			`expected a failed reply or no reply, got a successful reply: {"referenceId":"0","request":"agent.get","data":{}}`},
		{"reply without data", `{"referenceId":"1","request":"system.triggerActivity"}`, true,
			`expected a failed reply or no reply, got a successful reply: {"referenceId":"1","request":"system.triggerActivity"}`},
		{"error reply", `{"referenceId":"0","errorMessage":"denied"}`, false,
			`expected a successful reply, got the error "denied" in {"referenceId":"0","errorMessage":"denied"}`},
		{"null errorMessage is still an error", `{"referenceId":"0","errorMessage":null}`, false,
			`expected a successful reply, got the error "" in {"referenceId":"0","errorMessage":null}`},
		{"event", `{"event":"agent","data":{}}`, false,
			`expected a successful reply, got a message of kind event: {"event":"agent","data":{}}`},
		{"ack", `{"referenceId":"0","subscriptionId":"s"}`, false,
			`expected a successful reply, got a message of kind subscribe-ack: {"referenceId":"0","subscriptionId":"s"}`},
	})
}
