package profile

import (
	"maps"
	"testing"

	"scapi-conformance/contract/control"
)

func TestParseOptions(t *testing.T) {
	const yamlFile = `# the Workspace as configured
service-client-api.accepted-web-content-origins: "https://app.example.com (*, auth.getJwtToken)"
service-client-api.rate-limit: 5
service-client-api.rate-limit-quarantine-delay: 10
service-client-api.user-data.read-allowed: Key1,Key2
service-client-api.user-data.write-allowed:
`
	const jsonFile = `{"service-client-api.rate-limit.voice.dial": 2, "service-client-api.user-data.read-allowed": ""}`
	cases := []struct {
		name, file, text string
		want             control.Options
		err              string
	}{
		{"yaml", "o.yaml", yamlFile, control.Options{
			"service-client-api.accepted-web-content-origins": "https://app.example.com (*, auth.getJwtToken)",
			"service-client-api.rate-limit":                   "5", "service-client-api.rate-limit-quarantine-delay": "10",
			"service-client-api.user-data.read-allowed": "Key1,Key2", "service-client-api.user-data.write-allowed": ""}, ""},
		{"json", "o.json", jsonFile, control.Options{
			"service-client-api.rate-limit.voice.dial": "2", "service-client-api.user-data.read-allowed": ""}, ""},
		{"bad value", "o.yaml", "service-client-api.rate-limit: 5\nservice-client-api.rate-limit-quarantine-delay: soon\n", nil,
			`o.yaml:2:49: service-client-api.rate-limit-quarantine-delay="soon": byte offset 0: expected a decimal digit`},
		{"bad origins in json", "o.json", `{
  "service-client-api.accepted-web-content-origins": "https://a.example (agent."
}`, nil, "o.json:2:80: option service-client-api.accepted-web-content-origins: byte offset 25: expected "},
		{"unknown option", "o.yaml", "service-client-api.colour: blue\n", nil, `o.yaml:1:1: unknown option "service-client-api.colour"`},
		{"no prefix", "o.yaml", "rate-limit: 5\n", nil, `o.yaml:1:1: option "rate-limit" does not start with "service-client-api."`},
		{"not a mapping", "o.yaml", "- service-client-api.rate-limit\n", nil, "o.yaml:1:1: options must be a mapping of service-client-api.* keys to values, found a list"},
		{"empty", "o.yaml", "", nil, "o.yaml: the file is empty; it needs a mapping of service-client-api.* options to their values"},
		{"syntax", "o.json", "{\"a\": [}", nil, "o.json: invalid YAML: did not find expected node content"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseOptions(c.file, []byte(c.text))
			switch {
			case c.err == "" && err != nil:
				t.Fatalf("error %v", err)
			case c.err != "" && (err == nil || len(err.Error()) < len(c.err) || err.Error()[:len(c.err)] != c.err):
				t.Fatalf("error %v; want it to start with %q", err, c.err)
			case c.err == "" && !maps.Equal(got, c.want):
				t.Errorf("options %v; want %v", got, c.want)
			}
		})
	}
}

func TestLoadOptionsMissingFile(t *testing.T) {
	if _, err := LoadOptions("/nonexistent/options.yaml"); err == nil || err.Error() != "options: open /nonexistent/options.yaml: no such file or directory" {
		t.Errorf("error %v", err)
	}
}
