package framework

import (
	"context"

	"scapi-conformance/contract/control"
)

// capabilities asks the target once per run what it can be steered to do; a
// target without a control endpoint can do nothing.
func (t *Target) capabilities(ctx context.Context) (control.Capabilities, error) {
	t.capsOnce.Do(func() {
		ctrl := t.Driver.Control()
		if ctrl == nil {
			return
		}
		cctx, cancel := context.WithTimeout(ctx, t.timeout())
		defer cancel()
		t.caps, t.capsErr = ctrl.Capabilities(cctx)
	})
	return t.caps, t.capsErr
}
