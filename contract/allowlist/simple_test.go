package allowlist

import (
	"regexp"
	"strings"
)

// The simple matcher is a deliberately different second implementation of
// the documented rules, for differential fuzzing: no tokenizer, only blank
// removal, one regular expression and string tests. It trusts NormalizeOrigin
// for origins (checked against Chromium in browser_test.go) and is defined
// only for values Parse accepts.
var (
	simpleEntry   = regexp.MustCompile(`([^,()]+)(\(([^()]*)\))?`)
	simpleRequest = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$`)
	simpleBlanks  = strings.NewReplacer(" ", "", "\t", "", "\r", "", "\n", "")
)

func simpleDecide(value, origin, request string) bool {
	if !simpleRequest.MatchString(request) {
		return false
	}
	client, clientErr := NormalizeOrigin(origin)
	for _, m := range simpleEntry.FindAllStringSubmatch(simpleBlanks.Replace(value), -1) {
		if m[1] != "*" {
			listed, err := NormalizeOrigin(m[1])
			if err != nil || clientErr != nil || listed != client {
				continue
			}
		}
		if m[2] == "" {
			if request != "auth.getJwtToken" {
				return true
			}
			continue
		}
		for _, kw := range strings.Split(m[3], ",") {
			if kw == request {
				return true
			}
			if request == "auth.getJwtToken" {
				continue
			}
			if kw == "*" || strings.HasSuffix(kw, ".*") && strings.HasPrefix(request, strings.TrimSuffix(kw, "*")) {
				return true
			}
		}
	}
	return false
}
