package schemas

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
)

// ReadsOnlyType reports whether the named schema reads no more of the
// value at path (object member names, outermost first) than its JSON type,
// in strict mode, in lenient mode and without any one lenient replacement
// (every reading ReliesOn asks): two documents that differ only in the
// members of an object there then get the same verdicts and violations.
//
// It looks through the schema documents themselves: every subschema that
// can apply to an object on the way (through $ref, allOf, anyOf, oneOf,
// not, if/then/else, dependentSchemas; properties of the next name,
// patternProperties, additionalProperties, unevaluatedProperties) may use
// only keywords that read an object's member names or other members
// (properties, required, …), never a const or enum that is an object;
// every subschema that can apply to the value itself only its type. It
// answers false for anything else, a keyword it does not know included.
func ReadsOnlyType(name string, path ...string) (bool, error) {
	src, ok := registry()[name]
	if !ok {
		return false, fmt.Errorf("schemas: %w %q", ErrUnknownSchema, name)
	}
	d, err := opaqueDocs()
	if err != nil {
		return false, err
	}
	var root any
	if err := json.Unmarshal([]byte(src), &root); err != nil {
		return false, fmt.Errorf("schemas: %s: %w", name, err)
	}
	cur := []schemaNode{{file: "", v: root}}
	for depth := 0; ; depth++ {
		applied, ok := d.inPlace(cur, root)
		if !ok {
			return false, nil
		}
		if depth == len(path) {
			for _, n := range applied {
				if !typeOnly(n.v) {
					return false, nil
				}
			}
			return true, nil
		}
		var next []schemaNode
		for _, n := range applied {
			m, _ := n.v.(map[string]any) // true and false read nothing
			for k, sub := range m {
				switch {
				case k == "properties":
					props, _ := sub.(map[string]any)
					if s, ok := props[path[depth]]; ok {
						next = append(next, schemaNode{n.file, s})
					}
				case k == "additionalProperties" || k == "unevaluatedProperties":
					next = append(next, schemaNode{n.file, sub})
				case k == "patternProperties":
					props, _ := sub.(map[string]any)
					for _, s := range props {
						next = append(next, schemaNode{n.file, s})
					}
				case k == "const" || k == "enum":
					if objectValue(sub, k == "enum") {
						return false, nil
					}
				case inPlaceKeywords[k] || memberKeywords[k] || metaKeywords[k] || otherTypeKeywords[k]:
				default:
					return false, nil
				}
			}
		}
		cur = next
	}
}

// schemaNode is a subschema with the file its references are relative to
// ("" for a name's own document).
type schemaNode struct {
	file string
	v    any
}

// The keywords ReadsOnlyType knows: those that apply a subschema to the
// same instance; those that read an object's member names or count them;
// annotations; those that only apply to another type than an object.
var (
	inPlaceKeywords = map[string]bool{"$ref": true, "allOf": true, "anyOf": true, "oneOf": true, "not": true,
		"if": true, "then": true, "else": true, "dependentSchemas": true}
	memberKeywords = map[string]bool{"type": true, "required": true, "dependentRequired": true, "minProperties": true,
		"maxProperties": true, "propertyNames": true}
	metaKeywords = map[string]bool{"$schema": true, "$id": true, "$comment": true, "$defs": true, "title": true,
		"description": true, "examples": true, "default": true, "deprecated": true, "readOnly": true, "writeOnly": true}
	otherTypeKeywords = map[string]bool{"pattern": true, "minLength": true, "maxLength": true, "format": true,
		"minimum": true, "maximum": true, "exclusiveMinimum": true, "exclusiveMaximum": true, "multipleOf": true,
		"items": true, "prefixItems": true, "contains": true, "minContains": true, "maxContains": true,
		"minItems": true, "maxItems": true, "uniqueItems": true, "unevaluatedItems": true}
)

// typeOnly reports whether a subschema applied to an object reads only its
// type (its in-place subschemas are judged on their own).
func typeOnly(v any) bool {
	m, _ := v.(map[string]any)
	for k := range m {
		if k != "type" && !inPlaceKeywords[k] && !metaKeywords[k] {
			return false
		}
	}
	return true
}

