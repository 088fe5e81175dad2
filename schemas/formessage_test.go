package schemas

import (
	"reflect"
	"testing"

	"scapi-conformance/contract/wire"
)

// ForMessage names the schemas of each kind of message, by what it answers
// when that is known and by its keys when not.
func TestForMessage(t *testing.T) {
	cases := []struct {
		name, msg, answers string
		want               []Check
		violation          string // pointer of the one violation, "-" for none
	}{
		{"success reply, result by the request answered", `{"referenceId":"1","request":"agent.getState","data":{}}`, "agent.getState",
			[]Check{{"envelope.Reply", ""}, {"media.State", "/data"}}, "-"},
		{"success reply read alone, result by its request", `{"referenceId":"1","request":"agent.getStateList","data":[]}`, "",
			[]Check{{"envelope.Reply", ""}, {"media.State[]", "/data"}}, "-"},
		{"success reply echoing another request", `{"referenceId":"1","request":"agent.getStateList","data":{}}`, "agent.getState",
			[]Check{{"envelope.Reply", ""}, {"media.State", "/data"}}, "-"},
		{"method without a documented result", `{"referenceId":"1","request":"voice.hold","data":null}`, "voice.hold",
			[]Check{{"envelope.Reply", ""}}, "-"},
		{"success reply to an unknown request", `{"referenceId":"1","request":"agent.fly","data":null}`, "agent.fly",
			[]Check{{"envelope.Reply", ""}}, "/request"},
		{"error reply", `{"referenceId":"1","request":"agent.getState","errorMessage":"no"}`, "agent.getState",
			[]Check{{"envelope.ErrorReply", ""}}, "-"},
		{"error reply read alone", `{"referenceId":"1","errorMessage":"no"}`, "", []Check{{"envelope.ErrorReply", ""}}, "-"},
		{"acknowledgement", `{"referenceId":"1","subscriptionId":"s"}`, wire.EventSubscribe, []Check{{"envelope.SubscribeAck", ""}}, "-"},
		{"acknowledgement with an event key", `{"event":"subscribe","referenceId":"1","subscriptionId":"s"}`, wire.EventSubscribe,
			[]Check{{"envelope.SubscribeAck", ""}}, "-"},
		{"error reply to a subscribe: no request to echo", `{"referenceId":"1","errorMessage":"refused"}`, wire.EventSubscribe, nil, "-"},
		{"acknowledgement read alone", `{"referenceId":"1","subscriptionId":"s"}`, "", []Check{{"envelope.SubscribeAck", ""}}, "-"},
		{"documented event", `{"event":"agent","data":{"eventType":"STATE_CHANGED"}}`, "", []Check{{"event.agent.STATE_CHANGED", ""}}, "-"},
		{"messenger event", `{"event":"messenger:fz","data":{}}`, "", []Check{{"event.messenger", ""}}, "-"},
		{"undocumented event", `{"event":"agent","data":{"eventType":"DANCED"}}`, "", []Check{{"envelope.Event", ""}}, "/event"},
		{"subscribe", `{"event":"subscribe","data":"agent"}`, "", []Check{{"envelope.Subscribe", ""}}, "-"},
		{"unsubscribe", `{"event":"unsubscribe","data":"s"}`, "", []Check{{"envelope.Unsubscribe", ""}}, "-"},
		{"request", `{"request":"agent.getState","referenceId":"1"}`, "", []Check{{"envelope.Request", ""}}, "-"},
		{"frameId", `{"frameId":"f"}`, "", []Check{{"envelope.FrameID", ""}}, "-"},
		{"nothing SCAPI", `{"x":1}`, "", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := wire.Decode([]byte(c.msg))
			if err != nil {
				t.Fatal(err)
			}
			got, viol := ForMessage(m, c.answers)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("checks %v, want %v", got, c.want)
			}
			switch {
			case c.violation == "-" && len(viol) != 0:
				t.Errorf("violations %v, want none", viol)
			case c.violation != "-" && (len(viol) != 1 || viol[0].Pointer != c.violation):
				t.Errorf("violations %v, want one at %q", viol, c.violation)
			}
			for _, ch := range got {
				if !Has(ch.Schema) {
					t.Errorf("ForMessage names %s, which is not a schema", ch.Schema)
				}
			}
		})
	}
}
