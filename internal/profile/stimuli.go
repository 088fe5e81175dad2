package profile

import (
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"scapi-conformance/internal/yamlpos"
)

// stimuli decodes stimuli: either a list of names (stimuli a steerable
// target offers), or a mapping of names to how the lab produces each one:
//
//	stimuli:
//	  inbound-call: {command: [./ring.sh, "5001"], timeout: 20s}
//	  inbound-chat: {manual: "Start a chat from the test page now"}
func (d *decoder) stimuli(n *yaml.Node) ([]string, map[string]LabStimulus) {
	if n.Kind != yaml.MappingNode {
		return d.Strings(n, "stimuli", func(e *yaml.Node, s string) { d.knownStimulus(e, s) }), nil
	}
	var names []string
	lab := map[string]LabStimulus{}
	for i := 0; i+1 < len(n.Content) && d.Err == nil; i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := d.String(k, "a stimulus name")
		d.knownStimulus(k, name)
		if _, dup := lab[name]; dup && d.Err == nil {
			d.Fail(k, "duplicate stimulus %q", name)
		}
		if d.Err != nil {
			break
		}
		lab[name] = d.labStimulus(v, "stimuli."+name)
		names = append(names, name)
	}
	if d.Err != nil {
		return nil, nil
	}
	return names, lab
}

func (d *decoder) knownStimulus(n *yaml.Node, s string) {
	if d.Err == nil && !slices.Contains(knownStimuli, s) {
		d.Fail(n, "unknown stimulus %q (known: %s)", s, strings.Join(knownStimuli, ", "))
	}
}

// labStimulus decodes {command: [argv…], manual: "…", timeout: 20s}.
func (d *decoder) labStimulus(n *yaml.Node, where string) LabStimulus {
	s := LabStimulus{Dir: filepath.Dir(d.File)}
	d.Mapping(n, where, yamlpos.Fields{
		"command": func(v *yaml.Node) {
			s.Command = d.Strings(v, where+".command", nil)
			switch {
			case d.Err != nil:
			case len(s.Command) == 0:
				d.Fail(v, "%s.command is an empty list: give the program and its arguments", where)
			case strings.TrimSpace(s.Command[0]) == "":
				d.Fail(v.Content[0], "%s.command names no program (its first element is empty)", where)
			}
			if d.Err == nil && strings.ContainsRune(s.Command[0], filepath.Separator) && !filepath.IsAbs(s.Command[0]) {
				s.Command[0] = filepath.Join(s.Dir, s.Command[0])
			}
		},
		"manual": func(v *yaml.Node) {
			if s.Manual = d.String(v, where+".manual"); d.Err == nil && strings.TrimSpace(s.Manual) == "" {
				d.Fail(v, "%s.manual is empty: give the instructions the operator follows", where)
			}
		},
		"timeout": func(v *yaml.Node) { s.Timeout = d.duration(v, where+".timeout") },
	})
	if d.Err == nil && (len(s.Command) > 0) == (s.Manual != "") {
		d.Fail(n, "%s needs a command or manual instructions (exactly one of them)", where)
	}
	return s
}

// duration decodes a positive duration such as 10s.
func (d *decoder) duration(n *yaml.Node, where string) time.Duration {
	s := d.String(n, where)
	if d.Err != nil {
		return 0
	}
	dur, err := time.ParseDuration(s)
	if err != nil || dur <= 0 {
		d.Fail(n, "%s must be a positive duration such as 10s, found %q", where, s)
	}
	return dur
}
