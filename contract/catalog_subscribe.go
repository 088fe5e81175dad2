package contract

// subscriptionMethods are subscribe and unsubscribe: sent with an event key
// instead of request, their single argument in data (not parameters). They
// have no namespace and no allow-list keyword.
func subscriptionMethods() []Method {
	docs := withLibrary(both())
	return []Method{
		{Name: "subscribe", Wire: "subscribe", Documents: docs,
			Section: "001 Service Client API > Working with the API > Notifications",
			Params:  []Param{{Name: "events", Type: TypeStringOrArray}},
			Differences: []Difference{{Interpretation: "INT-CAT-19", Between: docs,
				Text: "The documents show genesys.wwe.service.subscribe(names, handler, context) only; the envelope ({event:\"subscribe\", data}), its acknowledgement (a reply with subscriptionId, no event key) and the rule that events before it are lost come from the client library. The acknowledgement carries no data: its schema is envelope.SubscribeAck."}}},
		{Name: "unsubscribe", Wire: "unsubscribe", Documents: []Document{DocClientLibrary},
			Section: "client library (DESIGN.md, Wire protocol > Unsubscribe)",
			Params:  []Param{{Name: "subscriptionId", Type: TypeString}}, Needs: []string{NeedSubscription},
			Differences: []Difference{{Interpretation: "INT-CAT-19", Between: []Document{DocClientLibrary},
				Text: "Not in either document: the client library sends {event:\"unsubscribe\", data: subscriptionId} and expects no reply."}}},
	}
}
