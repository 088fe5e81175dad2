package fuzz

import (
	"context"
	"errors"
	"testing"
)

// clockSession is a session of n clock steps whose Millis are 1..n.
func clockSession(n int) *Session {
	s := &Session{Origins: []string{"https://a.example"}}
	for i := 1; i <= n; i++ {
		s.Steps = append(s.Steps, Step{Op: OpClock, Millis: int64(i)})
	}
	return s
}

func has(s *Session, ms int64) bool {
	for _, st := range s.Steps {
		if st.Millis == ms {
			return true
		}
	}
	return false
}

func TestShrinkFindsTheMinimalSession(t *testing.T) {
	cases := []struct {
		name  string
		n     int
		fails func(*Session) bool
		want  []int64
	}{
		{"one culprit", 40, func(s *Session) bool { return has(s, 17) }, []int64{17}},
		{"two culprits in order", 33, func(s *Session) bool { return has(s, 3) && has(s, 30) }, []int64{3, 30}},
		{"three culprits", 64, func(s *Session) bool { return has(s, 1) && has(s, 32) && has(s, 64) }, []int64{1, 32, 64}},
		{"fails with no step", 10, func(s *Session) bool { return true }, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := clockSession(c.n)
			got, err := Shrink(context.Background(), in, func(_ context.Context, s *Session) (bool, error) { return c.fails(s), nil })
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Steps) != len(c.want) {
				t.Fatalf("shrunk to %d steps %+v, want %v", len(got.Steps), got.Steps, c.want)
			}
			for i, st := range got.Steps {
				if st.Millis != c.want[i] {
					t.Fatalf("step %d is %d ms, want %d", i, st.Millis, c.want[i])
				}
			}
			if len(in.Steps) != c.n {
				t.Fatal("Shrink changed its input")
			}
		})
	}
}

func TestShrinkStopsAtAPredicateError(t *testing.T) {
	boom := errors.New("target gone")
	_, err := Shrink(context.Background(), clockSession(8), func(context.Context, *Session) (bool, error) { return false, boom })
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want %v", err, boom)
	}
}
