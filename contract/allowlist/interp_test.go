package allowlist

import (
	"fmt"
	"regexp"
	"testing"

	"scapi-conformance/contract/interp"
)

// TestCitedInterpretationsAreRegistered: the interpretation ids the messages
// of this package cite, and INT-ORIGIN-1…8, exist.
func TestCitedInterpretationsAreRegistered(t *testing.T) {
	_, _, err := Parse("http://a (voice.dialEx(x))")
	_, warns, _ := Parse("http://a (voice.muteMicrophone)")
	texts := []string{err.Error()}
	for _, w := range warns {
		texts = append(texts, w.Message)
	}
	ids := regexp.MustCompile(`INT-[A-Z]+-\d+`)
	cited := 0
	for _, s := range texts {
		for _, id := range ids.FindAllString(s, -1) {
			cited++
			if _, ok := interp.Lookup(id); !ok {
				t.Errorf("%q cites unregistered %s", s, id)
			}
		}
	}
	if cited != 2 {
		t.Errorf("found %d citations, want 2", cited)
	}
	for i := 1; i <= 8; i++ {
		if _, ok := interp.Lookup(fmt.Sprintf("INT-ORIGIN-%d", i)); !ok {
			t.Errorf("INT-ORIGIN-%d is not registered", i)
		}
	}
}
