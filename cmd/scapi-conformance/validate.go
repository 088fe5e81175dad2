package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"scapi-conformance/contract/wire"
	"scapi-conformance/schemas"
)

// maxValidateBytes bounds a file validate reads.
const maxValidateBytes = 16 << 20

func init() {
	register(&command{name: "validate", summary: "validate JSON files against a documented schema (type, envelope, event)", run: runValidate})
}

func validateUsage(flags *flag.FlagSet) func() {
	return func() {
		fmt.Fprintln(flags.Output(), "Usage: scapi-conformance validate --type <schema|auto> [--strict | --lenient] FILE...")
		fmt.Fprintln(flags.Output(), "\nValidates each FILE (one JSON document) against the named schema: a documented type")
		fmt.Fprintln(flags.Output(), "(agent.Agent, interaction.Interaction, media.State[] …), an envelope (envelope.Reply …) or")
		fmt.Fprintln(flags.Output(), "an event (event.interaction.RINGING …). --types lists every name.")
		fmt.Fprintln(flags.Output(), "\nFlags:")
		printFlags(flags)
		fmt.Fprintln(flags.Output(), "\nExit codes: 0 every file valid; 1 a file invalid (each error printed as FILE: POINTER: REASON (found VALUE))")
		fmt.Fprintln(flags.Output(), "or a message --type auto cannot classify (FILE: cannot classify: …);")
		fmt.Fprintln(flags.Output(), "2 unknown type, unreadable file or invalid JSON (with line, column and byte offset).")
		fmt.Fprintln(flags.Output(), "\nExamples:\n  scapi-conformance validate --type event.interaction.ATTACHED_DATA_CHANGED --lenient \\")
		fmt.Fprintln(flags.Output(), "      fixtures/golden/examples/001-attached-data-changed.json")
		fmt.Fprintln(flags.Output(), "  scapi-conformance validate --type auto captured/*.json   # one recorded message per file")
	}
}

func runValidate(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("validate", flag.ContinueOnError)
	typ := flags.String("type", "", "schema name to validate against (required); auto: each file is one message, checked against\nthe schemas its kind calls for (envelope, documented event, the catalog result of a reply's request)")
	strict := flags.Bool("strict", false, "hold files to the documented rules (the default)")
	lenient := flags.Bool("lenient", false, "also accept the readings recorded as interpretations (INT-SCHEMA-n)")
	types := flags.Bool("types", false, "list the schema names and exit")
	flags.Usage = validateUsage(flags)
	files, code, done := parseInterleaved(flags, args, stdout, stderr, "validate")
	if done {
		return code
	}
	if *types {
		fmt.Fprintln(stdout, strings.Join(schemas.Names(), "\n"))
		return exitOK
	}
	switch {
	case *strict && *lenient:
		fmt.Fprintln(stderr, "scapi-conformance validate: --strict and --lenient exclude each other")
		return exitUsage
	case *typ == "":
		fmt.Fprintln(stderr, "scapi-conformance validate: --type is required (see --types for the names)")
		return exitUsage
	case *typ != autoType && !schemas.Has(*typ):
		fmt.Fprintf(stderr, "scapi-conformance validate: unknown type %q (see --types for the names)\n", *typ)
		return exitUsage
	case len(files) == 0:
		fmt.Fprintln(stderr, "scapi-conformance validate: no FILE given")
		return exitUsage
	}
	mode := schemas.Strict
	if *lenient {
		mode = schemas.Lenient
	}
	result := exitOK
	for _, file := range files {
		code := validateFile(file, *typ, mode, stdout, stderr)
		if code > result {
			result = code
		}
	}
	return result
}

// autoType is the --type value that picks the schemas from the message.
const autoType = "auto"

// check is one schema applied to the value at a pointer of a document.
type check struct{ schema, pointer string }

