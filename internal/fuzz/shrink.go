package fuzz

import "context"

// Failing reports whether a session still shows the finding being shrunk.
type Failing func(ctx context.Context, s *Session) (bool, error)

// Shrink reduces the session's steps by delta debugging (ddmin): it removes
// ever smaller chunks of steps while the session still fails, until no single
// step can go. It returns a 1-minimal failing session; the input is not
// changed. An error of the predicate stops the shrinking; when ctx ends, the
// smallest failing session found so far is returned.
func Shrink(ctx context.Context, s *Session, fails Failing) (*Session, error) {
	best := cloneSession(s, s.Steps)
	n := 2
	for len(best.Steps) >= 2 {
		chunk := (len(best.Steps) + n - 1) / n
		reduced := false
		for start := 0; start < len(best.Steps); start += chunk {
			if ctx.Err() != nil {
				return best, nil
			}
			end := min(start+chunk, len(best.Steps))
			rest := append(append([]Step(nil), best.Steps[:start]...), best.Steps[end:]...)
			cand := cloneSession(best, rest)
			ok, err := fails(ctx, cand)
			if err != nil {
				if ctx.Err() != nil {
					return best, nil // out of time: the smallest failing session so far
				}
				return best, err
			}
			if ok {
				best, reduced = cand, true
				n = max(n-1, 2)
				break
			}
		}
		if !reduced {
			if n >= len(best.Steps) {
				break
			}
			n = min(2*n, len(best.Steps))
		}
	}
	if len(best.Steps) == 1 {
		if ok, err := fails(ctx, cloneSession(best, nil)); err == nil && ok {
			best = cloneSession(best, nil)
		}
	}
	return best, nil
}

func cloneSession(s *Session, steps []Step) *Session {
	return &Session{Origins: append([]string(nil), s.Origins...), Options: s.Options, Steps: append([]Step(nil), steps...)}
}

// FailsWith returns the predicate "running the session on r yields a finding
// of the same signature as f" (Finding.Signature: the same requirement, check
// and violation), so that shrinking keeps the violation, not only its
// requirement.
func FailsWith(r *Runner, f Finding) Failing {
	want := f.Signature()
	return func(ctx context.Context, s *Session) (bool, error) {
		out, err := r.Run(ctx, s)
		if err != nil {
			return false, err
		}
		for _, g := range out.Findings {
			if g.Signature() == want {
				return true, nil
			}
		}
		return false, nil
	}
}