// objectValue reports whether a const (or one of an enum's values) is an
// object, which an object could equal.
func objectValue(v any, list bool) bool {
	values := []any{v}
	if l, ok := v.([]any); ok && list {
		values = l
	}
	for _, x := range values {
		if _, ok := x.(map[string]any); ok {
			return true
		}
	}
	return false
}

// opaqueSet holds every schema file as parsed JSON, in strict and lenient
// mode (a reference resolves to both versions: any mix is a reading).
type opaqueSet struct {
	modes [2]map[string]any
}

var (
	opaqueOnce sync.Once
	opaqueSrc  *opaqueSet
	opaqueErr  error
)

func opaqueDocs() (*opaqueSet, error) {
	opaqueOnce.Do(func() {
		d := &opaqueSet{}
		for _, mode := range []Mode{Strict, Lenient} {
			docs, err := sources(mode, overlayEntry{})
			if err != nil {
				opaqueErr = err
				return
			}
			d.modes[mode] = map[string]any{}
			for file, b := range docs {
				var v any
				if err := json.Unmarshal(b, &v); err != nil {
					opaqueErr = fmt.Errorf("schemas: %s: %w", file, err)
					return
				}
				d.modes[mode][file] = v
			}
		}
		opaqueSrc = d
	})
	return opaqueSrc, opaqueErr
}

// inPlace returns nodes and every subschema that applies to the same
// instance through them; ok is false for a reference it cannot follow.
func (d *opaqueSet) inPlace(nodes []schemaNode, root any) (out []schemaNode, ok bool) {
	seen := map[string]bool{}
	for len(nodes) > 0 {
		n := nodes[len(nodes)-1]
		nodes = nodes[:len(nodes)-1]
		out = append(out, n)
		m, _ := n.v.(map[string]any)
		for k, sub := range m {
			switch k {
			case "$ref":
				ref, _ := sub.(string)
				targets, ok := d.resolve(n.file, ref, root)
				if !ok {
					return nil, false
				}
				for _, t := range targets {
					if key := t.file + "#" + ref; !seen[key] {
						seen[key] = true
						nodes = append(nodes, t)
					}
				}
			case "allOf", "anyOf", "oneOf":
				l, _ := sub.([]any)
				for _, s := range l {
					nodes = append(nodes, schemaNode{n.file, s})
				}
			case "not", "if", "then", "else":
				nodes = append(nodes, schemaNode{n.file, sub})
			case "dependentSchemas":
				deps, _ := sub.(map[string]any)
				for _, s := range deps {
					nodes = append(nodes, schemaNode{n.file, s})
				}
			}
		}
	}
	return out, true
}

// resolve follows a reference from a node of file, in both modes.
func (d *opaqueSet) resolve(file, ref string, root any) ([]schemaNode, bool) {
	target, pointer, _ := strings.Cut(ref, "#")
	if target == "" {
		target = file
	}
	if strings.Contains(target, "/") || strings.Contains(target, ":") {
		return nil, false // only the embedded files, by name
	}
	var out []schemaNode
	for _, docs := range d.modes {
		doc, ok := docs[target]
		if target == "" {
			doc, ok = root, true
		}
		if !ok {
			return nil, false
		}
		v, ok := jsonPointer(doc, pointer)
		if !ok {
			return nil, false
		}
		out = append(out, schemaNode{target, v})
	}
	return out, true
}

// jsonPointer resolves a JSON pointer (URL-escaped, as in a $ref) in doc.
func jsonPointer(doc any, pointer string) (any, bool) {
	p, err := url.PathUnescape(pointer)
	if err != nil {
		return nil, false
	}
	if p == "" {
		return doc, true
	}
	if !strings.HasPrefix(p, "/") {
		return nil, false // an anchor
	}
	for _, tok := range strings.Split(p[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch x := doc.(type) {
		case map[string]any:
			var ok bool
			if doc, ok = x[tok]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			doc = x[i]
		default:
			return nil, false
		}
	}
	return doc, true
}
