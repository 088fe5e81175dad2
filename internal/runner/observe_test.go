package runner

import (
	"testing"

	"scapi-conformance/contract/wire"
	"scapi-conformance/internal/report"
)

func TestObserverLearnsTokens(t *testing.T) {
	for _, tc := range []struct {
		name, request, reply string
		redacted             bool
	}{
		{"reply to a getJwtToken call", "auth.getJwtToken", `{"referenceId":"1","data":{"jwtToken":"opaque-token-1234","expiration":"x"}}`, true},
		{"reply naming getJwtToken", "", `{"request":"auth.getJwtToken","referenceId":"1","data":["opaque-token-1234"]}`, true},
		{"other request", "agent.get", `{"request":"agent.get","referenceId":"1","data":{"name":"opaque-token-1234"}}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := &observer{redactor: report.NewRedactor()}
			m, err := wire.Decode([]byte(tc.reply))
			if err != nil {
				t.Fatal(err)
			}
			o.learn(tc.request, m)
			got := o.redactor.String("token opaque-token-1234")
			if redacted := got == "token [REDACTED]"; redacted != tc.redacted {
				t.Errorf("after %s: %q", tc.name, got)
			}
		})
	}
}
