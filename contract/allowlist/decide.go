package allowlist

import "strings"

// Decision is the matcher's answer for one (origin, request) pair.
type Decision struct {
	Allowed bool
	// Entry is the origin of the entry that decided (AnyOrigin for "*"); for a
	// refusal it is the first entry that matched the origin, or "" when no
	// entry did.
	Entry string
	// Filter is the keyword that allowed the request; "" when the entry has
	// no filter list or the request was refused.
	Filter string
	// Reason explains the decision in a sentence.
	Reason string
}

// Decide answers whether a client whose event.origin (or websocket Origin
// header) is origin may send request, a request name as documented
// ("namespace.method", the catalog's AllowKeyword). Every entry matching the
// origin is consulted and their permissions add up (INT-ORIGIN-4); an origin
// that does not normalise (for example "null") is matched only by "*".
func (l *List) Decide(origin, request string) Decision {
	return l.DecideClient(ParseClientOrigin(origin), request)
}

// ClientOrigin is a client's origin parsed once for many decisions: the text
// as received and its normalised form (NormalizeOrigin).
type ClientOrigin struct {
	raw, norm string
	valid     bool
}

// ParseClientOrigin normalises a client's event.origin (or websocket Origin
// header) once; an origin that does not normalise is matched only by "*".
func ParseClientOrigin(origin string) ClientOrigin {
	norm, err := NormalizeOrigin(origin)
	return ClientOrigin{raw: origin, norm: norm, valid: err == nil}
}

// matches reports whether the entry origin eo (normalised, or AnyOrigin)
// matches the client origin o.
func (o ClientOrigin) matches(eo string) bool {
	return eo == AnyOrigin || o.valid && eo == o.norm
}

// DecideClient is Decide for an origin parsed once.
func (l *List) DecideClient(o ClientOrigin, request string) Decision {
	origin := o.raw
	var first *Entry
	for i := range l.all() {
		e := &l.entries[i]
		if !o.matches(e.Origin) {
			continue
		}
		if first == nil {
			first = e
		}
		if kw, ok := e.allows(request); ok {
			return Decision{Allowed: true, Entry: e.Origin, Filter: kw, Reason: allowReason(e, kw, request)}
		}
	}
	if first == nil {
		return Decision{Reason: "origin " + quoteShort(origin) + " matches no entry"}
	}
	return Decision{Entry: first.Origin, Reason: denyReason(request)}
}

// Listed reports whether some entry matches origin, whatever its filter; an
// origin that is not listed may not use the API at all (subscriptions
// included, INT-ORIGIN-6).
func (l *List) Listed(origin string) bool { return l.ListedClient(ParseClientOrigin(origin)) }

// ListedClient is Listed for an origin parsed once.
func (l *List) ListedClient(o ClientOrigin) bool {
	for _, e := range l.all() {
		if o.matches(e.Origin) {
			return true
		}
	}
	return false
}

// AllowedServices returns, in their order, the requests among requests that
// origin may send: what system.getAllowedServices reports to that origin.
func (l *List) AllowedServices(origin string, requests []string) []string {
	o := ParseClientOrigin(origin)
	out := []string{}
	for _, r := range requests {
		if l.DecideClient(o, r).Allowed {
			out = append(out, r)
		}
	}
	return out
}

func (l *List) all() []Entry {
	if l == nil {
		return nil
	}
	return l.entries
}

// allows reports whether the entry grants request, and with which keyword.
func (e *Entry) allows(request string) (string, bool) {
	if !isRequestName(request) {
		return "", false
	}
	if !e.Filtered {
		return "", request != JwtRequest
	}
	for _, kw := range e.Keywords {
		if keywordGrants(kw, request) {
			return kw, true
		}
	}
	return "", false
}

// keywordGrants reports whether one filter keyword grants request; wildcards
// never grant JwtRequest.
func keywordGrants(kw, request string) bool {
	if kw == request {
		return true
	}
	if request == JwtRequest {
		return false
	}
	return kw == "*" || strings.HasSuffix(kw, ".*") && strings.HasPrefix(request, kw[:len(kw)-1])
}

// isRequestName reports whether s has the form namespace.method.
func isRequestName(s string) bool {
	dot := strings.IndexByte(s, '.')
	if dot <= 0 || dot == len(s)-1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i != dot && !isNameByte(s[i], i == 0 || i == dot+1) {
			return false
		}
	}
	return true
}

func allowReason(e *Entry, kw, request string) string {
	switch {
	case !e.Filtered:
		return "entry " + e.Origin + " has no filter: every request but " + JwtRequest + " is allowed"
	case kw == request:
		return "entry " + e.Origin + " names " + request
	}
	return "entry " + e.Origin + " allows " + request + " through keyword " + kw
}

func denyReason(request string) string {
	switch {
	case !isRequestName(request):
		return quoteShort(request) + " is not a request name (namespace.method)"
	case request == JwtRequest:
		return "no entry for the origin names " + JwtRequest + " explicitly"
	}
	return "no filter of an entry for the origin allows " + request
}
