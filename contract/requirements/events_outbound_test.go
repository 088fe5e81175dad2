package requirements

import (
	"strings"
	"testing"
)

func TestPreviewTableRows(t *testing.T) {
	counts := map[string]int{}
	for _, r := range PreviewTable() {
		counts[r.Mode]++
		if r.UIEvent == "" || r.EventType == "" || r.State == "" || !strings.HasPrefix(r.CallType, "OUTBOUND") {
			t.Errorf("%s: incomplete row %+v", r.ID, r)
		}
		if _, ok := Lookup(r.ID); !ok {
			t.Errorf("%s: row not registered", r.ID)
		}
		for _, c := range r.Capabilities {
			if c == "" || c == "-" || strings.ContainsAny(c, " ,") {
				t.Errorf("%s: bad capability %q", r.ID, c)
			}
		}
	}
	want := map[string]int{"pull": 10, "push": 13, "directPush": 13}
	for mode, n := range want {
		if counts[mode] != n {
			t.Errorf("mode %s has %d rows, the 001 table has %d", mode, counts[mode], n)
		}
	}
}

func TestPreviewTableCells(t *testing.T) {
	r := PreviewTable()[0]
	if r.ID != "outbound.preview.pull.1" || r.EventType != "ADDED" || r.State != "PREVIEWING" ||
		r.CallType != "OUTBOUND_PREVIEW" || strings.Join(r.Capabilities, ",") != "CALL,REJECT_RECORD,CANCEL_RECORD" {
		t.Errorf("first row parsed as %+v", r)
	}
}
