package allowlist

import (
	"reflect"
	"testing"
)

func TestParseErrors(t *testing.T) {
	const prefix = "service-client-api.accepted-web-content-origins: "
	cases := []struct{ value, err string }{
		{",", `byte offset 0: expected an origin (such as "http://my-web-server") or '*', found ','`},
		{"http://a,,http://b", `byte offset 9: expected an origin (such as "http://my-web-server") or '*', found ','`},
		{"http://a, ", `byte offset 10: expected an origin (such as "http://my-web-server") or '*', found end of value`},
		{"http://a http://b", `byte offset 9: expected ',' before the next origin, or the end of the value, found 'h'`},
		{"* *", `byte offset 2: expected ',' before the next origin, or the end of the value, found '*'`},
		{"(agent.*)", `byte offset 0: expected an origin (such as "http://my-web-server") or '*', found '('`},
		{"http://a (agent.*", `byte offset 17: expected ',' before the next keyword, or ')' closing the filter, found end of value`},
		{"http://a (agent.*))", `byte offset 18: expected ',' before the next origin, or the end of the value, found ')'`},
		{"http://a)", `byte offset 8: expected ',' before the next origin, or the end of the value, found ')'`},
		{"http://a (agent)", `byte offset 15: expected '.' and a method name or '*' after the namespace, found ')'`},
		{"http://a (agent.)", `byte offset 16: expected a method name or '*' after "agent.", found ')'`},
		{"http://a (agent.get*)", `byte offset 19: expected ',' before the next keyword, or ')' closing the filter, found '*'`},
		{"http://a (*.dial)", `byte offset 11: expected ',' before the next keyword, or ')' closing the filter, found '.'`},
		{"http://a (agent. get)", `byte offset 16: expected a method name or '*' after "agent.", found ' '`},
		{"http://a (agent.get,)", `byte offset 20: expected a filter keyword ('*', "namespace.*" or "namespace.method"), found ')'`},
		{"http://a (1agent.get)", `byte offset 10: expected a filter keyword ('*', "namespace.*" or "namespace.method"), found '1'`},
		{"http://a (agent.get voice.dial)", `byte offset 20: expected ',' before the next keyword, or ')' closing the filter, found 'v'`},
		{"http://a (agent.get) (voice.dial)", `byte offset 21: expected ',' before the next origin, or the end of the value, found '('`},
		{"http://my web", `byte offset 10: expected ',' before the next origin, or the end of the value, found 'w'`},
		{"http://a, my-web-server", `byte offset 10: expected an origin starting with "http://" or "https://", found "my-web-server"`},
		{"http://a, http://b:x", `byte offset 19: expected a port number (digits), found 'x'`},
		{"http://a (voice.dialEx(destination, userData))", `byte offset 22: expected ',' or ')' after the keyword (a keyword is a request name without its argument list, INT-CAT-9), found '('`},
		{"http://a (agent.get\xff)", `byte offset 19: expected ',' before the next keyword, or ')' closing the filter, found byte 0xff`},
	}
	for _, c := range cases {
		l, _, err := Parse(c.value)
		if err == nil {
			t.Errorf("Parse(%q) = %q, want error %s", c.value, l, c.err)
			continue
		}
		if _, ok := err.(*ParseError); !ok {
			t.Errorf("Parse(%q) error type %T", c.value, err)
		}
		if err.Error() != prefix+c.err {
			t.Errorf("Parse(%q) error\n got %s\nwant %s", c.value, err, prefix+c.err)
		}
	}
}

