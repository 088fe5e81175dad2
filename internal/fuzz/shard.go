package fuzz

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is one of Count disjoint parts of a seed's sessions: the k-th
// session of shard Index (0-based) is the generator's session
// k*Count+Index. The zero Shard is the whole space.
type Shard struct {
	Index, Count uint64
}

// Session is the index of the generated session the shard runs k-th.
func (s Shard) Session(k uint64) uint64 {
	if s.Count == 0 {
		return k
	}
	return k*s.Count + s.Index
}

// String renders the shard as ParseShard reads it ("2/4"; "" for all).
func (s Shard) String() string {
	if s.Count == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index+1, s.Count)
}

// ParseShard reads "i/n" (1 ≤ i ≤ n), the i-th of n shards, as CI matrices
// number their jobs.
func ParseShard(v string) (Shard, error) {
	a, b, ok := strings.Cut(v, "/")
	i, err1 := strconv.ParseUint(strings.TrimSpace(a), 10, 64)
	n, err2 := strconv.ParseUint(strings.TrimSpace(b), 10, 64)
	if !ok || err1 != nil || err2 != nil || n == 0 || i == 0 || i > n {
		return Shard{}, fmt.Errorf("shard %q: want i/n with 1 ≤ i ≤ n (the i-th of n jobs)", v)
	}
	return Shard{Index: i - 1, Count: n}, nil
}
