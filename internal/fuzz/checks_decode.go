package fuzz

import (
	"encoding/json"
	"sync"
)

// dataCache remembers json.Unmarshal of a reply's data into T by its exact
// bytes: decoding is a pure function of them, and the same results (a
// states list, the services allowed to an origin) come back session after
// session. Each one holds at most dataCacheBudget bytes of keys (emptied
// when full). What it returns is shared: the checks only read it.
type dataCache[T any] struct {
	mu    sync.Mutex
	m     map[string]decodedData[T]
	bytes int
}

// decodedData is one remembered decode.
type decodedData[T any] struct {
	v  T
	ok bool
}

// dataCacheBudget bounds the bytes of data each dataCache holds.
const dataCacheBudget = 1 << 20

// decode is json.Unmarshal(data, &v) == nil, remembered.
func (c *dataCache[T]) decode(data json.RawMessage) (T, bool) {
	c.mu.Lock()
	d, hit := c.m[string(data)]
	c.mu.Unlock()
	if hit {
		return d.v, d.ok
	}
	d.ok = json.Unmarshal(data, &d.v) == nil
	if len(data) <= dataCacheBudget/64 {
		c.mu.Lock()
		if c.m == nil || c.bytes+len(data) > dataCacheBudget {
			c.m, c.bytes = map[string]decodedData[T]{}, 0
		}
		c.m[string(data)] = d
		c.bytes += len(data)
		c.mu.Unlock()
	}
	return d.v, d.ok
}

// The results the checks decode from many sessions' replies.
var (
	serviceNames dataCache[[]string] // getAllowedServices
	stateNames   dataCache[[]struct {
		OperationName string `json:"operationName"`
	}] // getStateList, as setstate-listed reads it
	stateTypes dataCache[[]struct{ OperationName, Type string }] // getStateList, as state-settable reads it
	mediaNames dataCache[[]struct{ Name string }]                // getMediaList
	stateType  dataCache[struct{ Type string }]                  // getState
)
