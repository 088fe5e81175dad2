package matchers

import (
	"testing"

	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/types"
)

func TestHaveRepliedWithData(t *testing.T) {
	runMatcherCases(t, func() types.GomegaMatcher { return HaveRepliedWithData(Equal("view1")) }, []matcherCase{
		{"equal data", `{"referenceId":"0","data":"view1"}`, true,
			"expected the reply's data not to match: Expected\n    <string>: view1\nnot to equal\n    <string>: view1"},
		{"other data", `{"referenceId":"0","data":"view2"}`, false,
			"the reply's data does not match: Expected\n    <string>: view2\nto equal\n    <string>: view1"},
		{"no data", `{"referenceId":"0"}`, false,
			`expected the reply to carry data, got none: {"referenceId":"0"}`},
		{"error reply", `{"referenceId":"0","errorMessage":"no"}`, false,
			`expected a successful reply, got the error "no" in {"referenceId":"0","errorMessage":"no"}`},
	})
	runMatcherCases(t, func() types.GomegaMatcher { return HaveRepliedWithData(HaveKeyWithValue("n", 6.0)) }, []matcherCase{
		{"numbers decode as float64", `{"referenceId":"0","data":{"n":6}}`, true,
			"expected the reply's data not to match: Expected\n    <map[string]interface {} | len:1>: {\"n\": <float64>6}\nnot to have key\n    <string>: n"},
	})
}
