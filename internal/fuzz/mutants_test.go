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
