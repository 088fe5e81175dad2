package profile

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"scapi-conformance/contract/control"
)

// Error is a profile error at a position of the file.
type Error struct {
	File   string
	Line   int // 1-based; 0 when the error concerns the whole file
	Column int // 1-based; 0 when unknown (YAML syntax errors)
	Msg    string
}

func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Column == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// OptionPrefix is the prefix every configured option key must carry.
const OptionPrefix = "service-client-api."

// knownStimuli are the stimulus names of package control a profile may list.
var knownStimuli = []string{
	control.StimInboundCall, control.StimRemoteRelease, control.StimPartyChange,
	control.StimInboundChat, control.StimInboundEmail, control.StimChatEnd,
	control.StimPreviewRecord, control.StimCampaign, control.StimRecordsRetrieved,
	control.StimRealtime, control.StimElection, control.StimToastClick,
	control.StimCaseIDChange, control.StimAgentState,
}

// Load reads and validates a profile file.
func Load(path string) (*Profile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	return Parse(path, b)
}

// Parse reads and validates a profile from bytes; file names it in errors.
func Parse(file string, b []byte) (*Profile, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, syntaxError(file, err)
	}
	p := &Profile{File: file}
	if len(doc.Content) == 0 {
		return nil, &Error{File: file, Msg: "the profile is empty; it needs at least a target section"}
	}
	d := decoder{file: file}
	d.mapping(doc.Content[0], "the profile", fields{
		"target":  func(n *yaml.Node) { d.target(n, &p.Target) },
		"login":   func(n *yaml.Node) { d.login(n, &p.Login) },
		"options": func(n *yaml.Node) { p.Options = d.options(n) },
		"origins": func(n *yaml.Node) { p.Origins = d.origins(n) },
		"data":    func(n *yaml.Node) { d.data(n, &p.Data) },
		"stimuli": func(n *yaml.Node) { p.Stimuli = d.stimuli(n) },
	})
	if d.err != nil {
		return nil, d.err
	}
	return p, nil
}

// syntaxError turns a yaml.v3 parse error ("yaml: line N: …") into an Error.
func syntaxError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		return &Error{File: file, Line: line, Msg: "invalid YAML: " + msg}
	}
	return &Error{File: file, Msg: "invalid YAML: " + msg}
}

type fields map[string]func(*yaml.Node)

// decoder walks the node tree and keeps the first error.
type decoder struct {
	file string
	err  error
}

func (d *decoder) fail(n *yaml.Node, format string, args ...any) {
	if d.err == nil {
		d.err = &Error{File: d.file, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)}
	}
}

func (d *decoder) mapping(n *yaml.Node, where string, fs fields) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, "%s must be a mapping, found %s", where, kind(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content) && d.err == nil; i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		f, ok := fs[k.Value]
		switch {
		case !ok:
			d.fail(k, "unknown key %q in %s (known: %s)", k.Value, where, strings.Join(keys(fs), ", "))
		case seen[k.Value]:
			d.fail(k, "duplicate key %q in %s", k.Value, where)
		default:
			seen[k.Value] = true
			f(v)
		}
	}
}

func keys(fs fields) []string {
	out := make([]string, 0, len(fs))
	for k := range fs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func kind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("the scalar %q", n.Value)
}

func (d *decoder) str(n *yaml.Node, where string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.fail(n, "%s must be a string, found %s", where, kind(n))
		return ""
	}
	return n.Value
}

