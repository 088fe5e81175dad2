package ratelimit

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"scapi-conformance/contract/options"
)

// OptionError is a malformed rate-limit option: Option (the full key) has
// Value, malformed at byte Offset of the value (-1 when the key itself is
// wrong), where Expected was expected.
type OptionError struct {
	Option   string
	Value    string
	Offset   int
	Expected string
}

// Error implements error.
func (e *OptionError) Error() string {
	if e.Offset < 0 {
		return fmt.Sprintf("%s: bad option name: expected %s", e.Option, e.Expected)
	}
	return fmt.Sprintf("%s=%s: byte offset %d: expected %s", e.Option, strconv.Quote(e.Value), e.Offset, e.Expected)
}

// maxValue bounds every numeric rate-limit option.
const maxValue = math.MaxInt32

// ParseOptions reads the rate-limit options from o, keyed by full option
// names (other keys are ignored; absent ones take the documented defaults).
// Values are decimal integers from 0 to 2147483647, surrounding blanks
// allowed. The interpretations are the strict ones.
func ParseOptions(o map[string]string) (Config, error) {
	c := Config{PerRequest: map[string]int{}}
	var err error
	if c.Global, err = parseCount(options.RateLimit, valueOr(o, options.RateLimit, options.DefaultRateLimit)); err != nil {
		return Config{}, err
	}
	delay, err := parseCount(options.QuarantineDelay, valueOr(o, options.QuarantineDelay, options.DefaultQuarantineDelay))
	if err != nil {
		return Config{}, err
	}
	c.QuarantineDelay = time.Duration(delay) * time.Second
	keys := make([]string, 0, len(o))
	for k := range o {
		if strings.HasPrefix(k, options.RateLimitPrefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		request := k[len(options.RateLimitPrefix):]
		if !isRequestName(request) {
			return Config{}, &OptionError{Option: k, Value: o[k], Offset: -1,
				Expected: `"` + options.RateLimitPrefix + `" followed by a request name namespace.method`}
		}
		n, err := parseCount(k, o[k])
		if err != nil {
			return Config{}, err
		}
		if n > 0 {
			c.PerRequest[request] = n
		}
	}
	return c, nil
}

func valueOr(o map[string]string, key, def string) string {
	if v, ok := o[key]; ok {
		return v
	}
	return def
}

// parseCount parses a non-negative decimal integer option value.
func parseCount(option, value string) (int, error) {
	start, end := 0, len(value)
	for start < end && isBlank(value[start]) {
		start++
	}
	for end > start && isBlank(value[end-1]) {
		end--
	}
	if start == end {
		return 0, &OptionError{Option: option, Value: value, Offset: start, Expected: "a whole number of 0 or more"}
	}
	n := 0
	for i := start; i < end; i++ {
		if value[i] < '0' || value[i] > '9' {
			return 0, &OptionError{Option: option, Value: value, Offset: i, Expected: "a decimal digit (a whole number of 0 or more)"}
		}
		n = n*10 + int(value[i]-'0')
		if n > maxValue {
			return 0, &OptionError{Option: option, Value: value, Offset: start, Expected: "a number no larger than " + strconv.Itoa(maxValue)}
		}
	}
	return n, nil
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isRequestName reports whether s is namespace.method with identifier parts.
func isRequestName(s string) bool {
	ns, method, ok := strings.Cut(s, ".")
	return ok && isIdent(ns) && isIdent(method)
}

func isIdent(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}
