package framework

import (
	"fmt"
	"sort"
	"strings"

	"github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/inforce"
	"scapi-conformance/contract/options"
	"scapi-conformance/contract/ratelimit"
)

// policy is the options in force read by the contract oracles (package
// inforce: who may call what, how often, which user-data keys a client sees
// and may write), with what the suite knows of them. Whether the suite set
// the options through the control endpoint or the profile declares them,
// every expectation that depends on them is computed from this one value.
type policy struct {
	// known is false when nothing is known of the options (a target that
	// cannot be steered whose profile declares none): the suite then neither
	// refuses to send requests nor paces them. originsKnown is false as well
	// when the profile declares options but not accepted-web-content-origins:
	// its origins list then says who is accepted, without filters.
	known, originsKnown bool
	*inforce.Policy
}

// newPolicy parses the options in force; an option that does not parse is an
// error naming it.
func newPolicy(o control.Options, known bool) (*policy, error) {
	_, declared := o[options.AcceptedOrigins]
	in, err := inforce.Parse(o)
	if err != nil {
		return nil, err
	}
	return &policy{known: known, originsKnown: known && declared, Policy: in}, nil
}

// accepted orders candidate origins for the specs: those the options in force
// list, the one that may call the most requests first; when none is listed,
// the candidates as given (every request will then be refused, and the specs
// that need one skipped with the reason).
func (p *policy) accepted(candidates []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, o := range candidates {
		if !seen[o] && p.Origins().Listed(o) {
			seen[o] = true
			out = append(out, o)
		}
	}
	if len(out) == 0 {
		return candidates
	}
	sort.SliceStable(out, func(i, j int) bool { return p.Origins().Breadth(out[i]) > p.Origins().Breadth(out[j]) })
	return out
}

// OptionsInForce returns the value of an option in force (its documented
// default when unset).
func (s *Session) OptionsInForce(key string) string {
	v, _ := options.Value(s.options, key)
	return v
}

// Readable reports whether the read-allowed list in force lets a client see
// the user-data key.
func (s *Session) Readable(key string) bool { return s.policy.Readable(key) }

// Writable reports whether the write-allowed list in force lets a client write
// or delete the user-data key.
func (s *Session) Writable(key string) bool { return s.policy.Writable(key) }

// UserDataKeys returns user-data keys a spec may write and read back: each
// preferred key the lists in force let a client write and read, else in its
// place a key both lists name that no other preferred key uses. When none is
// left, the spec is skipped with the reason (for example "user data key
// MyKEY2 is hidden by read-allowed Key1,Key2").
func (s *Session) UserDataKeys(preferred ...string) []string {
	ginkgo.GinkgoHelper()
	used := map[string]bool{}
	for _, k := range preferred {
		used[k] = true
	}
	var spare []string
	for _, k := range s.policy.WriteKeys().List() {
		if s.Readable(k) && !used[k] {
			spare = append(spare, k)
		}
	}
	out := make([]string, len(preferred))
	for i, k := range preferred {
		switch {
		case s.Readable(k) && s.Writable(k):
			out[i] = k
		case len(spare) > 0:
			out[i], spare = spare[0], spare[1:]
		case !s.Readable(k):
			ginkgo.Skip(fmt.Sprintf("user data key %s is hidden by read-allowed %s, and no other key both lists allow is left for it", k, s.OptionsInForce(options.UserDataReadAllowed)))
		default:
			ginkgo.Skip(fmt.Sprintf("user data key %s may not be written (write-allowed %s), and no other key both lists allow is left for it", k, s.OptionsInForce(options.UserDataWriteAllowed)))
		}
	}
	return out
}

// ShowsUserData reports whether the userData of an interaction a client
// received shows exactly what the read-allowed list in force lets it see of
// the keys attached: each readable one with its value, no hidden one.
func (s *Session) ShowsUserData(it map[string]any, attached map[string]any) bool {
	for k, v := range attached {
		if s.Readable(k) != HasUserData(it, k, v) || !s.Readable(k) && HasUserDataKey(it, k) {
			return false
		}
	}
	return true
}

// ExpectUserData checks the userData of an interaction a client received (in
// a reply or an event) against the keys that were attached to it: a key the
// read-allowed list in force lets clients see must be there with its value,
// any other must be absent (Attached Data Access: read-allowed "applies in the
// userData property of the Interaction object returned by a function or an
// event"). what names the reply or event in the failure message.
func (s *Session) ExpectUserData(it map[string]any, attached map[string]any, what string) {
	ginkgo.GinkgoHelper()
	s.ExpectHiddenUserData(it, attached, what)
	ud, _ := it["userData"].(map[string]any)
	for _, k := range sortedAnyKeys(attached) {
		if s.Readable(k) {
			Expect(ud).To(HaveKeyWithValue(k, attached[k]), "%s: userData %s attached, readable under read-allowed %q", what, k, s.OptionsInForce(options.UserDataReadAllowed))
		}
	}
}

// ExpectHiddenUserData checks that no key of attached the read-allowed list
// in force hides shows in the userData of an interaction a client received.
// A key that shows breaks security.userData.4 (read-allowed "applies in the
// userData property of the Interaction object returned by a function or an
// event"), whatever the spec cites: the failure is attributed there, so that
// a Workspace ignoring its read filter does not fail, say, email.create.
func (s *Session) ExpectHiddenUserData(it map[string]any, attached map[string]any, what string) {
	ginkgo.GinkgoHelper()
	ud, _ := it["userData"].(map[string]any)
	s.ForKit("security.userData.4", func() {
		for _, k := range sortedAnyKeys(attached) {
			if !s.Readable(k) {
				Expect(ud).NotTo(HaveKey(k), "%s: userData key %s is hidden by read-allowed %q, yet the client sees it", what, k, s.OptionsInForce(options.UserDataReadAllowed))
			}
		}
	})
}

func sortedAnyKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// describeLimits words the rate limits in force for a reason or a plan.
func describeLimits(c ratelimit.Config) string {
	var parts []string
	if c.Global > 0 {
		parts = append(parts, fmt.Sprintf("%d per request type per minute", c.Global))
	}
	names := make([]string, 0, len(c.PerRequest))
	for n := range c.PerRequest {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		parts = append(parts, fmt.Sprintf("%s %d per minute", n, c.PerRequest[n]))
	}
	if len(parts) == 0 {
		return "no rate limit"
	}
	delay := "forever"
	if c.QuarantineDelay > 0 {
		delay = c.QuarantineDelay.String()
	}
	return strings.Join(parts, ", ") + ", quarantine " + delay
}
