package contract

import (
	"strings"
	"testing"

	"scapi-conformance/contract/control"
)

func TestCatalogCounts(t *testing.T) {
	want := map[string]int{"agent": 4, "configuration": 2, "email": 1, "interaction": 15, "media": 3,
		"system": 15, "voice": 16, "outbound": 17, "auth": 1, "messenger": 1, "": 2}
	got := map[string]int{}
	for _, m := range Catalog() {
		got[m.Namespace]++
	}
	for ns, n := range want {
		if got[ns] != n {
			t.Errorf("namespace %q: %d methods, want %d", ns, got[ns], n)
		}
	}
	if n := len(Catalog()); n != 77 {
		t.Errorf("Catalog() has %d entries, want 77", n)
	}
}

func TestCatalogNamesUnique(t *testing.T) {
	names, wires := map[string]bool{}, map[string]bool{}
	for _, m := range Catalog() {
		if names[m.Request()] {
			t.Errorf("duplicate catalog name %s", m.Request())
		}
		if wires[m.Wire] {
			t.Errorf("duplicate wire name %s", m.Wire)
		}
		names[m.Request()], wires[m.Wire] = true, true
	}
}

func TestCatalogEntriesComplete(t *testing.T) {
	for _, m := range Catalog() {
		if m.Name == "" || m.Wire == "" || m.Section == "" || len(m.Documents) == 0 {
			t.Errorf("%s: incomplete entry %+v", m.Request(), m)
		}
		if m.Namespace != "" && m.AllowKeyword == "" {
			t.Errorf("%s: no allow-list keyword", m.Request())
		}
		for _, p := range m.Params {
			if p.Name == "" || p.Type == "" {
				t.Errorf("%s: parameter %+v has no name or type", m.Request(), p)
			}
		}
		for _, d := range m.Differences {
			if d.Text == "" || len(d.Between) == 0 {
				t.Errorf("%s: difference %+v has no text or documents", m.Request(), d)
			}
		}
	}
}

func TestLookup(t *testing.T) {
	cases := []struct{ name, wire string }{
		{"voice.muteMicrophone", "sipEndpoint.muteMicrophone"},
		{"voice.dial", "voice.dial"},
		{"agent.setState", "agent.setState"},
		{"subscribe", "subscribe"},
		{"unsubscribe", "unsubscribe"},
	}
	for _, c := range cases {
		m, ok := Lookup(c.name)
		if !ok || m.Wire != c.wire {
			t.Errorf("Lookup(%q) = %q, %v; want wire %q", c.name, m.Wire, ok, c.wire)
		}
		w, ok := LookupWire(c.wire)
		if !ok || w.Request() != c.name {
			t.Errorf("LookupWire(%q) = %q, %v; want %q", c.wire, w.Request(), ok, c.name)
		}
	}
	for _, missing := range []string{"voice.unknown", "sipEndpoint.muteMicrophone", ""} {
		if _, ok := Lookup(missing); ok {
			t.Errorf("Lookup(%q) found an entry", missing)
		}
	}
	if _, ok := LookupWire("voice.muteMicrophone"); ok {
		t.Error("LookupWire found voice.muteMicrophone, which is not sent on the wire")
	}
}

func TestSipEndpointMethods(t *testing.T) {
	n := 0
	for _, m := range Catalog() {
		if strings.HasPrefix(m.Wire, "sipEndpoint.") {
			n++
			if m.Namespace != "voice" {
				t.Errorf("%s goes on the wire as %s but is not in voice", m.Request(), m.Wire)
			}
		}
	}
	if n != 6 {
		t.Errorf("%d sipEndpoint methods, want 6", n)
	}
}

func TestCatalogReturnsFreshValues(t *testing.T) {
	a := Catalog()
	a[0].Documents[0] = "changed"
	a[0].Params = append(a[0].Params, Param{Name: "x"})
	b := Catalog()
	if b[0].Documents[0] == "changed" || len(b[0].Params) != 0 {
		t.Error("modifying a Catalog() result changed the catalog")
	}
}

func TestLookupReturnsFreshValues(t *testing.T) {
	m, _ := Lookup("voice.dial")
	m.Params[0].Name = "changed"
	m.Documents[0] = "changed"
	again, _ := LookupWire("voice.dial")
	if again.Params[0].Name != "destination" || again.Documents[0] != DocReference {
		t.Error("modifying a Lookup result changed the catalog")
	}
}

// Needs names only stimuli of package control and the state words of this
// package, so that a target's capabilities can decide what to skip.
func TestNeedsAreKnownWords(t *testing.T) {
	known := map[string]bool{NeedToast: true, NeedDialog: true, NeedMenuView: true, NeedEstablished: true,
		NeedHeld: true, NeedConsultation: true, NeedSubscription: true}
	for _, s := range []string{control.StimInboundCall, control.StimRemoteRelease, control.StimPartyChange,
		control.StimInboundChat, control.StimInboundEmail, control.StimChatEnd, control.StimPreviewRecord,
		control.StimCampaign, control.StimRecordsRetrieved, control.StimRealtime, control.StimElection,
		control.StimToastClick, control.StimCaseIDChange, control.StimAgentState} {
		known[s] = true
	}
	for _, m := range Catalog() {
		for _, n := range m.Needs {
			if !known[n] {
				t.Errorf("%s needs %q, neither a stimulus nor a state word", m.Request(), n)
			}
		}
	}
}
