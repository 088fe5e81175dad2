package allowlist_test

import (
	"fmt"

	"scapi-conformance/contract/allowlist"
)

// The documented four-server example, asked what my-web-server2 may do.
func ExampleList_Decide() {
	l, warnings, err := allowlist.Parse("http://my-web-server0, http://my-web-server1 (*), http://my-web-server2 (agent.*, voice.dial), http://my-web-server3 (agent.*, interaction.*)")
	if err != nil {
		panic(err)
	}
	fmt.Println(len(warnings), "warnings")
	for _, request := range []string{"agent.get", "voice.dial", "interaction.setUserData"} {
		d := l.Decide("HTTP://My-Web-Server2:80", request)
		fmt.Printf("%s allowed=%v entry=%s filter=%q\n", request, d.Allowed, d.Entry, d.Filter)
	}
	// Output:
	// 0 warnings
	// agent.get allowed=true entry=http://my-web-server2 filter="agent.*"
	// voice.dial allowed=true entry=http://my-web-server2 filter="voice.dial"
	// interaction.setUserData allowed=false entry=http://my-web-server2 filter=""
}

// A malformed value: the error names the byte offset and what was expected;
// a questionable one parses with warnings.
func ExampleParse() {
	_, _, err := allowlist.Parse("http://a (agent.get voice.dial)")
	fmt.Println(err)
	l, warnings, _ := allowlist.Parse("http://a/page.html (auth.*)")
	fmt.Println(l)
	for _, w := range warnings {
		fmt.Println(w)
	}
	// Output:
	// service-client-api.accepted-web-content-origins: byte offset 20: expected ',' before the next keyword, or ')' closing the filter, found 'v'
	// http://a (auth.*)
	// service-client-api.accepted-web-content-origins: byte offset 8: path, query or fragment "/page.html" ignored: the entry stands for the origin http://a (path-ignored)
	// service-client-api.accepted-web-content-origins: byte offset 20: keyword auth.* does not grant auth.getJwtToken; name it explicitly (jwt-wildcard)
}
