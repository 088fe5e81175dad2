package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/suites/framework"
)

var _ = Describe("Messenger namespace", func() {
	framework.ConformanceIt("broadcastMessage reaches the other clients subscribed to the channel, with the message as data",
		framework.Reqs{"messenger.broadcastMessage.1", "messenger.broadcastMessage.2", "messenger.broadcastMessage.3", "messenger.broadcastMessage.4"},
		func(s *framework.Session) {
			origins := s.NeedOrigins(3)
			sender := s.Client(origins[0])
			both := s.Client(origins[1])
			s.Subscribe(both, "messenger:my-channel", "messenger:my-channel2")
			// "have subscribed to the channel": the channel's own name; one
			// whose name merely starts with it is another channel.
			other := s.Client(origins[2])
			s.Subscribe(other, "messenger:another-channel", "messenger:my-channel-archive")
			message := map[string]any{"foo": "A foo text.", "bar": float64(1234)}
			s.OK(sender, "messenger.broadcastMessage", "my-channel", message)
			s.For("messenger.broadcastMessage.2", func() {
				Expect(s.Event(both, "messenger:my-channel", "")).To(Equal(message), "you receive an event called messenger:<channel> with the message in the data attribute")
			})
			s.OK(sender, "messenger.broadcastMessage", "my-channel2", map[string]any{"n": float64(2)})
			second := s.Event(both, "messenger:my-channel2", "")
			s.For("messenger.broadcastMessage.1", func() {
				// Only the channel's subscribers hear it, and only as that
				// channel: not as my-channel2, not as my-channel-archive.
				Expect(second).NotTo(Equal(message), "the message broadcast on my-channel reached the subscription to my-channel2")
				s.ExpectNoEventSoFar(other)
			})
			s.For("messenger.broadcastMessage.4", func() {
				Expect(second).To(Equal(map[string]any{"n": float64(2)}), "It is possible to subscribe to several channels")
			})
		})

	framework.ConformanceIt("the broadcaster does not hear its own message",
		framework.Reqs{"messenger.broadcastMessage.5"}, func(s *framework.Session) {
			origins := s.NeedOrigins(2)
			sender := s.Client(origins[0])
			s.Subscribe(sender, "messenger:echo")
			peer := s.Client(origins[1])
			s.Subscribe(peer, "messenger:echo")
			s.OK(sender, "messenger.broadcastMessage", "echo", map[string]any{"x": "y"})
			s.Event(peer, "messenger:echo", "")
			// Whatever reached the sender up to a barrier sent after the
			// broadcast was answered, however slow the target.
			echoed := false
			for _, m := range s.SoFar(sender) {
				name, _ := m.String("event")
				echoed = echoed || name == "messenger:echo"
			}
			s.Holds("INT-EVENT-3", !echoed)
		})
})