// validateFile validates one file and prints its verdict; it returns the
// file's exit code.
func validateFile(file, typ string, mode schemas.Mode, stdout, stderr io.Writer) int {
	raw, err := readJSONFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", file, err)
		return exitUsage
	}
	checks, violations := []check{{typ, ""}}, []schemas.Violation(nil)
	if typ == autoType {
		checks, violations = autoChecks(raw)
		if len(checks) == 0 {
			reasons := make([]string, len(violations))
			for i, v := range violations {
				reasons[i] = strings.TrimPrefix(v.Reason, "not a SCAPI message: ")
			}
			fmt.Fprintf(stdout, "%s: cannot classify: neither a request, reply, acknowledgement nor event: %s\n", file, strings.Join(reasons, "; "))
			return exitFailed
		}
	}
	names := make([]string, len(checks))
	for i, c := range checks {
		names[i] = c.schema
		if c.pointer != "" {
			names[i] += " at " + c.pointer
		}
		doc, err := valueAt(raw, c.pointer)
		if err == nil {
			err = schemas.Validate(mode, c.schema, doc)
		}
		var ve *schemas.ValidationError
		switch {
		case errors.As(err, &ve):
			for _, v := range ve.Violations {
				violations = append(violations, schemas.Violation{Pointer: c.pointer + v.Pointer, Reason: v.Reason})
			}
		case err != nil:
			fmt.Fprintf(stderr, "%s: %v\n", file, err)
			return exitUsage
		}
	}
	what := strings.Join(names, " + ")
	if len(violations) == 0 {
		fmt.Fprintf(stdout, "%s: valid %s (%s)\n", file, what, mode)
		return exitOK
	}
	for _, v := range violations {
		fmt.Fprintf(stdout, "%s: %s%s\n", file, v, found(raw, v.Pointer))
	}
	fmt.Fprintf(stdout, "%s: invalid %s (%s): %d error(s)\n", file, what, mode, len(violations))
	return exitFailed
}

// maxFoundRunes bounds the value quoted after a violation.
const maxFoundRunes = 60

// found quotes the scalar value at pointer in doc as " (found VALUE)", or ""
// when the pointer names nothing (a missing property) or an object or array.
func found(doc json.RawMessage, pointer string) string {
	if pointer == "" {
		return ""
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber() // numbers as written, not as float64
	if dec.Decode(&v) != nil {
		return ""
	}
	for _, token := range strings.Split(pointer, "/")[1:] {
		token = strings.NewReplacer("~1", "/", "~0", "~").Replace(token)
		switch c := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = c[token]; !ok {
				return ""
			}
		case []any:
			i, err := strconv.Atoi(token)
			if err != nil || i < 0 || i >= len(c) {
				return ""
			}
			v = c[i]
		default:
			return ""
		}
	}
	switch v.(type) {
	case map[string]any, []any:
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	text := string(b)
	if r := []rune(text); len(r) > maxFoundRunes {
		text = string(r[:maxFoundRunes]) + "…"
	}
	return " (found " + text + ")"
}

// valueAt returns the raw member at "" or a one-level pointer ("/data").
func valueAt(raw json.RawMessage, pointer string) (json.RawMessage, error) {
	if pointer == "" {
		return raw, nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, err
	}
	return fields[strings.TrimPrefix(pointer, "/")], nil
}

// autoChecks classifies one message as the vendor client would and names the
// schemas it must satisfy (schemas.ForMessage, the oracle the specs and the
// fuzzer use); what cannot be classified is reported as a violation.
func autoChecks(raw json.RawMessage) ([]check, []schemas.Violation) {
	m, err := wire.Decode(raw)
	if err != nil {
		return nil, []schemas.Violation{{Reason: "not a SCAPI message: " + err.Error()}}
	}
	named, violations := schemas.ForMessage(m, "")
	checks := make([]check, len(named))
	for i, c := range named {
		checks[i] = check{c.Schema, c.Pointer}
	}
	return checks, violations
}

// readJSONFile reads one JSON document; errors name the line, column and byte
// offset of a syntax error.
func readJSONFile(file string) (json.RawMessage, error) {
	f, err := os.Open(file)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, fmt.Errorf("cannot read: %v", pe.Err)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxValidateBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", err)
	}
	if len(b) > maxValidateBytes {
		return nil, fmt.Errorf("larger than the %d-byte limit", maxValidateBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			// Offset counts the bytes read, the offending one included.
			return nil, syntaxError(b, max(se.Offset-1, 0), se.Error())
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			return nil, syntaxError(b, int64(len(b)), "unexpected end of JSON input")
		}
		return nil, fmt.Errorf("invalid JSON: %v", err)
	}
	if dec.More() {
		return nil, syntaxError(b, dec.InputOffset(), "trailing data after the JSON document")
	}
	return raw, nil
}

// syntaxError locates the offending byte (offset from 0) as line:column
// (both from 1).
func syntaxError(b []byte, offset int64, msg string) error {
	if offset > int64(len(b)) {
		offset = int64(len(b))
	}
	before := b[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Errorf("invalid JSON at line %d, column %d (byte offset %d): %s", line, col, offset, msg)
}
