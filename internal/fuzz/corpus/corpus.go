// Package corpus moves fuzzing corpora between Go's testdata/fuzz format and
// libFuzzer's (one raw input per file), so that a corpus grown on a fuzzing
// cluster (ClusterFuzzLite, OSS-Fuzz) can be brought back as regression
// seeds, and Go's seeds can start a cluster campaign.
//
// Go's format: a file "go test fuzz v1" followed by one Go literal per line,
// one per argument of the fuzz function ([]byte("…"), string("…"), …).
//
// libFuzzer's format, as compile_native_go_fuzzer's adapter reads it: the
// arguments one after another, each []byte or string as a 4-byte big-endian
// length followed by its bytes (the framing of go-fuzz-headers' consumer).
// Framing Raw instead maps a single []byte or string argument to the whole
// file, for tools that feed the input as is.
package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Header is the first line of a Go corpus file.
const Header = "go test fuzz v1"

// Framing says how the arguments of one input are laid out in a libFuzzer file.
type Framing int

const (
	// Headers frames each argument with a 4-byte big-endian length.
	Headers Framing = iota
	// Raw maps one argument to the whole file.
	Raw
)

// Value is one argument of a corpus entry: its Go type ("[]byte" or
// "string") and its bytes.
type Value struct {
	Type  string
	Bytes []byte
}

// ParseGo parses a Go corpus file; errors name the line.
func ParseGo(b []byte) ([]Value, error) {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != Header {
		return nil, fmt.Errorf("line 1: want %q", Header)
	}
	var vals []Value
	for i, l := range lines[1:] {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		v, err := parseValue(l)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", i+2, err)
		}
		vals = append(vals, v)
	}
	return vals, nil
}

func parseValue(l string) (Value, error) {
	e, err := parser.ParseExpr(l)
	if err != nil {
		return Value{}, fmt.Errorf("not a Go literal: %v", err)
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return Value{}, fmt.Errorf("want []byte(\"…\") or string(\"…\"), got %s", l)
	}
	var typ string
	switch f := call.Fun.(type) {
	case *ast.ArrayType:
		if id, ok := f.Elt.(*ast.Ident); ok && f.Len == nil && (id.Name == "byte" || id.Name == "uint8") {
			typ = "[]byte"
		}
	case *ast.Ident:
		if f.Name == "string" {
			typ = "string"
		}
	}
	lit, ok := call.Args[0].(*ast.BasicLit)
	if typ == "" || !ok || lit.Kind != token.STRING {
		return Value{}, fmt.Errorf("only []byte and string values convert; got %s", l)
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		return Value{}, fmt.Errorf("bad string literal: %v", err)
	}
	return Value{Type: typ, Bytes: []byte(s)}, nil
}

// FormatGo writes values in Go's corpus format.
func FormatGo(vals []Value) []byte {
	var b bytes.Buffer
	b.WriteString(Header + "\n")
	for _, v := range vals {
		fmt.Fprintf(&b, "%s(%q)\n", v.Type, v.Bytes)
	}
	return b.Bytes()
}

// Encode lays values out as one libFuzzer input.
func Encode(vals []Value, f Framing) ([]byte, error) {
	if f == Raw {
		if len(vals) != 1 {
			return nil, fmt.Errorf("raw framing takes one argument, the entry has %d", len(vals))
		}
		return bytes.Clone(vals[0].Bytes), nil
	}
	var b bytes.Buffer
	for _, v := range vals {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(v.Bytes)))
		b.Write(n[:])
		b.Write(v.Bytes)
	}
	return b.Bytes(), nil
}

// Decode splits one libFuzzer input into values of the given types.
func Decode(b []byte, types []string, f Framing) ([]Value, error) {
	if f == Raw {
		if len(types) != 1 {
			return nil, fmt.Errorf("raw framing takes one argument, the target has %d", len(types))
		}
		return []Value{{Type: types[0], Bytes: bytes.Clone(b)}}, nil
	}
	var vals []Value
	for i, t := range types {
		if len(b) < 4 {
			return nil, fmt.Errorf("argument %d: %d bytes left, want a 4-byte length", i, len(b))
		}
		n := binary.BigEndian.Uint32(b)
		b = b[4:]
		if uint64(n) > uint64(len(b)) {
			return nil, fmt.Errorf("argument %d: length %d exceeds the %d bytes left", i, n, len(b))
		}
		vals = append(vals, Value{Type: t, Bytes: bytes.Clone(b[:n])})
		b = b[n:]
	}
	return vals, nil
}

// ToLibFuzzer converts every file of a Go corpus directory (testdata/fuzz/FuzzX)
// into dst, one file per entry named by its content's SHA-256. It returns the
// number of files written.
func ToLibFuzzer(src, dst string, f Framing) (int, error) {
	return convert(src, dst, func(name string, b []byte) ([]byte, error) {
		vals, err := ParseGo(b)
		if err != nil {
			return nil, err
		}
		return Encode(vals, f)
	})
}

// ToGo converts every file of a libFuzzer corpus directory into Go's format
// for a fuzz function whose arguments have the given types.
func ToGo(src, dst string, types []string, f Framing) (int, error) {
	for _, t := range types {
		if t != "[]byte" && t != "string" {
			return 0, fmt.Errorf("argument type %q: only []byte and string convert", t)
		}
	}
	return convert(src, dst, func(name string, b []byte) ([]byte, error) {
		vals, err := Decode(b, types, f)
		if err != nil {
			return nil, err
		}
		return FormatGo(vals), nil
	})
}

func convert(src, dst string, f func(name string, b []byte) ([]byte, error)) (int, error) {
	ents, err := os.ReadDir(src)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return 0, err
	}
	n := 0
	for _, e := range ents {
		if e.IsDir() {
			continue
		}
		p := filepath.Join(src, e.Name())
		b, err := os.ReadFile(p)
		if err != nil {
			return n, err
		}
		out, err := f(e.Name(), b)
		if err != nil {
			return n, fmt.Errorf("%s: %v", p, err)
		}
		sum := sha256.Sum256(out)
		if err := os.WriteFile(filepath.Join(dst, fmt.Sprintf("%x", sum[:8])), out, 0o644); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
