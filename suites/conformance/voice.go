package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/suites/framework"
)

var _ = Describe("Voice namespace", func() {
	framework.ConformanceIt("call recording: start, pause, resume and stop move recordingState, each with CALL_RECORDING_STATE_CHANGED",
		framework.Reqs{"voice.recording.1", "voice.startCallRecording.1", "voice.pauseCallRecording.1",
			"voice.resumeCallRecording.1", "voice.stopCallRecording.1", "events.interaction.CALL_RECORDING_STATE_CHANGED.1"},
		func(s *framework.Session) {
			c := s.Agent("interaction")
			id := s.Talking(c)
			for _, st := range []struct{ method, state string }{
				{"voice.startCallRecording", "RECORDING"},
				{"voice.pauseCallRecording", "PAUSED"},
				{"voice.resumeCallRecording", "RECORDING"},
				{"voice.stopCallRecording", "STOPPED"},
			} {
				By(st.method)
				s.For(st.method+".1", func() { s.OK(c, st.method, id) })
				s.For("events.interaction.CALL_RECORDING_STATE_CHANGED.1", func() {
					it := s.InteractionEvent(c, "CALL_RECORDING_STATE_CHANGED", id)
					Expect(it).To(HaveKeyWithValue("recordingState", st.state), "after %s", st.method)
				})
				s.For("voice.recording.1", func() {
					Expect(s.GetInteraction(c, id)).To(HaveKeyWithValue("recordingState", st.state),
						"The call recording state is stored in the recordingState attribute on the interaction.Interaction object.")
				})
			}
		})

	for _, device := range []string{"Microphone", "Speaker"} {
		framework.ConformanceIt("the "+device+" mute state follows mute"+device+" and unmute"+device,
			framework.Reqs{"voice.is" + device + "Mute.1", "voice.mute" + device + ".1", "voice.unmute" + device + ".1"},
			func(s *framework.Session) {
				c := s.Agent()
				for _, st := range []struct {
					method string
					muted  bool
				}{{"voice.mute" + device, true}, {"voice.unmute" + device, false}, {"voice.mute" + device, true}} {
					s.OK(c, st.method)
					// A state that does not follow is the method's failure.
					s.For(st.method+".1", func() {
						Expect(s.OK(c, "voice.is"+device+"Mute")).To(Equal(st.muted), "is%sMute after %s", device, st.method)
					})
				}
			})
	}

	framework.ConformanceIt("voice methods on an interaction that does not exist fail",
		framework.Reqs{"interaction.unknownId.1"}, func(s *framework.Session) {
			c := s.Agent()
			for _, name := range []string{"voice.answer", "voice.hangUp", "voice.hold", "voice.resume",
				"voice.startCallRecording", "voice.pauseCallRecording", "voice.resumeCallRecording", "voice.stopCallRecording"} {
				By(name)
				s.UnknownInteraction(c, name)
			}
		})
})
