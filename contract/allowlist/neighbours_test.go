package allowlist_test

import (
	"slices"
	"testing"

	"scapi-conformance/contract/allowlist"
)

// The neighbours of a listed origin are other origins no entry for it admits:
// a longer host, a shorter host, another port.
func TestNeighbours(t *testing.T) {
	for _, tc := range []struct {
		origin string
		want   []string
	}{
		{"https://app.example.com", []string{"https://app.example.comx", "https://app.example.co", "https://app.example.com:8443"}},
		{"http://c.example:8080", []string{"http://c.examplex:8080", "http://c.exampl:8080", "http://c.example:8081"}},
		{"http://a:65535", []string{"http://ax:65535", "http://a:1"}},
		{"not an origin", nil},
	} {
		got := allowlist.Neighbours(tc.origin)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Neighbours(%q) = %v, want %v", tc.origin, got, tc.want)
		}
		if tc.want == nil {
			continue
		}
		list := allowlist.MustParse(tc.origin + " (*)")
		for _, o := range got {
			if list.Listed(o) {
				t.Errorf("%s is admitted by the entry for %s", o, tc.origin)
			}
		}
	}
	if allowlist.MustParse("https://app.example.com (*), http://c.example:8080").Listed(allowlist.StrangerOrigin) {
		t.Errorf("%s is listed", allowlist.StrangerOrigin)
	}
}
