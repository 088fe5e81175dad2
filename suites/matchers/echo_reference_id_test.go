package matchers

import (
	"testing"

	"github.com/onsi/gomega/types"
)

func TestEchoReferenceID(t *testing.T) {
	runMatcherCases(t, func() types.GomegaMatcher { return EchoReferenceID("12") }, []matcherCase{
		{"same string", `{"referenceId":"12","data":1}`, true,
			`expected a referenceId other than "12", got it echoed`},
		{"a number", `{"referenceId":12,"data":1}`, false,
			`expected referenceId "12" echoed as that very string, got 12`},
		{"padded", `{"referenceId":" 12","data":1}`, false,
			`expected referenceId "12" echoed as that very string, got " 12"`},
		{"missing", `{"data":1}`, false,
			`expected referenceId "12" echoed, got no referenceId: {"data":1}`},
	})
}
