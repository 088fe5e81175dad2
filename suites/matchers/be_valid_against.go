package matchers

import (
	"errors"
	"fmt"

	"github.com/onsi/gomega/types"

	"scapi-conformance/contract/wire"
	"scapi-conformance/schemas"
)

// BeValidAgainst matches a message (*wire.Message), raw JSON
// (json.RawMessage, []byte) or a decoded JSON value that is valid against the
// named schema of package schemas in strict mode.
func BeValidAgainst(schema string) types.GomegaMatcher {
	return BeValidAgainstIn(schemas.Strict, schema)
}

// BeValidAgainstIn is BeValidAgainst in the given mode (schemas.Lenient
// accepts what the interpretations allow in lenient mode).
func BeValidAgainstIn(mode schemas.Mode, schema string) types.GomegaMatcher {
	return &validMatcher{mode: mode, schema: schema}
}

type validMatcher struct {
	mode   schemas.Mode
	schema string
	err    error
}

func (v *validMatcher) Match(actual any) (bool, error) {
	doc := actual
	if m, ok := actual.(*wire.Message); ok {
		if m == nil {
			return false, fmt.Errorf("BeValidAgainst expects a non-nil *wire.Message")
		}
		doc = m.Raw
	}
	v.err = schemas.Validate(v.mode, v.schema, doc)
	var invalid *schemas.ValidationError
	if v.err != nil && !errors.As(v.err, &invalid) {
		return false, v.err
	}
	return v.err == nil, nil
}

func (v *validMatcher) FailureMessage(any) string {
	return fmt.Sprintf("expected a value valid against the schema %q (%s): %v", v.schema, v.mode, v.err)
}

func (v *validMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("expected a value invalid against the schema %q (%s), but it is valid", v.schema, v.mode)
}
