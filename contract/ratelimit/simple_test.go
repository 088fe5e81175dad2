package ratelimit

import "time"

// simpleModel is a deliberately naive second implementation of the strict
// reading (per-type counting, clock minutes, the count kept through the
// quarantine) for differential fuzzing: it keeps every run and recounts.
type simpleModel struct {
	c     Config
	runs  map[string][]time.Time
	until map[string]*time.Time // nil: forever
	last  time.Time
}

func newSimpleModel(c Config) *simpleModel {
	return &simpleModel{c: c, runs: map[string][]time.Time{}, until: map[string]*time.Time{}}
}

func (s *simpleModel) decide(request string, now time.Time) Action {
	if now.Before(s.last) {
		now = s.last
	}
	s.last = now
	limit := s.c.Global
	if s.c.PerRequest[request] > 0 {
		limit = s.c.PerRequest[request]
	}
	if limit == 0 {
		return Run
	}
	if u, quarantined := s.until[request]; quarantined {
		if u == nil || now.Before(*u) {
			return Ignore
		}
		delete(s.until, request)
	}
	n := 0
	for _, r := range s.runs[request] {
		if r.Truncate(time.Minute).Equal(now.Truncate(time.Minute)) {
			n++
		}
	}
	if n < limit {
		s.runs[request] = append(s.runs[request], now)
		return Run
	}
	if s.c.QuarantineDelay == 0 {
		s.until[request] = nil
	} else {
		u := now.Add(s.c.QuarantineDelay)
		s.until[request] = &u
	}
	return Reject
}
