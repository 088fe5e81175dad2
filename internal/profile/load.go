package profile

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/control"
	"scapi-conformance/contract/inforce"
	"scapi-conformance/internal/yamlpos"
)

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
	root, err := yamlpos.Parse(file, b, "at least one of target, login, options, origins, data, stimuli")
	if err != nil {
		return nil, err
	}
	p := &Profile{File: file}
	d := decoder{yamlpos.Decoder{File: file}}
	d.Mapping(root, "the profile", yamlpos.Fields{
		"target":  func(n *yaml.Node) { d.target(n, &p.Target) },
		"login":   func(n *yaml.Node) { d.login(n, &p.Login) },
		"options": func(n *yaml.Node) { p.Options = d.options(n) },
		"origins": func(n *yaml.Node) { p.Origins = d.origins(n) },
		"data":    func(n *yaml.Node) { d.data(n, &p.Data) },
		"stimuli": func(n *yaml.Node) { p.Stimuli, p.Lab = d.stimuli(n) },
	})
	if d.Err != nil {
		return nil, d.Err
	}
	return p, nil
}

// decoder adds the profile's value kinds to yamlpos.Decoder.
type decoder struct{ yamlpos.Decoder }

// Error is a profile error at a position of the file.
type Error = yamlpos.Error

func (d *decoder) target(n *yaml.Node, t *Target) {
	d.Mapping(n, "target", yamlpos.Fields{
		"driver": func(v *yaml.Node) {
			t.Driver = d.String(v, "target.driver")
			if d.Err == nil && t.Driver != "ws" && t.Driver != "browser" {
				d.Fail(v, "target.driver must be ws or browser, found %q", t.Driver)
			}
		},
		"url":       func(v *yaml.Node) { t.URL = d.url(v, "target.url", "ws", "wss", "http", "https") },
		"control":   func(v *yaml.Node) { t.Control = d.url(v, "target.control", "http", "https") },
		"browser":   func(v *yaml.Node) { t.Browser = d.String(v, "target.browser") },
		"clientLib": func(v *yaml.Node) { t.ClientLib = d.url(v, "target.clientLib", "http", "https", "file") },
		"embedded": func(v *yaml.Node) {
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" || v.Decode(&t.Embedded) != nil {
				d.Fail(v, "target.embedded must be true or false, found %s", yamlpos.Kind(v))
			}
		},
		"timeout": func(v *yaml.Node) {
			t.Timeout = d.duration(v, "target.timeout")
		},
	})
	if d.Err == nil && t.URL != "" && t.Driver != "" {
		scheme := t.URL[:strings.Index(t.URL, ":")]
		wantWS := t.Driver == "ws"
		if (scheme == "ws" || scheme == "wss") != wantWS {
			d.Fail(n, "target.url %q does not suit driver %s (ws wants ws:// or wss://, browser wants http:// or https://)", t.URL, t.Driver)
		}
	}
}

func (d *decoder) url(n *yaml.Node, where string, schemes ...string) string {
	s := d.String(n, where)
	if d.Err != nil {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || !slices.Contains(schemes, u.Scheme) || (u.Scheme != "file" && u.Host == "") {
		d.Fail(n, "%s must be an absolute %s URL, found %q", where, strings.Join(schemes, "/"), s)
	}
	return s
}

func (d *decoder) login(n *yaml.Node, l *Login) {
	d.Mapping(n, "login", yamlpos.Fields{
		"user":     func(v *yaml.Node) { l.User = d.String(v, "login.user") },
		"password": func(v *yaml.Node) { l.Password = d.String(v, "login.password") },
		"script":   func(v *yaml.Node) { l.Script = d.script(v, "login.script") },
		"ready":    func(v *yaml.Node) { l.Ready = d.nonEmpty(v, "login.ready") },
	})
}

// maxScript bounds a login script file.
const maxScript = 1 << 20

// script reads a JavaScript value: inline, or @FILE relative to the profile.
func (d *decoder) script(n *yaml.Node, where string) string {
	s := d.nonEmpty(n, where)
	name, isFile := strings.CutPrefix(s, "@")
	if d.Err != nil || !isFile {
		return s
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(d.File), path)
	}
	var b []byte
	fi, err := os.Stat(path)
	if err == nil && fi.Size() > maxScript {
		err = fmt.Errorf("%s is larger than %d bytes", path, maxScript)
	}
	if err == nil {
		b, err = os.ReadFile(path)
	}
	switch {
	case err != nil:
		d.Fail(n, "%s: %v", where, err)
	case strings.TrimSpace(string(b)) == "":
		d.Fail(n, "%s: %s is empty", where, path)
	}
	return string(b)
}

