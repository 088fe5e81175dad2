// Package yamlpos decodes hand-validated YAML files (profiles, baselines) node
// by node, so that every error names the file, line and column.
package yamlpos

import (
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Error is an error at a position of a file.
type Error struct {
	File   string
	Line   int // 1-based; 0 when the error concerns the whole file
	Column int // 1-based; 0 when unknown (YAML syntax errors)
	Msg    string
}

func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Column == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// Parse parses b into its document node; an empty document is an error
// saying what it must contain.
func Parse(file string, b []byte, what string) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		var line int
		if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
			return nil, &Error{File: file, Line: line, Msg: "invalid YAML: " + msg}
		}
		return nil, &Error{File: file, Msg: "invalid YAML: " + msg}
	}
	if len(doc.Content) == 0 {
		return nil, &Error{File: file, Msg: "the file is empty; it needs " + what}
	}
	return doc.Content[0], nil
}

// Fields maps the known keys of a mapping to the function decoding their value.
type Fields map[string]func(*yaml.Node)

// Decoder walks a node tree and keeps the first error.
type Decoder struct {
	File string
	Err  error
}

// Fail records an error at the node (only the first one is kept).
func (d *Decoder) Fail(n *yaml.Node, format string, args ...any) {
	if d.Err == nil {
		d.Err = &Error{File: d.File, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)}
	}
}

// Mapping decodes a mapping whose keys must all be in fs, each at most once.
func (d *Decoder) Mapping(n *yaml.Node, where string, fs Fields) {
	if n.Kind != yaml.MappingNode {
		d.Fail(n, "%s must be a mapping, found %s", where, Kind(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content) && d.Err == nil; i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		f, ok := fs[k.Value]
		switch {
		case !ok:
			d.Fail(k, "unknown key %q in %s (known: %s)", k.Value, where, strings.Join(keys(fs), ", "))
		case seen[k.Value]:
			d.Fail(k, "duplicate key %q in %s", k.Value, where)
		default:
			seen[k.Value] = true
			f(v)
		}
	}
}

func keys(fs Fields) []string {
	out := make([]string, 0, len(fs))
	for k := range fs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Kind describes what a node is, for error messages.
func Kind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("the scalar %q", n.Value)
}

// String decodes a non-null scalar.
func (d *Decoder) String(n *yaml.Node, where string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.Fail(n, "%s must be a string, found %s", where, Kind(n))
		return ""
	}
	return n.Value
}

// List decodes a list of nodes, calling each with the element and its
// position name ("where[i]") until an error.
func (d *Decoder) List(n *yaml.Node, where string, each func(e *yaml.Node, at string)) {
	if n.Kind != yaml.SequenceNode {
		d.Fail(n, "%s must be a list, found %s", where, Kind(n))
		return
	}
	for i, e := range n.Content {
		if d.Err != nil {
			return
		}
		each(e, fmt.Sprintf("%s[%d]", where, i))
	}
}

// Strings decodes a list of strings; check (optional) validates each.
func (d *Decoder) Strings(n *yaml.Node, where string, check func(e *yaml.Node, s string)) []string {
	var out []string
	d.List(n, where, func(e *yaml.Node, at string) {
		s := d.String(e, at)
		if d.Err == nil && check != nil {
			check(e, s)
		}
		out = append(out, s)
	})
	if d.Err != nil {
		return nil
	}
	return out
}
