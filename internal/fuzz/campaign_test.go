package fuzz

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestCampaignSessionsAreDeterministic: whatever the number of workers, a
// seed's k-th session is the generator's session Shard.Session(k), so the n
// shards of a seed run disjoint sessions that together are the whole seed's.
func TestCampaignSessionsAreDeterministic(t *testing.T) {
	const sessions = 12
	run := func(workers int, shard Shard) []uint64 {
		var runners []*Runner
		for range workers {
			r := NewRunner(fakeTarget(succeedAll), Config{CallTimeout: 50 * time.Millisecond, Quiet: time.Millisecond})
			defer r.Close()
			runners = append(runners, r)
		}
		g := &Generator{Seed: 4, Origins: inprocOrigins}
		c := &Campaign{Generator: g, Runners: runners, Shard: shard, Duration: time.Minute, MaxSessions: sessions}
		st, err := c.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return st.Ran
	}
	var all []uint64
	for i := range uint64(sessions) {
		all = append(all, i)
	}
	for _, workers := range []int{1, 3} {
		if got := run(workers, Shard{}); !slices.Equal(got, all) {
			t.Errorf("%d workers ran sessions %v, want %v", workers, got, all)
		}
	}
	var union []uint64
	for i := range uint64(3) {
		got := run(2, Shard{Index: i, Count: 3})
		for k, idx := range got {
			if want := uint64(k)*3 + i; idx != want {
				t.Errorf("shard %d/3 ran %v: session %d is %d, want %d", i+1, got, k, idx, want)
			}
		}
		union = append(union, got...)
	}
	slices.Sort(union)
	if len(slices.Compact(union)) != 3*sessions {
		t.Errorf("the 3 shards ran %d distinct sessions, want %d (disjoint)", len(slices.Compact(union)), 3*sessions)
	}
}

func TestParseShard(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Shard
		ok   bool
	}{{"1/1", Shard{0, 1}, true}, {"2/4", Shard{1, 4}, true}, {"0/4", Shard{}, false}, {"5/4", Shard{}, false},
		{"1/0", Shard{}, false}, {"x/2", Shard{}, false}, {"2", Shard{}, false}} {
		got, err := ParseShard(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
		if tc.ok && got.String() != tc.in {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), tc.in)
		}
	}
}
