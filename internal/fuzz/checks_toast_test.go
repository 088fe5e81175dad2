package fuzz

import (
	"testing"

	"scapi-conformance/contract/control"
	"scapi-conformance/contract/wire"
)

// TestToastClicks: a click event is paired with a click on the toast it
// names, on each connection; a click no connection hears is no finding.
func TestToastClicks(t *testing.T) {
	clickEvent := func(seq, client int, id string, index int) *entry {
		raw := `{"event":"system","data":{"eventType":"CUSTOM_TOAST_BUTTON_CLICK","customToastId":"` + id + `","buttonIndex":` + string(rune('0'+index)) + `},"userAgent":"WWE Server","protocolVersion":2}`
		m, err := wire.Decode([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		return &entry{seq: seq, client: client, in: true, msg: m, raw: m.Raw}
	}
	click := func(seq int, id string, index float64) stimulus {
		return stimulus{seq: seq, name: control.StimToastClick, args: map[string]any{"customToastId": id, "buttonIndex": index}}
	}
	cases := []struct {
		name     string
		stimuli  []stimulus
		timeline []*entry
		want     string // the finding's detail, "" for none
	}{
		{"each click answered", []stimulus{click(1, "t1", 0), click(3, "t2", 1)},
			[]*entry{clickEvent(2, 0, "t1", 0), clickEvent(4, 0, "t2", 1)}, ""},
		{"a silent click, then one heard", []stimulus{click(1, "t2", 0), click(3, "t1", 0)},
			[]*entry{clickEvent(4, 0, "t1", 0)}, ""},
		{"two connections hear the same click", []stimulus{click(1, "t1", 1)},
			[]*entry{clickEvent(2, 0, "t1", 1), clickEvent(3, 1, "t1", 1)}, ""},
		{"an event before any click", nil, []*entry{clickEvent(2, 0, "t1", 0)}, ""},
		{"the index counted from 1", []stimulus{click(1, "t1", 0)}, []*entry{clickEvent(2, 0, "t1", 1)},
			"a click on button 0 of toast t1 gives CUSTOM_TOAST_BUTTON_CLICK with buttonIndex 1 and customToastId t1"},
		{"another toast named", []stimulus{click(1, "t1", 0)}, []*entry{clickEvent(2, 0, "t9", 0)},
			"a click on button 0 of toast t1 gives CUSTOM_TOAST_BUTTON_CLICK with buttonIndex 0 and customToastId t9"},
		{"one click heard twice on a connection", []stimulus{click(1, "t1", 0), click(2, "t2", 0)},
			[]*entry{clickEvent(3, 0, "t1", 0), clickEvent(4, 0, "t1", 0)},
			"a click on button 0 of toast t2 gives CUSTOM_TOAST_BUTTON_CLICK with buttonIndex 0 and customToastId t1"},
	}
	for _, c := range cases {
		out := checkToastClicks(&record{stimuli: c.stimuli, timeline: c.timeline})
		got := ""
		if len(out) > 0 {
			got = out[0].Detail
			if out[0].Requirement != "events.system.CUSTOM_TOAST_BUTTON_CLICK.1" {
				t.Errorf("%s: requirement %s", c.name, out[0].Requirement)
			}
		}
		if got != c.want {
			t.Errorf("%s: finding %q, want %q", c.name, got, c.want)
		}
	}
}
