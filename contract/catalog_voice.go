package contract

import "scapi-conformance/contract/control"

// voiceMethods is the Voice namespace (001 and 000; dialEx is 001 only). The
// six microphone and speaker methods go on the wire as sipEndpoint.*.
func voiceMethods() []Method {
	call := func(name string, needs ...string) Method {
		return Method{Namespace: "voice", Name: name, ChangesState: true, Documents: both(),
			Params: []Param{pInteractionID}, Needs: append([]string{control.StimInboundCall}, needs...)}
	}
	recording := func(name string) Method {
		m := call(name, NeedEstablished)
		m.ListedKeyword = true
		return m
	}
	sip := func(name, result string, changes bool) Method {
		wire := "sipEndpoint." + name
		m := Method{Namespace: "voice", Name: name, Wire: wire, AllowKeyword: wire, Result: result,
			ChangesState: changes, Documents: withLibrary(both()),
			Differences: []Difference{
				{Interpretation: "INT-CAT-1", Between: withLibrary(both()),
					Text: "Documented under voice; the vendor client library sends the request as " + wire + "."},
				{Interpretation: "INT-CAT-2", Between: withLibrary(both()),
					Text: "The allow-list keyword follows the request name on the wire, " + wire + ", not voice." + name + "."},
			}}
		if result != "" {
			m.Differences = append(m.Differences, Difference{Interpretation: "INT-CAT-17", Between: both(),
				Text: "No Returns row; the description (\"Get the mute state\") implies a boolean, true when muted."})
		}
		return m
	}
	dial := Method{Namespace: "voice", Name: "dial", ListedKeyword: true, ChangesState: true, Documents: both(),
		Params: []Param{{Name: "destination", Type: TypeString}, pUserData}}
	dialEx := Method{Namespace: "voice", Name: "dialEx", ListedKeyword: true, ChangesState: true,
		Params:      []Param{{Name: "destination", Type: TypeString}, pUserDataOrUndefined, pExtensionOrUndefined},
		Differences: []Difference{keywordArgs(), undefinedObjects()}}
	return []Method{
		call("answer"), dial, dialEx,
		call("hangUp", NeedEstablished), call("hold", NeedEstablished), call("resume", NeedEstablished, NeedHeld),
		recording("pauseCallRecording"), recording("resumeCallRecording"),
		recording("startCallRecording"), recording("stopCallRecording"),
		sip("isMicrophoneMute", "boolean", false), sip("muteMicrophone", "", true), sip("unmuteMicrophone", "", true),
		sip("isSpeakerMute", "boolean", false), sip("muteSpeaker", "", true), sip("unmuteSpeaker", "", true),
	}
}
