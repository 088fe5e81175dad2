package framework

import (
	"fmt"

	"github.com/onsi/ginkgo/v2"

	"scapi-conformance/contract/interp"
)

// NonStrictEntry is the name of the report entry a deviation adds in lenient
// mode; its value is the interpretation id.
const NonStrictEntry = "non-strict"

// Deviation records the outcome of a check whose reading is decided by the
// interpretation interpID. When strictHolds is false the target only conforms
// under the lenient reading: strict mode fails the spec, lenient mode adds a
// "non-strict" report entry naming interpID. An unknown id fails the spec.
func (s *Session) Deviation(interpID string, strictHolds bool) {
	ginkgo.GinkgoHelper()
	in, ok := interp.Lookup(interpID)
	if !ok {
		ginkgo.Fail(fmt.Sprintf("unknown interpretation id %q (not in contract/interp)", interpID))
	}
	if strictHolds {
		return
	}
	if s.t.Strict {
		ginkgo.Fail(fmt.Sprintf("strict reading of %s (%s) does not hold: %s", in.ID, in.Topic, in.Strict))
	}
	ginkgo.AddReportEntry(NonStrictEntry, in.ID)
}
