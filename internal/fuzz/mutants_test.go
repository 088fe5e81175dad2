package fuzz

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"scapi-conformance/fixtures/reference"
)

// TestChecksCatchTheirMutants: each check family, without any spec, finds a
// mutant of the reference that breaks the rule it checks, and names the
// rule, in the first session that shows a FAIL. (The generator's default seed, so the same sessions as the table of
// docs/fuzzing.md.)
func TestChecksCatchTheirMutants(t *testing.T) {
	cases := []struct{ mutant, check, requirement string }{
		{"envelope-user-agent-without-wwe", "reply-envelope", reqReplyUserAgent},
		{"envelope-protocol-version-1", "reply-envelope", reqReplyVersion},
		{"envelope-reference-id-as-number", "reply-due", reqReplyRef},
		{"envelope-null-error-on-success", "reply-envelope", reqReplyShape},
		{"event-protocol-version-1", "event-envelope", reqEvent},
		{"subscribe-ack-with-event-key", "subscribe-ack", reqSubscribeAck},
		{"events-to-unsubscribed-clients", "event-subscribed", reqSubscribed},
		{"unknown-request-succeeds", "unknown-fails", reqUnknown},
		{"origin-request-filter-dropped", "origin-denied", reqOriginFilter},
		{"origin-star-grants-jwt", "origin-denied", reqOriginJwt},
		{"origin-compared-as-raw-text", "allowed-getter", reqOriginListed},
		{"system-allowed-services-lists-jwt", "allowed-services", reqAllowedSvc},
		{"interaction-get-unknown-id-error", "interaction-null", reqInteractionNil},
		{"quarantine-error-on-every-request", "rate-limit", reqQuarantine},
		{"rate-limit-off-by-one", "rate-limit", reqRateCount},
		{"user-data-read-filter-replies-only", "userdata-read", reqUserDataEvents},
		{"agent-state-list-without-operation-name", "schema", "agent.getStateList.1"},
		{"interaction-attached-data-event-stale", "attached-data-event", "events.interaction.ATTACHED_DATA_CHANGED.1"},
		{"system-close-toast-keeps-toast", "toast-closed", "system.closeToast.1"},
		{"interaction-previous-state-stale-on-hold", "previous-state", "interaction.type.Interaction.2"},
		{"interaction-block-markdone-ignored", "markdone-removed", "interaction.blockMarkdone.1"},
		{"voice-dial-direction-in", "new-interaction", "events.interaction.DIALING.1"},
		{"interaction-case-selected-previous-id", "case-selected", "events.interaction.CASE_SELECTED.1"},
		{"user-data-delete-ignores-write-filter", "delete-userdata", "security.userData.2"},
		{"system-update-toast-unknown-true", "toast", "system.updateToast.1"},
		{"system-leading-or-negotiating-false-while-negotiating", "frame-state", "system.isFrameLeadingOrNegotiating.1"},
		{"system-view-without-icon-or-label", "menu-view", "system.updateViewInApplicationMenuBar.2"},
		{"configuration-leading-wildcard-accepted", "option-wildcard", "configuration.getOption.6"},
		{"agent-event-only-state-settable", "state-settable", "agent.setState.4"},
		{"outbound-call-result-despite-do-not-call", "outbound-record", "outbound.setCallResult.2"},
		{"outbound-pull-preview-not-removed", "preview-table", "outbound.preview.pull.5"},
		{"messenger-broadcast-echoes-sender", "broadcast-others", "messenger.broadcastMessage.5"},
		{"interaction-user-data-on-idle-call", "idle-userdata", "interaction.setUserData.3"},
		{"voice-rona-state-missing", "rona", "events.interaction.RELEASED.2"},
		{"agent-state-event-missing", "state-changed", "agent.setState.3"},
		{"agent-unknown-operation-accepted", "setstate-listed", reqSetState},
		{"voice-mute-not-kept", "mute-kept", "voice.muteMicrophone.1"},
		{"auth-jwt-new-on-every-call", "jwt-reused", "auth.getJwtToken.2"},
		{"voice-resume-from-talking", "held-resumes", reqResume},
		{"unsubscribe-ignored", "unsubscribe-stops", reqUnsubscribe},
		{"voice-markdone-without-removed", "interaction-exists", reqInteractionGet},
		{"messenger-channel-prefix-match", "event-subscribed", reqSubscribed},
		{"outbound-campaign-started-without-mode", "schema", reqEvent},
	}
	for _, c := range cases {
		t.Run(c.mutant, func(t *testing.T) {
			t.Parallel()
			g, r := referenceRunner(t, c.mutant, false)
			camp := &Campaign{Generator: g, Runner: r, Duration: time.Minute, MaxSessions: 400, StopAtFirst: true, ShrinkTime: time.Nanosecond}
			st, err := camp.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			fail, _ := Split(st.Findings)
			if len(fail) == 0 {
				t.Fatalf("no finding in %d sessions", st.Sessions)
			}
			for _, f := range fail {
				if f.Finding.Requirement == c.requirement && f.Finding.Check == c.check {
					return
				}
			}
			t.Fatalf("the first failing session shows %v, none of %s from check %s", fail, c.requirement, c.check)
		})
	}
}

