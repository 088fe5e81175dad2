// Package inforce is the service-client-api.* options in force, read once by
// the contract oracles: who may call what (allowlist), how often (ratelimit),
// and which user-data keys a client sees and may write (userdata). The
// conformance suite, the contract fuzzer, the profile loader and the
// reference Workspace all read options through this one value, so that they
// parse them alike and take the same decisions from them.
package inforce

import (
	"fmt"
	"maps"
	"slices"

	"scapi-conformance/contract"
	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/ratelimit"
	"scapi-conformance/contract/userdata"
)

// Policy is the options in force parsed by the contract oracles. A part
// whose option did not parse (ParseEach only) is absent: its accessor
// returns nil or false.
type Policy struct {
	values      map[string]string
	origins     *Origins
	rate        *ratelimit.Config
	read, write *userdata.Keys
}

// OptionError is an option whose value (or name) the contract parsers refuse.
type OptionError struct {
	// Option is the full option key.
	Option string
	// Err is the parser's error.
	Err error
	// InName is true when the option's name is wrong (an unknown option, a
	// per-request rate limit without a request name), not its value.
	InName bool
}

// Error names the option once (the rate-limit parser's errors and the
// unknown-option error name it already).
func (e *OptionError) Error() string {
	switch err := e.Err.(type) {
	case *ratelimit.OptionError, errUnknown:
		return err.Error()
	case *allowlist.ParseError:
		return fmt.Sprintf("option %s: byte offset %d: expected %s, found %s", e.Option, err.Offset, err.Expected, err.Found)
	}
	return "option " + e.Option + ": " + e.Err.Error()
}

// ValueOffset returns the byte offset in the option's value where the
// parser found it malformed; ok is false when the error is not at a byte of
// the value (a wrong name).
func (e *OptionError) ValueOffset() (offset int, ok bool) {
	switch err := e.Err.(type) {
	case *allowlist.ParseError:
		return err.Offset, true
	case *ratelimit.OptionError:
		return err.Offset, err.Offset >= 0
	case *userdata.ParseError:
		return err.Offset, true
	}
	return 0, false
}

// Unwrap returns the parser's error.
func (e *OptionError) Unwrap() error { return e.Err }

// errUnknown is the error of an option key the documentation does not have.
type errUnknown struct{ key string }

func (e errUnknown) Error() string {
	return fmt.Sprintf("unknown option %q: the documented ones are the service-client-api.* options of the Security configuration", e.key)
}

// Parse reads the options o (full keys; an absent option takes its
// documented default). An unknown key or a value that does not parse is an
// *OptionError naming the option: the first in the order unknown keys (in
// key order), accepted-web-content-origins, the rate limits, read-allowed,
// write-allowed.
func Parse(o map[string]string) (*Policy, error) {
	p, errs := ParseEach(o)
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return p, nil
}

// ParseEach reads what parses of o: a part whose option does not parse is
// left out (the checks that need it cannot be made: the documentation says
// nothing of what Workspace does with a malformed option), and its
// *OptionError is returned in Parse's order.
func ParseEach(o map[string]string) (*Policy, []error) {
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(o)) {
		if !options.IsKnown(k) {
			errs = append(errs, &OptionError{Option: k, Err: errUnknown{k}, InName: true})
		}
	}
	p := &Policy{values: maps.Clone(o)}
	if l, _, err := allowlist.Parse(p.Value(options.AcceptedOrigins)); err != nil {
		errs = append(errs, &OptionError{Option: options.AcceptedOrigins, Err: err})
	} else {
		p.origins = NewOrigins(l)
	}
	if c, err := ratelimit.ParseOptions(o); err != nil {
		oe := &OptionError{Option: options.RateLimit, Err: err}
		if e, ok := err.(*ratelimit.OptionError); ok {
			oe.Option, oe.InName = e.Option, e.Offset < 0
		}
		errs = append(errs, oe)
	} else {
		p.rate = &c
	}
	keys := func(key string, dst **userdata.Keys) {
		k, err := userdata.Parse(p.Value(key))
		if err != nil {
			errs = append(errs, &OptionError{Option: key, Err: err})
			return
		}
		*dst = &k
	}
	keys(options.UserDataReadAllowed, &p.read)
	keys(options.UserDataWriteAllowed, &p.write)
	return p, errs
}

// Value returns the value of an option in force: as given, or its
// documented default when unset ("" for a key the documentation does not
// have).
func (p *Policy) Value(key string) string {
	v, _ := options.Value(p.values, key)
	return v
}

// Origins returns the accepted-web-content-origins in force; nil when the
// option did not parse.
func (p *Policy) Origins() *Origins { return p.origins }

// Rate returns a copy of the rate-limit configuration in force (strict
// readings); ok is false when a rate-limit option did not parse.
func (p *Policy) Rate() (c ratelimit.Config, ok bool) {
	if p.rate == nil {
		return ratelimit.Config{}, false
	}
	c = *p.rate
	c.PerRequest = maps.Clone(c.PerRequest)
	return c, true
}

// RateLimited reports whether a rate limit is in force (a global or a
// per-request limit above 0).
func (p *Policy) RateLimited() bool {
	if p.rate == nil {
		return false
	}
	if p.rate.Global > 0 {
		return true
	}
	for _, n := range p.rate.PerRequest {
		if n > 0 {
			return true
		}
	}
	return false
}

// ReadKeys returns the user-data.read-allowed list in force; nil when it did
// not parse.
func (p *Policy) ReadKeys() *userdata.Keys { return p.read }

// WriteKeys returns the user-data.write-allowed list in force; nil when it
// did not parse.
func (p *Policy) WriteKeys() *userdata.Keys { return p.write }

// Readable reports whether read-allowed lets a client see the user-data key
// (false when the list did not parse).
func (p *Policy) Readable(key string) bool { return p.read != nil && p.read.Allows(key) }

// Writable reports whether write-allowed lets a client write or delete the
// user-data key (false when the list did not parse).
func (p *Policy) Writable(key string) bool { return p.write != nil && p.write.Allows(key) }

// FilterRead returns what a client may see of the userData of an
// interaction: a new map of the readable keys (never nil; empty when
// read-allowed did not parse).
func (p *Policy) FilterRead(userData map[string]any) map[string]any {
	var out map[string]any
	if p.read != nil {
		out = p.read.Filter(userData)
	}
	if out == nil {
		out = map[string]any{}
	}
	return out
}

// Allows decides whether origin may send request, a wire request name (the
// catalog's allow-list keyword decides for a catalog method, the name itself
// otherwise). A policy whose origins did not parse refuses everything.
func (p *Policy) Allows(origin, request string) allowlist.Decision {
	return p.origins.Decide(origin, AllowKeyword(request))
}

// AllowKeyword is the allow-list keyword of a request sent under its wire
// name: the catalog's keyword for a catalog method, the name itself
// otherwise.
func AllowKeyword(request string) string {
	if m, ok := contract.LookupWire(request); ok {
		return m.AllowKeyword
	}
	return request
}
