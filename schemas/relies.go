package schemas

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// overlayEntry names one lenient replacement: a $defs key of a schema file.
type overlayEntry struct{ file, key string }

// overlayIDs returns every lenient replacement with the interpretation ids
// its $comment records, in file and key order.
func overlayIDs() ([]overlayEntry, map[overlayEntry][]string, error) {
	overlay, err := lenientOverlay()
	if err != nil {
		return nil, nil, err
	}
	var entries []overlayEntry
	ids := map[overlayEntry][]string{}
	for file, defs := range overlay {
		for key, def := range defs {
			var d struct {
				Comment string `json:"$comment"`
			}
			if err := json.Unmarshal(def, &d); err != nil {
				return nil, nil, fmt.Errorf("schemas: lenient.json %s %s: %w", file, key, err)
			}
			e := overlayEntry{file, key}
			entries = append(entries, e)
			ids[e] = strings.Fields(d.Comment)
		}
	}
	sort.Slice(entries, func(i, j int) bool {
		if entries[i].file != entries[j].file {
			return entries[i].file < entries[j].file
		}
		return entries[i].key < entries[j].key
	})
	return entries, ids, nil
}

// without caches, per lenient replacement left out, a compiler of the
// lenient schemas minus that replacement and the names compiled with it.
var without = struct {
	sync.Mutex
	compilers map[overlayEntry]*jsonschema.Compiler
	compiled  map[overlayEntry]map[string]*jsonschema.Schema
}{compilers: map[overlayEntry]*jsonschema.Compiler{}, compiled: map[overlayEntry]map[string]*jsonschema.Schema{}}

// compiledWithout returns the named schema compiled in lenient mode without
// one lenient replacement.
func compiledWithout(skip overlayEntry, name string) (*jsonschema.Schema, error) {
	without.Lock()
	defer without.Unlock()
	if s, ok := without.compiled[skip][name]; ok {
		return s, nil
	}
	c := without.compilers[skip]
	if c == nil {
		docs, err := sources(Lenient, skip)
		if err != nil {
			return nil, err
		}
		if c, err = newCompiler(docs); err != nil {
			return nil, err
		}
		without.compilers[skip] = c
		without.compiled[skip] = map[string]*jsonschema.Schema{}
	}
	i := sort.SearchStrings(Names(), name)
	if i == len(Names()) || Names()[i] != name {
		return nil, fmt.Errorf("schemas: %w %q", ErrUnknownSchema, name)
	}
	s, err := c.Compile(nameURL(i))
	if err != nil {
		return nil, fmt.Errorf("schemas: compiling %s without lenient %s#/$defs/%s: %w", name, skip.file, skip.key, err)
	}
	without.compiled[skip][name] = s
	return s, nil
}

// ReliesOn names the interpretations a lenient pass of doc against the named
// schema relies on, from the ids lenient.json records on each replacement:
// nil when doc is valid in strict mode; otherwise the ids of every
// replacement without which doc fails in lenient mode (or, when no single
// replacement is needed because several would each do, of every
// replacement). It returns the lenient *ValidationError when doc is not
// valid in lenient mode either, and another error for an unknown name or
// undecodable JSON.
func ReliesOn(name string, doc any) ([]string, error) {
	if _, err := compiled(Strict, name); err != nil {
		return nil, err
	}
	v, err := decode(doc) // once for every reading below
	if err != nil {
		return nil, err
	}
	var verr *ValidationError
	err = validateDecoded(Strict, name, v)
	if err == nil || !errors.As(err, &verr) {
		return nil, err
	}
	if err := validateDecoded(Lenient, name, v); err != nil {
		return nil, err
	}
	entries, ids, err := overlayIDs()
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, e := range entries {
		s, err := compiledWithout(e, name)
		if err != nil {
			return nil, err
		}
		if s.Validate(v) != nil {
			for _, id := range ids[e] {
				seen[id] = true
			}
		}
	}
	if len(seen) == 0 {
		return Interpretations()
	}
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	sort.Strings(out)
	return out, nil
}
