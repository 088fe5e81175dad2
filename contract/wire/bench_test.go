package wire

import "testing"

// benchMessages are what a client receives most: an interaction event, a
// reply with data, a reply without.
var benchMessages = [][]byte{
	[]byte(`{"data":{"eventType":"ESTABLISHED","interaction":{"ani":"+15551230001","callType":"INBOUND","callUuid":"4L6JGNEE9H7DT671FRPTKE6CQ0000001","caseId":"9b2538b1-0001-4001-8000-00009e3779b1","connId":"006e02b1a8c3e001","direction":"IN","dnis":"5001","interactionId":"1","interactionUUID":"4L6JGNEE9H7DT671FRPTKE6CQ0000001","isCaseExpanded":false,"isCaseSelected":false,"isConsultation":false,"isMainCaseInteraction":true,"parties":[{"name":"+15551230001"}],"previousState":"RINGING","recordingState":"STOPPED","state":"TALKING","userData":{"IW_BundleUid":"12295f05-0001-4001-8000-00009e3779b1","IW_CaseUid":"9b2538b1-0001-4001-8000-00009e3779b1"}},"media":"voice"},"event":"interaction","protocolVersion":2,"userAgent":"WWE Server"}`),
	[]byte(`{"data":{"displayName":"Not Ready","operationName":"NotReady","type":"NOT_READY"},"protocolVersion":2,"referenceId":"2","request":"agent.getState","userAgent":"WWE Server"}`),
	[]byte(`{"data":null,"protocolVersion":2,"referenceId":"1","request":"voice.answer","userAgent":"WWE Server"}`),
}

// BenchmarkDecodeValue decodes each message, reads its envelope and its
// generic value, as a client and the fuzzer's checks do.
func BenchmarkDecodeValue(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, raw := range benchMessages {
			m, err := Decode(raw)
			if err != nil {
				b.Fatal(err)
			}
			m.ReferenceID()
			m.String("request")
			EventType(m.Data())
			if _, err := m.Value(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkMarshal encodes the generic values back.
func BenchmarkMarshal(b *testing.B) {
	var values []any
	for _, raw := range benchMessages {
		v, _ := ValueOf(raw, false)
		values = append(values, v)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, v := range values {
			if _, err := Marshal(v); err != nil {
				b.Fatal(err)
			}
		}
	}
}
