package profile

import (
	"reflect"
	"testing"
	"time"

	"scapi-conformance/contract/control"
)

func TestParseLabStimuli(t *testing.T) {
	p, err := Parse("/lab/p.yaml", []byte(`stimuli:
  inbound-call: {command: [./ring.sh, "5001"], timeout: 20s}
  remote-release:
    command: [sip-tool, hangup]
  inbound-chat: {manual: "Start a chat from the test page now"}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]LabStimulus{
		control.StimInboundCall:   {Command: []string{"/lab/ring.sh", "5001"}, Dir: "/lab", Timeout: 20 * time.Second},
		control.StimRemoteRelease: {Command: []string{"sip-tool", "hangup"}, Dir: "/lab"},
		control.StimInboundChat:   {Manual: "Start a chat from the test page now", Dir: "/lab"},
	}
	if !reflect.DeepEqual(p.Lab, want) || !reflect.DeepEqual(p.Stimuli, []string{control.StimInboundCall, control.StimRemoteRelease, control.StimInboundChat}) {
		t.Errorf("Parse: stimuli %v, lab %+v; want %+v", p.Stimuli, p.Lab, want)
	}
	if p, err := Parse("p.yaml", []byte("stimuli: [inbound-call]\n")); err != nil || p.Lab != nil {
		t.Errorf("the list form: %v, lab %v; want no lab", err, p.Lab)
	}
}

func TestParseLabStimuliErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"unknown name", "stimuli:\n  alien-landing: {manual: look up}\n",
			`p.yaml:2:3: unknown stimulus "alien-landing" (known: inbound-call, remote-release, party-change, inbound-chat, inbound-email, chat-end, preview-record, campaign, records-retrieved, realtime-connection, frame-election, toast-button-click, case-id-change, agent-state)`},
		{"both", "stimuli:\n  inbound-call: {command: [x], manual: y}\n", `p.yaml:2:17: stimuli.inbound-call needs a command or manual instructions (exactly one of them)`},
		{"neither", "stimuli:\n  inbound-call: {timeout: 5s}\n", `p.yaml:2:17: stimuli.inbound-call needs a command or manual instructions (exactly one of them)`},
		{"not a mapping", "stimuli:\n  inbound-call: ./ring.sh\n", `p.yaml:2:17: stimuli.inbound-call must be a mapping, found the scalar "./ring.sh"`},
		{"command a string", "stimuli:\n  inbound-call: {command: ./ring.sh}\n", `p.yaml:2:27: stimuli.inbound-call.command must be a list, found the scalar "./ring.sh"`},
		{"empty command", "stimuli:\n  inbound-call: {command: []}\n", `p.yaml:2:27: stimuli.inbound-call.command is an empty list: give the program and its arguments`},
		{"empty program", "stimuli:\n  inbound-call: {command: ['', x]}\n", `p.yaml:2:28: stimuli.inbound-call.command names no program (its first element is empty)`},
		{"empty manual", "stimuli:\n  inbound-call: {manual: ' '}\n", `p.yaml:2:26: stimuli.inbound-call.manual is empty: give the instructions the operator follows`},
		{"bad timeout", "stimuli:\n  inbound-call: {command: [x], timeout: soon}\n", `p.yaml:2:41: stimuli.inbound-call.timeout must be a positive duration such as 10s, found "soon"`},
		{"unknown key", "stimuli:\n  inbound-call: {command: [x], shell: bash}\n", `p.yaml:2:32: unknown key "shell" in stimuli.inbound-call (known: command, manual, timeout)`},
		{"duplicate", "stimuli:\n  inbound-call: {manual: a}\n  inbound-call: {manual: b}\n", `p.yaml:3:3: duplicate stimulus "inbound-call"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("p.yaml", []byte(tc.in))
			if err == nil || err.Error() != tc.want {
				t.Errorf("Parse error = %v\nwant %s", err, tc.want)
			}
		})
	}
}
