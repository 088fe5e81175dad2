// Package options names the service-client-api.* configuration options that
// govern who may call the Service Client API, how often, and which user-data
// keys it may see, together with their documented defaults.
//
// Sources: "Security configuration" in both vendor documents (001 and 000) and
// the option defaults of the vendor configuration guide restated in DESIGN.md.
// The parsers and oracles of these values live in the sibling packages
// allowlist, ratelimit and userdata.
package options

// Option keys, exactly as configured on the WWEWS Cluster application.
const (
	// AcceptedOrigins lists the origins (with optional request filters) that may
	// use the API; parsed by package allowlist.
	AcceptedOrigins = "service-client-api.accepted-web-content-origins"
	// RateLimit is the maximum number of requests per minute (0 = unlimited).
	RateLimit = "service-client-api.rate-limit"
	// RateLimitPrefix starts the per-request limit keys, followed by the request
	// name: "service-client-api.rate-limit.voice.dial".
	RateLimitPrefix = "service-client-api.rate-limit."
	// QuarantineDelay is how many seconds requests of a limited type are ignored
	// after the limit is reached (0 = forever).
	QuarantineDelay = "service-client-api.rate-limit-quarantine-delay"
	// UserDataReadAllowed lists the user-data keys a client may read.
	UserDataReadAllowed = "service-client-api.user-data.read-allowed"
	// UserDataWriteAllowed lists the user-data keys a client may write or delete.
	UserDataWriteAllowed = "service-client-api.user-data.write-allowed"
)

// Documented defaults, as option value strings.
const (
	// DefaultAcceptedOrigins is empty: no origin may use the API.
	DefaultAcceptedOrigins = ""
	// DefaultRateLimit is 0: unlimited.
	DefaultRateLimit = "0"
	// DefaultRequestRateLimit is the default of every rate-limit.<request>
	// option: 0, which means the global RateLimit applies.
	DefaultRequestRateLimit = "0"
	// DefaultQuarantineDelay is 30 seconds.
	DefaultQuarantineDelay = "30"
	// DefaultUserDataReadAllowed is "*": every key may be read.
	DefaultUserDataReadAllowed = "*"
	// DefaultUserDataWriteAllowed is "*": every key may be written.
	DefaultUserDataWriteAllowed = "*"
)

// Defaults returns a fresh map of every fixed option key to its documented
// default (the per-request rate limits, which have no fixed key, are absent).
func Defaults() map[string]string {
	return map[string]string{
		AcceptedOrigins:      DefaultAcceptedOrigins,
		RateLimit:            DefaultRateLimit,
		QuarantineDelay:      DefaultQuarantineDelay,
		UserDataReadAllowed:  DefaultUserDataReadAllowed,
		UserDataWriteAllowed: DefaultUserDataWriteAllowed,
	}
}

// Value returns the configured value of key in o, or its documented default
// when o has no such key. ok is false for a key this package does not know
// (a per-request rate limit key is known and defaults to "0").
func Value(o map[string]string, key string) (value string, ok bool) {
	if v, set := o[key]; set && IsKnown(key) {
		return v, true
	}
	if d, known := Defaults()[key]; known {
		return d, true
	}
	if IsRequestRateLimit(key) {
		return DefaultRequestRateLimit, true
	}
	return "", false
}

// IsRequestRateLimit reports whether key is a per-request rate-limit key
// (RateLimitPrefix followed by a non-empty request name).
func IsRequestRateLimit(key string) bool {
	return len(key) > len(RateLimitPrefix) && key[:len(RateLimitPrefix)] == RateLimitPrefix
}

// IsKnown reports whether key is one of the documented option keys.
func IsKnown(key string) bool {
	_, fixed := Defaults()[key]
	return fixed || IsRequestRateLimit(key)
}
