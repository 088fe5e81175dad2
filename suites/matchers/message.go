package matchers

import (
	"fmt"

	"scapi-conformance/contract/wire"
)

// asMessage converts a matcher's actual value to a message.
func asMessage(matcher string, actual any) (*wire.Message, error) {
	m, ok := actual.(*wire.Message)
	if !ok || m == nil {
		return nil, fmt.Errorf("%s expects a non-nil *wire.Message, got %T", matcher, actual)
	}
	return m, nil
}

// quote shows a message in failure messages.
func quote(m *wire.Message) string { return Describe(m) }
