package allowlist

import (
	"strconv"
	"strings"
)

// parser is the recursive-descent parser of one value.
type parser struct {
	s        string
	i        int
	entries  []Entry
	warnings []Warning
	seen     map[string]bool // origins already listed
}

func (p *parser) fail(expected string) *ParseError {
	return &ParseError{Offset: p.i, Expected: expected, Found: describeAt(p.s, p.i)}
}

func (p *parser) warn(at int, code WarningCode, msg string) {
	p.warnings = append(p.warnings, Warning{Offset: at, Code: code, Message: msg})
}

func (p *parser) ws() {
	for p.i < len(p.s) && isSpace(p.s[p.i]) {
		p.i++
	}
}

func (p *parser) value() *ParseError {
	p.ws()
	if p.i == len(p.s) {
		return nil
	}
	for {
		if err := p.entry(); err != nil {
			return err
		}
		p.ws()
		if p.i == len(p.s) {
			return nil
		}
		if p.s[p.i] != ',' {
			return p.fail(`',' before the next origin, or the end of the value`)
		}
		p.i++
		p.ws()
	}
}

func (p *parser) entry() *ParseError {
	start := p.i
	for p.i < len(p.s) && !isSpace(p.s[p.i]) && !strings.ContainsRune(",()", rune(p.s[p.i])) {
		p.i++
	}
	token := p.s[start:p.i]
	if token == "" {
		return p.fail(`an origin (such as "http://my-web-server") or '*'`)
	}
	e := Entry{Origin: AnyOrigin}
	if token != AnyOrigin {
		origin, rest, err := parseOrigin(token)
		if err != nil {
			err.Offset += start
			return err
		}
		if rest != "" {
			p.warn(start+len(token)-len(rest), WarnPathIgnored,
				"path, query or fragment "+strconv.Quote(rest)+" ignored: the entry stands for the origin "+origin)
		}
		e.Origin = origin
	}
	if p.seen[e.Origin] {
		p.warn(start, WarnDuplicateOrigin, "origin "+e.Origin+" is listed again; the permissions of its entries add up")
	}
	p.seen[e.Origin] = true
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == '(' {
		if err := p.filter(&e); err != nil {
			return err
		}
	}
	p.entries = append(p.entries, e)
	return nil
}

func (p *parser) filter(e *Entry) *ParseError {
	open := p.i
	p.i++
	e.Filtered = true
	e.Keywords = []string{}
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == ')' {
		p.i++
		p.warn(open, WarnEmptyFilter, "empty filter: origin "+e.Origin+" may send no request")
		return nil
	}
	inFilter := map[string]bool{}
	for {
		at := p.i
		kw, err := p.keyword()
		if err != nil {
			return err
		}
		p.checkKeyword(at, kw, inFilter)
		e.Keywords = append(e.Keywords, kw)
		p.ws()
		if p.i < len(p.s) && p.s[p.i] == ')' {
			p.i++
			return nil
		}
		if p.i < len(p.s) && p.s[p.i] == '(' {
			return p.fail(`',' or ')' after the keyword (a keyword is a request name without its argument list, INT-CAT-9)`)
		}
		if p.i == len(p.s) || p.s[p.i] != ',' {
			return p.fail(`',' before the next keyword, or ')' closing the filter`)
		}
		p.i++
		p.ws()
	}
}

// keyword parses "*", "ns.*" or "ns.method".
func (p *parser) keyword() (string, *ParseError) {
	const expected = `a filter keyword ('*', "namespace.*" or "namespace.method")`
	start := p.i
	if p.i < len(p.s) && p.s[p.i] == '*' {
		p.i++
		return "*", nil
	}
	if !p.name() {
		return "", p.fail(expected)
	}
	if p.i == len(p.s) || p.s[p.i] != '.' {
		return "", p.fail(`'.' and a method name or '*' after the namespace`)
	}
	p.i++
	if p.i < len(p.s) && p.s[p.i] == '*' {
		p.i++
	} else if !p.name() {
		return "", p.fail(`a method name or '*' after "` + p.s[start:p.i] + `"`)
	}
	return p.s[start:p.i], nil
}

// name consumes an identifier; it reports whether there was one.
func (p *parser) name() bool {
	start := p.i
	for p.i < len(p.s) && isNameByte(p.s[p.i], p.i == start) {
		p.i++
	}
	return p.i > start
}

func (p *parser) checkKeyword(at int, kw string, inFilter map[string]bool) {
	if inFilter[kw] {
		p.warn(at, WarnDuplicateKeyword, "keyword "+kw+" appears twice in the filter")
	}
	inFilter[kw] = true
	if kw == "*" {
		return
	}
	ns, method, _ := strings.Cut(kw, ".")
	known := keywords()
	switch {
	case known.renamed[kw] != "":
		p.warn(at, WarnUnknownRequest, "keyword "+kw+" grants nothing: the request goes on the wire, and is filtered, as "+known.renamed[kw]+" (INT-CAT-2)")
	case !known.namespaces[ns]:
		p.warn(at, WarnUnknownNamespace, "keyword "+kw+": the documentation has no namespace "+strconv.Quote(ns))
	case method != "*" && !known.requests[kw]:
		p.warn(at, WarnUnknownRequest, "keyword "+kw+": the documentation has no such request")
	case kw == "auth.*":
		p.warn(at, WarnJwtWildcard, "keyword auth.* does not grant "+JwtRequest+"; name it explicitly")
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isNameByte(c byte, first bool) bool {
	letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
	return letter || !first && c >= '0' && c <= '9'
}
