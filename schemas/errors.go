package schemas

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Violation is one reason a document fails a schema.
type Violation struct {
	// Pointer is the JSON pointer (RFC 6901) of the offending value; for a
	// missing required property, the pointer the property would have.
	Pointer string `json:"pointer"`
	Reason  string `json:"reason"`
}

// ValidationError lists every violation of a document against a schema.
type ValidationError struct {
	Schema     string      `json:"schema"`
	Mode       Mode        `json:"-"`
	Violations []Violation `json:"violations"`
}

// Error lists the violations after the schema and mode.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Violations))
	for i, v := range e.Violations {
		parts[i] = v.String()
	}
	return fmt.Sprintf("not a valid %s (%s): %s", e.Schema, e.Mode, strings.Join(parts, "; "))
}

// String renders the violation as "<pointer>: <reason>", the root as "(root)".
func (v Violation) String() string {
	p := v.Pointer
	if p == "" {
		p = "(root)"
	}
	return p + ": " + v.Reason
}

var (
	quotedRE    = regexp.MustCompile(`'([^']*)'`)
	dependentRE = regexp.MustCompile(`^property '([^']*)' is required, if '([^']*)' property exists$`)
)

// newValidationError flattens the library's tree into its leaves: the
// innermost reasons, each with the instance location.
func newValidationError(mode Mode, name string, err error) error {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("schemas: validating against %s: %w", name, err)
	}
	seen := map[Violation]bool{}
	var out []Violation
	add := func(v Violation) {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		// Reasons about named properties go to each property's own pointer.
		perProperty := ""
		switch {
		case strings.HasPrefix(e.Message, "missing properties: "):
			perProperty = "required property is missing"
		case strings.HasPrefix(e.Message, "additionalProperties ") && strings.HasSuffix(e.Message, " not allowed"):
			perProperty = "property is not allowed here"
		}
		if perProperty != "" {
			for _, m := range quotedRE.FindAllStringSubmatch(e.Message, -1) {
				add(Violation{Pointer: e.InstanceLocation + "/" + escapePointer(m[1]), Reason: perProperty})
			}
			return
		}
		if m := dependentRE.FindStringSubmatch(e.Message); m != nil {
			add(Violation{Pointer: e.InstanceLocation + "/" + escapePointer(m[1]),
				Reason: "required property is missing (" + m[2] + " is present)"})
			return
		}
		reason := e.Message
		if reason == "not allowed" || strings.HasSuffix(e.KeywordLocation, "/false") {
			reason = "property is not allowed here"
		}
		add(Violation{Pointer: e.InstanceLocation, Reason: reason})
	}
	walk(ve)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pointer < out[j].Pointer })
	return &ValidationError{Schema: name, Mode: mode, Violations: out}
}

// escapePointer escapes one reference token of a JSON pointer.
func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}
