package contract

// messengerMethods is the Messenger namespace (001 only).
func messengerMethods() []Method {
	return []Method{
		{Namespace: "messenger", Name: "broadcastMessage",
			Params: []Param{{Name: "channel", Type: TypeString}, {Name: "message", Type: TypeObject}}},
	}
}