func TestParseWarnings(t *testing.T) {
	cases := []struct {
		value string
		want  []Warning
	}{
		{"http://a/x.html", []Warning{{8, WarnPathIgnored, `path, query or fragment "/x.html" ignored: the entry stands for the origin http://a`}}},
		{"http://a/", []Warning{{8, WarnPathIgnored, `path, query or fragment "/" ignored: the entry stands for the origin http://a`}}},
		{"http://a, HTTP://A:80", []Warning{{10, WarnDuplicateOrigin, "origin http://a is listed again; the permissions of its entries add up"}}},
		{"*, *", []Warning{{3, WarnDuplicateOrigin, "origin * is listed again; the permissions of its entries add up"}}},
		{"http://a ( )", []Warning{{9, WarnEmptyFilter, "empty filter: origin http://a may send no request"}}},
		{"http://a (voice.dial, voice.dial)", []Warning{{22, WarnDuplicateKeyword, "keyword voice.dial appears twice in the filter"}}},
		{"http://a (chat.*)", []Warning{{10, WarnUnknownNamespace, `keyword chat.*: the documentation has no namespace "chat"`}}},
		{"http://a (Agent.get)", []Warning{{10, WarnUnknownNamespace, `keyword Agent.get: the documentation has no namespace "Agent"`}}},
		{"http://a (voice.fly)", []Warning{{10, WarnUnknownRequest, "keyword voice.fly: the documentation has no such request"}}},
		{"http://a (auth.*)", []Warning{{10, WarnJwtWildcard, "keyword auth.* does not grant auth.getJwtToken; name it explicitly"}}},
		{"http://a (sipEndpoint.muteMicrophone)", nil},
		{"http://a (voice.muteMicrophone)", []Warning{{10, WarnUnknownRequest, "keyword voice.muteMicrophone grants nothing: the request goes on the wire, and is filtered, as sipEndpoint.muteMicrophone (INT-CAT-2)"}}},
		{"http://my-web-server0, http://my-web-server1 (*)", nil},
	}
	for _, c := range cases {
		_, warns, err := Parse(c.value)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.value, err)
			continue
		}
		if !reflect.DeepEqual(warns, c.want) {
			t.Errorf("Parse(%q) warnings\n got %#v\nwant %#v", c.value, warns, c.want)
		}
	}
	w := Warning{Offset: 3, Code: WarnEmptyFilter, Message: "m"}
	if got, want := w.String(), "service-client-api.accepted-web-content-origins: byte offset 3: m (empty-filter)"; got != want {
		t.Errorf("Warning.String() = %q, want %q", got, want)
	}
}

// TestCanonicalForm: blanks, case, default ports and paths disappear; the
// order and the filters stay.
func TestCanonicalForm(t *testing.T) {
	cases := []struct{ value, want string }{
		{"", ""},
		{" \t\r\n ", ""},
		{"*", "*"},
		{"\n\tHTTP://My-Web-Server:80/path/page.html\t,https://B:443 ( agent.* ,voice.dial )\n", "http://my-web-server, https://b (agent.*, voice.dial)"},
		{"http://a(*)", "http://a (*)"},
		{"http://a()", "http://a ()"},
		{"* (agent.get),http://a", "* (agent.get), http://a"},
	}
	for _, c := range cases {
		l, _, err := Parse(c.value)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.value, err)
			continue
		}
		if got := l.String(); got != c.want {
			t.Errorf("Parse(%q).String() = %q, want %q", c.value, got, c.want)
		}
	}
}

func TestEntries(t *testing.T) {
	l := MustParse("http://a, * (voice.dial), http://b ()")
	want := []Entry{
		{Origin: "http://a"},
		{Origin: "*", Filtered: true, Keywords: []string{"voice.dial"}},
		{Origin: "http://b", Filtered: true, Keywords: []string{}},
	}
	got := l.Entries()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Entries() = %#v, want %#v", got, want)
	}
	got[1].Keywords[0] = "changed"
	if l.Entries()[1].Keywords[0] != "voice.dial" {
		t.Error("Entries() shares its slices with the list")
	}
	var nilList *List
	if nilList.Entries() != nil || nilList.String() != "" {
		t.Error("nil list is not empty")
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParse of a malformed value did not panic")
		}
	}()
	MustParse("(")
}
