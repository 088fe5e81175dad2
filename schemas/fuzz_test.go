package schemas_test

import (
	"encoding/json"
	"errors"
	"testing"

	"scapi-conformance/fixtures/golden"
	"scapi-conformance/schemas"
)

// FuzzValidate: whatever a hostile peer sends, Validate returns nil, a
// *ValidationError whose violations all carry a reason, or an input error
// only when the document is not JSON; it never panics.
func FuzzValidate(f *testing.F) {
	names := schemas.Names()
	for i, fx := range golden.Fixtures() {
		raw, err := golden.Raw(fx.File)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw, uint16(i), i%2 == 0)
	}
	f.Add([]byte(`{"event":"interaction","data":{"eventType":"RINGING","interaction":[[[[[]]]]]}}`), uint16(0), false)
	f.Fuzz(func(t *testing.T, doc []byte, which uint16, lenient bool) {
		mode := schemas.Strict
		if lenient {
			mode = schemas.Lenient
		}
		name := names[int(which)%len(names)]
		err := schemas.Validate(mode, name, doc)
		var ve *schemas.ValidationError
		if err != nil && !errors.As(err, &ve) && json.Valid(doc) {
			t.Fatalf("%s: input error on valid JSON %q: %v", name, doc, err)
		}
		if errors.As(err, &ve) {
			if len(ve.Violations) == 0 {
				t.Fatalf("%s: validation error without violations", name)
			}
			for _, v := range ve.Violations {
				if v.Reason == "" {
					t.Fatalf("%s: violation at %q without a reason", name, v.Pointer)
				}
			}
		}
	})
}
