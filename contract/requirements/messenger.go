package requirements

func init() {
	const s = "Messenger namespace > broadcastMessage"
	Register(
		inReference("messenger.broadcastMessage.1", s,
			"Send a message to other web applications that use the Service Client API and have subscribed to the specified channel."),
		inReference("messenger.broadcastMessage.2", s,
			"When a message is broadcast to your channel, you receive an event called messenger:<channel> with the message in the data attribute. { \"event\": \"messenger:my-channel\", \"data\": { \"foo\": \"A foo text.\", \"bar\": 1234 }, \"userAgent\": \"WWE Server\", \"protocolVersion\": 2 }"),
		inReference("messenger.broadcastMessage.3", s,
			"In order to receive this message, you must \"subscribe\" to \"my-channel\": genesys.wwe.service.subscribe([ \"messenger:my-channel\" ], ...)"),
		inReference("messenger.broadcastMessage.4", s,
			"It is possible to subscribe to several channels: genesys.wwe.service.subscribe([ \"messenger:my-channel\", \"messenger:my-channel2\" ], function(message) { console.log(\"message: \" + message.data + \", channel: \" + message.event); }, this);"),
		inReference("messenger.broadcastMessage.5", s,
			"Send a message to other web applications that use the Service Client API and have subscribed to the specified channel.", "INT-EVENT-3"),
	)
}