// mutantTable is the budget of each mutant in TestMutantTable (0: skipped,
// being a measurement, not a test): go test ./internal/fuzz -run
// TestMutantTable -args -mutant-table 20s.
var mutantTable = flag.Duration("mutant-table", 0, "run every reference mutant this long (--first) and print the table")

// TestMutantTable prints, for every mutant of the reference, whether a
// campaign without the specs finds it within the budget, the first
// finding, and the share found per family (the first word of its name).
func TestMutantTable(t *testing.T) {
	if *mutantTable <= 0 {
		t.Skip("a measurement: -args -mutant-table 20s")
	}
	type row struct {
		name, breaks, got string
		after             time.Duration
		found, same       bool
	}
	var rows []row
	for _, m := range reference.Mutants() {
		g, r := referenceRunner(t, m.Name, false)
		camp := &Campaign{Generator: g, Runner: r, Duration: *mutantTable, StopAtFirst: true, ShrinkTime: time.Nanosecond}
		st, err := camp.Run(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", m.Name, err)
		}
		rw := row{name: m.Name, breaks: m.Requirement}
		for _, s := range st.Findings {
			if s.Finding.NonStrict {
				continue
			}
			rw.found, rw.got, rw.after, rw.same = true, s.Finding.Requirement, s.After, s.Finding.Requirement == m.Requirement
			break
		}
		rows = append(rows, rw)
		t.Logf("%-55s %-5t %-45s %s", rw.name, rw.found, rw.got, rw.after.Round(time.Millisecond))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| mutant | breaks | found | first finding | after |\n|---|---|---|---|---|\n")
	family := map[string][2]int{}
	var families []string
	total := 0
	for _, rw := range rows {
		f, _, _ := strings.Cut(rw.name, "-")
		if _, ok := family[f]; !ok {
			families = append(families, f)
		}
		c := family[f]
		c[1]++
		found := "no"
		if rw.found {
			c[0]++
			total++
			found = "yes"
			if rw.same {
				found = "yes (same id)"
			}
		}
		family[f] = c
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", rw.name, rw.breaks, found, rw.got, rw.after.Round(time.Millisecond))
	}
	fmt.Fprintf(&b, "\n| family | found |\n|---|---|\n")
	for _, f := range families {
		fmt.Fprintf(&b, "| %s | %d/%d |\n", f, family[f][0], family[f][1])
	}
	fmt.Fprintf(&b, "| **all** | **%d/%d (%.0f%%)** |\n", total, len(rows), 100*float64(total)/float64(len(rows)))
	fmt.Println(b.String())
}