// nonEmpty reads a string that must not be blank.
func (d *decoder) nonEmpty(n *yaml.Node, where string) string {
	s := d.String(n, where)
	if d.Err == nil && strings.TrimSpace(s) == "" {
		d.Fail(n, "%s must not be empty", where)
	}
	return s
}

func (d *decoder) options(n *yaml.Node) control.Options {
	if n.Kind != yaml.MappingNode {
		d.Fail(n, "options must be a mapping of service-client-api.* keys to values, found %s", yamlpos.Kind(n))
		return nil
	}
	o := control.Options{}
	for i := 0; i+1 < len(n.Content) && d.Err == nil; i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !strings.HasPrefix(k.Value, OptionPrefix) {
			d.Fail(k, "option %q does not start with %q", k.Value, OptionPrefix)
			return nil
		}
		if _, dup := o[k.Value]; dup {
			d.Fail(k, "duplicate option %q", k.Value)
			return nil
		}
		if v.Kind != yaml.ScalarNode {
			d.Fail(v, "option %s must be a scalar value, found %s", k.Value, yamlpos.Kind(v))
			return nil
		}
		o[k.Value] = v.Value // "" for an explicitly empty value
		if v.Tag == "!!null" {
			o[k.Value] = ""
		}
		d.checkOption(k, v, o[k.Value])
	}
	if d.Err != nil {
		return nil
	}
	return o
}

// checkOption checks one option with the contract parsers (package
// inforce, as the suite and the fuzzer read the options in force): a wrong
// name is an error at the key, a value that does not parse one at the
// malformed byte of the value when the file spells the value as it is read,
// else at the value; each names the option.
func (d *decoder) checkOption(k, v *yaml.Node, value string) {
	_, err := inforce.Parse(map[string]string{k.Value: value})
	if err == nil {
		return
	}
	at := v
	if oe := (*inforce.OptionError)(nil); errors.As(err, &oe) && oe.InName {
		at = k
	} else if off, ok := oe.ValueOffset(); ok && verbatim(v) {
		at = &yaml.Node{Line: v.Line, Column: v.Column + off}
		if v.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
			at.Column++
		}
	}
	d.Fail(at, "%v", err)
}

// verbatim reports whether a scalar's value is written byte for byte on its
// line: printable ASCII, plain or quoted without anything the quotes would
// escape, so that a byte offset in the value is a column offset in the file.
func verbatim(v *yaml.Node) bool {
	quote := map[yaml.Style]string{0: "", yaml.SingleQuotedStyle: "'", yaml.DoubleQuotedStyle: "\"\\"}
	escaped, ok := quote[v.Style]
	if !ok || v.Tag == "!!null" {
		return false
	}
	for i := 0; i < len(v.Value); i++ {
		if c := v.Value[i]; c < ' ' || c > '~' || strings.IndexByte(escaped, c) >= 0 {
			return false
		}
	}
	return true
}

func (d *decoder) origins(n *yaml.Node) []string {
	var out []string
	d.Strings(n, "origins", func(e *yaml.Node, s string) {
		o, err := normalizeOrigin(s)
		if err != nil {
			d.Fail(e, "origin %q: %v", s, err)
		}
		out = append(out, o)
	})
	return out
}

// normalizeOrigin checks that s is an origin and nothing more
// (scheme://host[:port]) and returns it as browsers report event.origin
// (contract/allowlist.NormalizeOrigin).
func normalizeOrigin(s string) (string, error) {
	if u, err := url.Parse(s); err == nil && (u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "") {
		return "", errors.New("an origin is scheme://host[:port] with no user, path, query or fragment")
	}
	o, err := allowlist.NormalizeOrigin(s)
	var pe *allowlist.ParseError
	if errors.As(err, &pe) {
		return "", fmt.Errorf("at byte %d: expected %s, found %s", pe.Offset, pe.Expected, pe.Found)
	}
	return o, err
}

func (d *decoder) data(n *yaml.Node, out *Data) {
	d.Mapping(n, "data", yamlpos.Fields{
		"agent": func(v *yaml.Node) {
			if v.Kind != yaml.MappingNode {
				d.Fail(v, "data.agent must be a mapping, found %s", yamlpos.Kind(v))
				return
			}
			if err := v.Decode(&out.Agent); err != nil {
				d.Fail(v, "data.agent: %v", err)
			}
		},
		"media":     func(v *yaml.Node) { out.Media = d.Strings(v, "data.media", nil) },
		"campaigns": func(v *yaml.Node) { out.Campaigns = d.Strings(v, "data.campaigns", nil) },
	})
}
