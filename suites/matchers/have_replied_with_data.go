package matchers

import (
	"encoding/json"
	"fmt"

	"github.com/onsi/gomega/types"

	"scapi-conformance/contract/wire"
)

// HaveRepliedWithData matches a successful reply whose data, decoded as
// generic JSON (objects as map[string]any, numbers as float64), satisfies the
// matcher. A reply without a data key fails: a documented result must be sent.
func HaveRepliedWithData(matcher types.GomegaMatcher) types.GomegaMatcher {
	return &dataMatcher{want: matcher}
}

type dataMatcher struct {
	want   types.GomegaMatcher
	m      *wire.Message
	data   any
	reason string
}

func (d *dataMatcher) Match(actual any) (bool, error) {
	m, err := asMessage("HaveRepliedWithData", actual)
	if err != nil {
		return false, err
	}
	d.m = m
	succeeded := &succeededMatcher{}
	if ok, _ := succeeded.Match(m); !ok {
		d.reason = succeeded.FailureMessage(m)
		return false, nil
	}
	if !m.Has("data") {
		d.reason = fmt.Sprintf("expected the reply to carry data, got none: %s", quote(m))
		return false, nil
	}
	if err := json.Unmarshal(m.Data(), &d.data); err != nil {
		d.reason = fmt.Sprintf("the reply's data is not JSON: %v", err)
		return false, nil
	}
	ok, err := d.want.Match(d.data)
	if err != nil {
		return false, err
	}
	if !ok {
		d.reason = "the reply's data does not match: " + d.want.FailureMessage(d.data)
	}
	return ok, nil
}

func (d *dataMatcher) FailureMessage(any) string { return d.reason }

func (d *dataMatcher) NegatedFailureMessage(any) string {
	return "expected the reply's data not to match: " + d.want.NegatedFailureMessage(d.data)
}
