package fuzz

import (
	"strings"
	"testing"
	"time"
)

// The progress line is rewritten in place on a terminal and written as whole
// lines for a log or a pipe.
func TestProgressLines(t *testing.T) {
	for _, tc := range []struct {
		lines        bool
		final        bool
		prefix, tail string
	}{
		{false, false, "\rfuzz ", "findings 0"},
		{false, true, "\rfuzz ", "findings 0\n"},
		{true, false, "fuzz ", "findings 0\n"},
		{true, true, "fuzz ", "findings 0\n"},
	} {
		var b strings.Builder
		c := &Campaign{Progress: &b, ProgressLines: tc.lines}
		c.progress(&Stats{Sessions: 3, Requests: 30}, time.Now().Add(-time.Second), tc.final)
		if got := b.String(); !strings.HasPrefix(got, tc.prefix) || !strings.HasSuffix(got, tc.tail) || strings.Count(got, "\n") > 1 {
			t.Errorf("lines %v final %v: %q; want %q … %q", tc.lines, tc.final, got, tc.prefix, tc.tail)
		}
	}
}
