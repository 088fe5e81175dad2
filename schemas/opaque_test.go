package schemas

import (
	"strings"
	"testing"
)

// TestReadsOnlyType: an interaction's user data is read only as an object
// (interaction.UserData), wherever an interaction sits; a reply's result
// not at all by the envelope; anything a schema constrains further is not
// opaque.
func TestReadsOnlyType(t *testing.T) {
	for _, tc := range []struct {
		name string
		path []string
		want bool
	}{
		{"event.interaction.ADDED", []string{"data", "interaction", "userData"}, true},
		{"event.interaction.RINGING", []string{"data", "interaction", "userData"}, true},
		{"interaction.Interaction", []string{"userData"}, true},
		{"null|interaction.Interaction", []string{"userData"}, true},
		{"envelope.Reply", []string{"data"}, true},
		{"event.interaction.ADDED", []string{"data", "interaction"}, false},
		{"event.interaction.ADDED", []string{"data", "interaction", "parties"}, false},
		{"event.interaction.ADDED", []string{"data", "interaction", "state"}, false},
		{"interaction.Interaction", []string{"contact"}, false},
		{"envelope.Reply", []string{"request"}, false},
		{"configuration.Options", []string{"section"}, false},
		{"system.ToastParameters", []string{"keyValues"}, false},
	} {
		t.Run(tc.name+"/"+strings.Join(tc.path, "/"), func(t *testing.T) {
			got, err := ReadsOnlyType(tc.name, tc.path...)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("ReadsOnlyType(%s, %v) = %t, want %t", tc.name, tc.path, got, tc.want)
			}
		})
	}
	if _, err := ReadsOnlyType("no.such"); err == nil {
		t.Error("an unknown schema: no error")
	}
}

// TestReadsOnlyTypeVerdicts: documents that differ only in the members of
// the user data ReadsOnlyType calls opaque get the same verdict from
// ReliesOn, valid or not.
func TestReadsOnlyTypeVerdicts(t *testing.T) {
	const event = `{"event":"interaction","data":{"eventType":"ADDED","media":"voice","interaction":{"interactionId":"1","state":"RINGING",%s"userData":%s}},"protocolVersion":2,"userAgent":"WWE Server"}`
	for _, rest := range []string{``, `"callType":"inbound",`, `"state":1,`} {
		var first string
		for i, ud := range []string{`{}`, `{"a":"b"}`, `{"a":[1,{"b":null}],"c":{"d":2.5}}`, `{"state":"x","interactionId":5}`} {
			doc := strings.Replace(strings.Replace(event, "%s", rest, 1), "%s", ud, 1)
			ids, err := ReliesOn("event.interaction.ADDED", []byte(doc))
			got := strings.Join(ids, ",") + "|"
			if err != nil {
				got += err.Error()
			}
			if i == 0 {
				first = got
			} else if got != first {
				t.Errorf("%s: %q, with empty user data %q", doc, got, first)
			}
		}
	}
}