func (d *decoder) strings(n *yaml.Node, where string, each func(*yaml.Node, string)) []string {
	if n.Kind != yaml.SequenceNode {
		d.fail(n, "%s must be a list, found %s", where, kind(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for i, e := range n.Content {
		s := d.str(e, fmt.Sprintf("%s[%d]", where, i))
		if d.err != nil {
			return nil
		}
		if each != nil {
			each(e, s)
		}
		out = append(out, s)
	}
	return out
}

func (d *decoder) target(n *yaml.Node, t *Target) {
	d.mapping(n, "target", fields{
		"driver": func(v *yaml.Node) {
			t.Driver = d.str(v, "target.driver")
			if d.err == nil && t.Driver != "ws" && t.Driver != "browser" {
				d.fail(v, "target.driver must be ws or browser, found %q", t.Driver)
			}
		},
		"url":       func(v *yaml.Node) { t.URL = d.url(v, "target.url", "ws", "wss", "http", "https") },
		"control":   func(v *yaml.Node) { t.Control = d.url(v, "target.control", "http", "https") },
		"browser":   func(v *yaml.Node) { t.Browser = d.str(v, "target.browser") },
		"clientLib": func(v *yaml.Node) { t.ClientLib = d.url(v, "target.clientLib", "http", "https", "file") },
		"timeout": func(v *yaml.Node) {
			s := d.str(v, "target.timeout")
			if d.err != nil {
				return
			}
			dur, err := time.ParseDuration(s)
			if err != nil || dur <= 0 {
				d.fail(v, "target.timeout must be a positive duration such as 10s, found %q", s)
			}
			t.Timeout = dur
		},
	})
	if d.err == nil && t.URL != "" && t.Driver != "" {
		scheme := t.URL[:strings.Index(t.URL, ":")]
		wantWS := t.Driver == "ws"
		if (scheme == "ws" || scheme == "wss") != wantWS {
			d.fail(n, "target.url %q does not suit driver %s (ws wants ws:// or wss://, browser wants http:// or https://)", t.URL, t.Driver)
		}
	}
}

func (d *decoder) url(n *yaml.Node, where string, schemes ...string) string {
	s := d.str(n, where)
	if d.err != nil {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || !slices.Contains(schemes, u.Scheme) || (u.Scheme != "file" && u.Host == "") {
		d.fail(n, "%s must be an absolute %s URL, found %q", where, strings.Join(schemes, "/"), s)
	}
	return s
}

func (d *decoder) login(n *yaml.Node, l *Login) {
	d.mapping(n, "login", fields{
		"user":     func(v *yaml.Node) { l.User = d.str(v, "login.user") },
		"password": func(v *yaml.Node) { l.Password = d.str(v, "login.password") },
	})
}

func (d *decoder) options(n *yaml.Node) control.Options {
	if n.Kind != yaml.MappingNode {
		d.fail(n, "options must be a mapping of service-client-api.* keys to values, found %s", kind(n))
		return nil
	}
	o := control.Options{}
	for i := 0; i+1 < len(n.Content) && d.err == nil; i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !strings.HasPrefix(k.Value, OptionPrefix) {
			d.fail(k, "option %q does not start with %q", k.Value, OptionPrefix)
			return nil
		}
		if _, dup := o[k.Value]; dup {
			d.fail(k, "duplicate option %q", k.Value)
			return nil
		}
		if v.Kind != yaml.ScalarNode {
			d.fail(v, "option %s must be a scalar value, found %s", k.Value, kind(v))
			return nil
		}
		o[k.Value] = v.Value // "" for an explicitly empty value
		if v.Tag == "!!null" {
			o[k.Value] = ""
		}
	}
	return o
}

func (d *decoder) origins(n *yaml.Node) []string {
	var out []string
	d.strings(n, "origins", func(e *yaml.Node, s string) {
		o, err := NormalizeOrigin(s)
		if err != nil {
			d.fail(e, "origin %q: %v", s, err)
		}
		out = append(out, o)
	})
	return out
}

// NormalizeOrigin checks that s is an origin (scheme://host[:port], nothing
// else) and returns it lower-cased with a default port removed.
func NormalizeOrigin(s string) (string, error) {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "", err
	case u.Scheme != "http" && u.Scheme != "https":
		return "", errors.New("an origin is http:// or https:// followed by a host")
	case u.Host == "" || u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "":
		return "", errors.New("an origin is scheme://host[:port] with no user, path, query or fragment")
	}
	host := strings.ToLower(u.Host)
	if p := u.Port(); (u.Scheme == "http" && p == "80") || (u.Scheme == "https" && p == "443") {
		host = strings.ToLower(u.Hostname())
	}
	return u.Scheme + "://" + host, nil
}

func (d *decoder) data(n *yaml.Node, out *Data) {
	d.mapping(n, "data", fields{
		"agent": func(v *yaml.Node) {
			if v.Kind != yaml.MappingNode {
				d.fail(v, "data.agent must be a mapping, found %s", kind(v))
				return
			}
			if err := v.Decode(&out.Agent); err != nil {
				d.fail(v, "data.agent: %v", err)
			}
		},
		"media":     func(v *yaml.Node) { out.Media = d.strings(v, "data.media", nil) },
		"campaigns": func(v *yaml.Node) { out.Campaigns = d.strings(v, "data.campaigns", nil) },
	})
}

func (d *decoder) stimuli(n *yaml.Node) []string {
	return d.strings(n, "stimuli", func(e *yaml.Node, s string) {
		if !slices.Contains(knownStimuli, s) {
			d.fail(e, "unknown stimulus %q (known: %s)", s, strings.Join(knownStimuli, ", "))
		}
	})
}
