package ratelimit

import (
	"testing"
	"time"
)

type step struct {
	request string
	at      time.Duration // since t0
	want    Action
}

func replay(t *testing.T, c Config, steps []step) {
	t.Helper()
	m := NewModel(c)
	for i, s := range steps {
		if got := m.Decide(s.request, t0.Add(s.at)); got.Action != s.want {
			t.Fatalf("step %d: %s at +%v = %v, want %v", i, s.request, s.at, got.Action, s.want)
		}
	}
}

func TestModelTimelines(t *testing.T) {
	const d, e = "voice.dial", "email.create"
	sec := time.Second
	cases := []struct {
		name  string
		c     Config
		steps []step
	}{
		{"aligned window resets at the minute", Config{Global: 2, QuarantineDelay: 30 * sec},
			[]step{{d, 50 * sec, Run}, {d, 59 * sec, Run}, {d, 60 * sec, Run}, {d, 61 * sec, Run}, {d, 62 * sec, Reject}}},
		{"anchored window lasts a minute from its first request", Config{Global: 2, QuarantineDelay: 30 * sec, Window: Anchored},
			[]step{{d, 50 * sec, Run}, {d, 59 * sec, Run}, {d, 60 * sec, Reject}}},
		{"quarantine outlasts the window", Config{Global: 1, QuarantineDelay: 90 * sec},
			[]step{{d, 0, Run}, {d, sec, Reject}, {d, 61 * sec, Ignore}, {d, 90 * sec, Ignore}, {d, 91 * sec, Run}, {d, 92 * sec, Reject}}},
		{"quarantine forever", Config{Global: 1, QuarantineDelay: 0},
			[]step{{d, 0, Run}, {d, sec, Reject}, {d, 24 * time.Hour, Ignore}, {e, 24 * time.Hour, Run}}},
		{"per type counting (strict)", Config{Global: 2, QuarantineDelay: 30 * sec},
			[]step{{d, 0, Run}, {d, sec, Run}, {e, 2 * sec, Run}, {e, 3 * sec, Run}, {e, 4 * sec, Reject}, {d, 5 * sec, Reject}}},
		{"shared counting (lenient)", Config{Global: 2, QuarantineDelay: 30 * sec, Counting: Shared},
			[]step{{d, 0, Run}, {d, sec, Run}, {e, 2 * sec, Reject}, {e, 3 * sec, Ignore}, {d, 4 * sec, Reject}}},
		{"shared counting leaves own limits apart", Config{Global: 1, PerRequest: map[string]int{e: 1}, QuarantineDelay: 30 * sec, Counting: Shared},
			[]step{{d, 0, Run}, {e, sec, Run}, {"agent.get", 2 * sec, Reject}}},
		{"count kept after quarantine (strict)", Config{Global: 1, QuarantineDelay: 10 * sec},
			[]step{{d, 0, Run}, {d, sec, Reject}, {d, 11 * sec, Reject}, {d, 20 * sec, Ignore}, {d, 60 * sec, Run}}},
		{"count restarts after quarantine (lenient)", Config{Global: 1, QuarantineDelay: 10 * sec, AfterQuarantine: ResetCount},
			[]step{{d, 0, Run}, {d, sec, Reject}, {d, 11 * sec, Run}, {d, 12 * sec, Reject}}},
		{"own limit larger than global wins", Config{Global: 1, PerRequest: map[string]int{d: 3}, QuarantineDelay: 30 * sec},
			[]step{{d, 0, Run}, {d, sec, Run}, {d, 2 * sec, Run}, {d, 3 * sec, Reject}, {e, 4 * sec, Run}, {e, 5 * sec, Reject}}},
		{"clock going back counts as now", Config{Global: 1, QuarantineDelay: 30 * sec},
			[]step{{d, 59 * sec, Run}, {d, 10 * sec, Reject}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { replay(t, c.c, c.steps) })
	}
}

func TestOutcomeDetails(t *testing.T) {
	m := NewModel(Config{Global: 1, QuarantineDelay: 45 * time.Second})
	m.Decide("voice.dial", t0)
	rej := m.Decide("voice.dial", t0.Add(time.Second))
	want := Outcome{Action: Reject, Message: Message("voice.dial", 45*time.Second), Until: t0.Add(46 * time.Second)}
	if rej != want {
		t.Errorf("reject = %#v, want %#v", rej, want)
	}
	if ign := m.Decide("voice.dial", t0.Add(2*time.Second)); ign != (Outcome{Action: Ignore, Until: t0.Add(46 * time.Second)}) {
		t.Errorf("ignore = %#v", ign)
	}
	forever := NewModel(Config{Global: 1})
	forever.Decide("voice.dial", t0)
	if rej := forever.Decide("voice.dial", t0); !rej.Until.IsZero() || rej.Message != Message("voice.dial", 0) {
		t.Errorf("forever reject = %#v", rej)
	}
}

func TestMessages(t *testing.T) {
	if got, want := Message("email.create", 0), "The rate limit for the request 'email.create' has been reached.\nFurther requests of the same type will be ignored for 0 seconds."; got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
	if got, want := MessagePrefix("email.create"), "The rate limit for the request 'email.create' has been reached."; got != want {
		t.Errorf("MessagePrefix = %q, want %q", got, want)
	}
	for a, want := range map[Action]string{Run: "run", Reject: "reject", Ignore: "ignore", Action(7): "Action(7)"} {
		if a.String() != want {
			t.Errorf("Action(%d).String() = %q, want %q", int(a), a.String(), want)
		}
	}
}

// Peek answers what Decide would, and records nothing.
func TestPeekRecordsNothing(t *testing.T) {
	cfg := Config{Global: 2, QuarantineDelay: 10 * time.Second}
	m := NewModel(cfg)
	t0 := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	for i, want := range []Action{Run, Run, Reject, Ignore} {
		at := t0.Add(time.Duration(i) * time.Second)
		for range 3 {
			if got := m.Peek("agent.get", at).Action; got != want {
				t.Fatalf("request %d: Peek = %s, want %s", i+1, got, want)
			}
		}
		if got := m.Decide("agent.get", at).Action; got != want {
			t.Fatalf("request %d: Decide = %s, want %s", i+1, got, want)
		}
	}
	if got := m.Peek("agent.get", t0.Add(13*time.Second)); got.Action != Reject {
		t.Errorf("after the quarantine, in the same minute: Peek = %s, want reject (the count is kept)", got.Action)
	}
}
