package profile

import (
	"errors"
	"io/fs"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"scapi-conformance/contract/control"
)

const full = `# a certification target
target:
  driver: ws
  url: ws://127.0.0.1:8080/scapi
  control: http://127.0.0.1:8080/control
  timeout: 5s
login:
  user: agent1
  password: "hunter2"
options:
  service-client-api.accepted-web-content-origins: "https://a.example, https://b.example (agent.*)"
  service-client-api.rate-limit: 50
  service-client-api.user-data.read-allowed:
origins: [https://A.example:443, "http://b.example:8080"]
data:
  agent: {userName: agent1, firstName: Ann}
  media: [voice, chat]
  campaigns: [Spring]
stimuli: [inbound-call, campaign]
`

func TestParseFull(t *testing.T) {
	p, err := Parse("p.yaml", []byte(full))
	if err != nil {
		t.Fatal(err)
	}
	want := &Profile{
		File:   "p.yaml",
		Target: Target{Driver: "ws", URL: "ws://127.0.0.1:8080/scapi", Control: "http://127.0.0.1:8080/control", Timeout: 5 * time.Second},
		Login:  Login{User: "agent1", Password: "hunter2"},
		Options: control.Options{
			"service-client-api.accepted-web-content-origins": "https://a.example, https://b.example (agent.*)",
			"service-client-api.rate-limit":                   "50",
			"service-client-api.user-data.read-allowed":       "",
		},
		Origins: []string{"https://a.example", "http://b.example:8080"},
		Data:    Data{Agent: map[string]any{"userName": "agent1", "firstName": "Ann"}, Media: []string{"voice", "chat"}, Campaigns: []string{"Spring"}},
		Stimuli: []string{control.StimInboundCall, control.StimCampaign},
	}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("Parse:\n got %+v\nwant %+v", p, want)
	}
	if got := p.Secrets(); !reflect.DeepEqual(got, []string{"hunter2"}) {
		t.Errorf("Secrets() = %q", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", `p.yaml: the file is empty; it needs at least one of target, login, options, origins, data, stimuli`},
		{"syntax", "target:\n  url: [\n", `p.yaml:2: invalid YAML: did not find expected node content`},
		{"not a mapping", "- a\n", `p.yaml:1:1: the profile must be a mapping, found a list`},
		{"unknown key", "target:\n  drvier: ws\n", `p.yaml:2:3: unknown key "drvier" in target (known: browser, clientLib, control, driver, embedded, timeout, url)`},
		{"duplicate key", "login: {user: a}\nlogin: {user: b}\n", `p.yaml:2:1: duplicate key "login" in the profile`},
		{"bad driver", "target:\n  driver: http\n", `p.yaml:2:11: target.driver must be ws or browser, found "http"`},
		{"bad url", "target:\n  url: 127.0.0.1:80\n", `p.yaml:2:8: target.url must be an absolute ws/wss/http/https URL, found "127.0.0.1:80"`},
		{"url vs driver", "target:\n  driver: browser\n  url: ws://h/x\n", `p.yaml:2:3: target.url "ws://h/x" does not suit driver browser (ws wants ws:// or wss://, browser wants http:// or https://)`},
		{"bad embedded", "target:\n  embedded: yes\n", `p.yaml:2:13: target.embedded must be true or false, found the scalar "yes"`},
		{"bad timeout", "target:\n  timeout: soon\n", `p.yaml:2:12: target.timeout must be a positive duration such as 10s, found "soon"`},
		{"password not string", "login:\n  password: [a]\n", `p.yaml:2:13: login.password must be a string, found a list`},
		{"bad option key", "options:\n  rate-limit: 3\n", `p.yaml:2:3: option "rate-limit" does not start with "service-client-api."`},
		{"option list", "options:\n  service-client-api.rate-limit: [3]\n", `p.yaml:2:34: option service-client-api.rate-limit must be a scalar value, found a list`},
		// Option values are checked by the contract parsers (package inforce) when the profile is loaded;
		// the column is that of the malformed byte when the value is written as it is read.
		{"bad origins", "options:\n  service-client-api.accepted-web-content-origins: \"https://a.example.com (agent.*\"\n",
			`p.yaml:2:83: option service-client-api.accepted-web-content-origins: byte offset 30: expected ',' before the next keyword, or ')' closing the filter, found end of value`},
		{"rate limit not a number", "options:\n  service-client-api.rate-limit: five\n",
			`p.yaml:2:34: service-client-api.rate-limit="five": byte offset 0: expected a decimal digit (a whole number of 0 or more)`},
		{"negative delay", "options:\n  service-client-api.rate-limit-quarantine-delay: -1\n",
			`p.yaml:2:51: service-client-api.rate-limit-quarantine-delay="-1": byte offset 0: expected a decimal digit (a whole number of 0 or more)`},
		{"per-request limit without a request", "options:\n  service-client-api.rate-limit.dial: 2\n",
			`p.yaml:2:3: service-client-api.rate-limit.dial: bad option name: expected "service-client-api.rate-limit." followed by a request name namespace.method`},
		{"read list", "options:\n  service-client-api.user-data.read-allowed: \"Key1,,Key2\"\n",
			`p.yaml:2:52: option service-client-api.user-data.read-allowed: user-data key list: byte offset 5: expected a user-data key or '*', found ','`},
		{"write list", "options:\n  service-client-api.user-data.write-allowed: ','\n",
			`p.yaml:2:48: option service-client-api.user-data.write-allowed: user-data key list: byte offset 0: expected a user-data key or '*', found ','`},
		{"escaped value: at the value", "options:\n  service-client-api.user-data.read-allowed: \"K\\u00e9y,,x\"\n",
			`p.yaml:2:46: option service-client-api.user-data.read-allowed: user-data key list: byte offset 5: expected a user-data key or '*', found ','`},
		{"unknown option", "options:\n  service-client-api.rate-limit.voice.dial: 2\n  service-client-api.rate-limt: 5\n",
			`p.yaml:3:3: unknown option "service-client-api.rate-limt": the documented ones are the service-client-api.* options of the Security configuration`},
		{"bad origin", "origins:\n  - https://a.example/path\n", `p.yaml:2:5: origin "https://a.example/path": an origin is scheme://host[:port] with no user, path, query or fragment`},
		{"origin scheme", "origins: [ftp://a]\n", `p.yaml:1:11: origin "ftp://a": at byte 0: expected an origin starting with "http://" or "https://", found "ftp://a"`},
		{"media not list", "data:\n  media: voice\n", `p.yaml:2:10: data.media must be a list, found the scalar "voice"`},
		{"agent not map", "data:\n  agent: [1]\n", `p.yaml:2:10: data.agent must be a mapping, found a list`},
		{"unknown stimulus", "stimuli: [inbound-call, alien-landing]\n", `p.yaml:1:25: unknown stimulus "alien-landing" (known: inbound-call, remote-release, party-change, inbound-chat, inbound-email, chat-end, preview-record, campaign, records-retrieved, realtime-connection, frame-election, toast-button-click, case-id-change, agent-state)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse("p.yaml", []byte(tc.in))
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want error %q", tc.in, p, tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("Parse(%q) error\n got %s\nwant %s", tc.in, err, tc.want)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent.yaml")
	_, err := Load(path)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(absent) error = %v, want a not-exist error", err)
	}
}
