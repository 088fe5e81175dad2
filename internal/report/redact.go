package report

import (
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Redacted replaces every secret in reports and logs.
const Redacted = "[REDACTED]"

// jwtPattern matches a JSON Web Token (header.payload[.signature], base64url,
// header and payload both JSON objects, hence "eyJ").
var jwtPattern = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*`)

// Redactor removes secrets — the profile's passwords, tokens learned at run
// time (auth.getJwtToken replies) and anything shaped like a JWT — from text.
// It is safe for concurrent use.
type Redactor struct {
	mu      sync.Mutex
	secrets []string
}

// NewRedactor returns a redactor knowing the given secrets.
func NewRedactor(secrets ...string) *Redactor {
	r := &Redactor{}
	for _, s := range secrets {
		r.Learn(s)
	}
	return r
}

// Learn adds a secret; values shorter than 4 bytes are ignored (redacting them
// would shred the report without protecting anything).
func (r *Redactor) Learn(secret string) {
	if len(secret) < 4 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.secrets {
		if s == secret {
			return
		}
	}
	r.secrets = append(r.secrets, secret)
	// Longest first, so that a secret containing another is removed whole.
	sort.Slice(r.secrets, func(i, j int) bool { return len(r.secrets[i]) > len(r.secrets[j]) })
}

// String returns s without secrets.
func (r *Redactor) String(s string) string {
	r.mu.Lock()
	secrets := r.secrets
	r.mu.Unlock()
	for _, secret := range secrets {
		s = strings.ReplaceAll(s, secret, Redacted)
	}
	return jwtPattern.ReplaceAllString(s, Redacted)
}

// Result redacts every string of the result in place.
func (r *Redactor) Result(res *Result) { r.walk(reflect.ValueOf(res).Elem()) }

func (r *Redactor) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(r.String(v.String()))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			r.walk(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			r.walk(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			r.walk(v.Index(i))
		}
	case reflect.Map:
		if v.Type().Elem().Kind() != reflect.String || v.Type().Key().Kind() != reflect.String {
			return
		}
		for _, k := range v.MapKeys() {
			v.SetMapIndex(k, reflect.ValueOf(r.String(v.MapIndex(k).String())).Convert(v.Type().Elem()))
		}
	}
}

// Writer returns a writer that redacts line by line before writing to w;
// call Flush at the end for a last partial line.
func (r *Redactor) Writer(w interface{ Write([]byte) (int, error) }) *RedactingWriter {
	return &RedactingWriter{r: r, w: w}
}

// RedactingWriter is a line-buffered writer that removes secrets.
type RedactingWriter struct {
	mu  sync.Mutex
	r   *Redactor
	w   interface{ Write([]byte) (int, error) }
	buf []byte
}

func (w *RedactingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	if i := strings.LastIndexByte(string(w.buf), '\n'); i >= 0 {
		if _, err := w.w.Write([]byte(w.r.String(string(w.buf[:i+1])))); err != nil {
			return 0, err
		}
		w.buf = w.buf[i+1:]
	}
	return len(p), nil
}

// Flush writes a pending partial line.
func (w *RedactingWriter) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) == 0 {
		return nil
	}
	_, err := w.w.Write([]byte(w.r.String(string(w.buf))))
	w.buf = nil
	return err
}
