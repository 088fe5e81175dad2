package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

var (
	compileOnce [2]sync.Once
	compiledSet [2]map[string]*jsonschema.Schema
	compileErr  [2]error
)

// compiled returns the compiled schema of a name in a mode.
func compiled(mode Mode, name string) (*jsonschema.Schema, error) {
	if mode != Strict && mode != Lenient {
		return nil, fmt.Errorf("schemas: unknown mode %d", mode)
	}
	compileOnce[mode].Do(func() { compiledSet[mode], compileErr[mode] = compileAll(mode) })
	if compileErr[mode] != nil {
		return nil, compileErr[mode]
	}
	s, ok := compiledSet[mode][name]
	if !ok {
		return nil, fmt.Errorf("schemas: %w %q", ErrUnknownSchema, name)
	}
	return s, nil
}

// compileAll registers the schema files (with the lenient replacements in
// lenient mode) and one resource per name, and compiles every name.
func compileAll(mode Mode) (map[string]*jsonschema.Schema, error) {
	docs, err := sources(mode, overlayEntry{})
	if err != nil {
		return nil, err
	}
	c, err := newCompiler(docs)
	if err != nil {
		return nil, err
	}
	names := Names()
	out := make(map[string]*jsonschema.Schema, len(names))
	for i, name := range names {
		s, err := c.Compile(nameURL(i))
		if err != nil {
			return nil, fmt.Errorf("schemas: compiling %s (%s): %w", name, mode, err)
		}
		out[name] = s
	}
	return out, nil
}

// newCompiler registers the schema files and one resource per name.
func newCompiler(docs map[string][]byte) (*jsonschema.Compiler, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schemas: refusing to load %s: every schema is embedded", u)
	}
	for file, b := range docs {
		if err := c.AddResource(base+file, bytes.NewReader(b)); err != nil {
			return nil, fmt.Errorf("schemas: %s: %w", file, err)
		}
	}
	for i, name := range Names() {
		if err := c.AddResource(nameURL(i), strings.NewReader(registry()[name])); err != nil {
			return nil, fmt.Errorf("schemas: %s: %w", name, err)
		}
	}
	return c, nil
}

func nameURL(i int) string { return base + "name-" + strconv.Itoa(i) + ".json" }

// sources returns the schema files by file name, with lenient.json's
// replacements applied in lenient mode, except the one entry named by skip
// (none when zero).
func sources(mode Mode, skip overlayEntry) (map[string][]byte, error) {
	paths, err := fs.Glob(files, "*.json")
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, p := range paths {
		if p == "lenient.json" {
			continue
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out[p] = b
	}
	if mode == Strict {
		return out, nil
	}
	overlay, err := lenientOverlay()
	if err != nil {
		return nil, err
	}
	for file, defs := range overlay {
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(out[file], &doc); err != nil {
			return nil, fmt.Errorf("schemas: %s: %w", file, err)
		}
		var existing map[string]json.RawMessage
		if err := json.Unmarshal(doc["$defs"], &existing); err != nil {
			return nil, fmt.Errorf("schemas: %s $defs: %w", file, err)
		}
		for key, def := range defs {
			if _, ok := existing[key]; !ok {
				return nil, fmt.Errorf("schemas: lenient.json replaces %s#/$defs/%s, which does not exist", file, key)
			}
			if (overlayEntry{file, key}) != skip {
				existing[key] = def
			}
		}
		if doc["$defs"], err = json.Marshal(existing); err != nil {
			return nil, err
		}
		if out[file], err = json.Marshal(doc); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// lenientOverlay reads lenient.json: file → $defs key → replacement.
func lenientOverlay() (map[string]map[string]json.RawMessage, error) {
	b, err := files.ReadFile("lenient.json")
	if err != nil {
		return nil, err
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("schemas: lenient.json: %w", err)
	}
	out := map[string]map[string]json.RawMessage{}
	for file, v := range raw {
		if strings.HasPrefix(file, "$") {
			continue
		}
		var defs map[string]json.RawMessage
		if err := json.Unmarshal(v, &defs); err != nil {
			return nil, fmt.Errorf("schemas: lenient.json %s: %w", file, err)
		}
		out[file] = defs
	}
	return out, nil
}

// Interpretations returns the interpretation ids lenient mode applies, sorted
// (each lenient replacement names its ids in $comment).
func Interpretations() ([]string, error) {
	overlay, err := lenientOverlay()
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, defs := range overlay {
		for _, def := range defs {
			var d struct {
				Comment string `json:"$comment"`
			}
			if err := json.Unmarshal(def, &d); err != nil {
				return nil, err
			}
			for _, id := range strings.Fields(d.Comment) {
				seen[id] = true
			}
		}
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids, nil
}
