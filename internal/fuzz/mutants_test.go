package fuzz

import (
	"context"
	"testing"
	"time"
)

// TestChecksCatchTheirMutants: each check family, without any spec, finds a
// mutant of the reference that breaks the rule it checks, and names the
// rule. (Same seed, so the same sessions, as the campaign figures of
// docs/fuzzing.md.)
func TestChecksCatchTheirMutants(t *testing.T) {
	cases := []struct{ mutant, requirement string }{
		{"envelope-user-agent-without-wwe", reqReplyUserAgent},
		{"envelope-protocol-version-1", reqReplyVersion},
		{"envelope-reference-id-as-number", reqReplyRef},
		{"envelope-null-error-on-success", reqReplyShape},
		{"event-protocol-version-1", reqEvent},
		{"subscribe-ack-with-event-key", reqSubscribeAck},
		{"events-to-unsubscribed-clients", reqSubscribed},
		{"unknown-request-succeeds", reqUnknown},
		{"origin-request-filter-dropped", reqOriginFilter},
		{"origin-star-grants-jwt", reqOriginJwt},
		{"interaction-get-unknown-id-error", reqInteractionNil},
		{"quarantine-error-on-every-request", reqQuarantine},
		{"rate-limit-off-by-one", reqRateCount},
		{"user-data-read-filter-replies-only", reqUserDataEvents},
		{"interaction-attached-data-event-stale", "events.interaction.ATTACHED_DATA_CHANGED.1"},
		{"voice-recording-event-missing", "events.interaction.CALL_RECORDING_STATE_CHANGED.1"},
		{"system-close-toast-keeps-toast", "system.closeToast.1"},
		{"voice-rona-state-missing", "events.interaction.RELEASED.2"},
	}
	for _, c := range cases {
		t.Run(c.mutant, func(t *testing.T) {
			g, r := referenceRunner(t, c.mutant, false)
			g.Seed = 11
			camp := &Campaign{Generator: g, Runner: r, Duration: time.Minute, MaxSessions: 300, StopAtFirst: true}
			st, err := camp.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(st.Findings) == 0 {
				t.Fatalf("no finding in %d sessions", st.Sessions)
			}
			if f := st.Findings[0].Finding; f.Requirement != c.requirement {
				t.Fatalf("first finding %s, want %s", f, c.requirement)
			}
		})
	}
}
