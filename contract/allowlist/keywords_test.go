package allowlist

import (
	"strings"
	"testing"

	"scapi-conformance/contract"
)

// documentedKeywords is the keyword list of Security configuration > Origin in
// 001 (000 lists the same without the five transfer/conference/consult
// keywords and voice.dialEx); argument lists dropped (INT-CAT-9).
var documentedKeywords = []string{
	"agent.get", "agent.getState", "agent.getStateList", "agent.setState", "email.create",
	"interaction.deleteUserData", "interaction.getByInteractionId", "interaction.getInteractions",
	"interaction.selectCaseByCaseId", "interaction.setUserData", "interaction.singleStepTransfer",
	"interaction.singleStepConference", "interaction.consult", "interaction.completeTransfer",
	"interaction.completeConference", "media.getMediaList", "media.setState", "voice.dial", "voice.dialEx",
	"voice.pauseCallRecording", "voice.resumeCallRecording", "voice.startCallRecording", "voice.stopCallRecording",
}

// TestDocumentedKeywords: each documented keyword is a known request that
// grants itself and nothing else of the catalog.
func TestDocumentedKeywords(t *testing.T) {
	all := catalogRequests()
	for _, kw := range documentedKeywords {
		l, warns, err := Parse("http://a (" + kw + ")")
		if err != nil || len(warns) != 0 {
			t.Errorf("keyword %s: %v %v", kw, warns, err)
			continue
		}
		got := l.AllowedServices("http://a", all)
		if len(got) != 1 || got[0] != kw {
			t.Errorf("(%s) allows %q", kw, got)
		}
	}
}

// TestNamespaceWildcards: "ns.*" grants exactly the catalog requests of ns
// (auth.getJwtToken aside, INT-ORIGIN-7); an unfiltered entry and "(*)" grant
// every request but auth.getJwtToken.
func TestNamespaceWildcards(t *testing.T) {
	all := catalogRequests()
	for _, ns := range contract.Namespaces() {
		var want []string
		for _, r := range all {
			if strings.HasPrefix(r, ns+".") && r != JwtRequest {
				want = append(want, r)
			}
		}
		got := MustParse("http://a ("+ns+".*)").AllowedServices("http://a", all)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("(%s.*) allows %q, want %q", ns, got, want)
		}
	}
	for _, value := range []string{"http://a", "http://a (*)", "*", "* (*)"} {
		got := MustParse(value).AllowedServices("http://a", all)
		if len(got) != len(all)-1 || MustParse(value).Decide("http://a", JwtRequest).Allowed {
			t.Errorf("%q allows %d of %d requests", value, len(got), len(all))
		}
	}
}
