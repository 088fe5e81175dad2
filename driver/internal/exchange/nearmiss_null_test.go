package exchange

import (
	"context"
	"errors"
	"testing"
	"time"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
)

// TestNullNamesNoNumber: an answer whose referenceId is null (a Workspace's
// error reply to a message it could not read) is no near miss of the call
// waiting for "0": null names no number, so the call waits on for its own
// reply.
func TestNullNamesNoNumber(t *testing.T) {
	x, sent, _ := fake(t, 200*time.Millisecond)
	answer(x, sent, func(map[string]any) string {
		return `{"referenceId":null,"errorMessage":"malformed message","userAgent":"WWE Server","protocolVersion":2}`
	})
	_, err := x.Call(context.Background(), wire.NewRequest("agent.getState", "0", nil))
	if errors.Is(err, driver.ErrBrokenEnvelope) || !errors.Is(err, driver.ErrTimeout) {
		t.Errorf("Call = %v; want a timeout (the null referenceId is no answer to \"0\")", err)
	}
}
