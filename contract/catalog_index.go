package contract

import (
	"fmt"
	"sync"
)

// namespaceTitles are the documentation's section titles of the namespaces, in
// catalog order (the order of "Getting started" step 6 in 001).
var namespaceTitles = []struct{ ns, title string }{
	{"agent", "Agent namespace"},
	{"configuration", "Configuration namespace"},
	{"email", "Email namespace"},
	{"interaction", "Interaction namespace"},
	{"media", "Media namespace"},
	{"system", "System namespace"},
	{"voice", "Voice namespace"},
	{"outbound", "Outbound namespace"},
	{"auth", "Auth namespace"},
	{"messenger", "Messenger namespace"},
}

// Catalog returns every catalog entry: the 75 documented methods, namespace by
// namespace in documentation order, then subscribe and unsubscribe. Each call
// returns fresh values the caller may modify.
func Catalog() []Method {
	c := catalog()
	out := make([]Method, len(c.methods))
	for i, m := range c.methods {
		out[i] = m.clone()
	}
	return out
}

// index is the catalog built once, with its lookup tables.
type index struct {
	methods        []Method
	byName, byWire map[string]int
}

var (
	indexOnce sync.Once
	built     index
)

func catalog() *index {
	indexOnce.Do(func() {
		built = index{byName: map[string]int{}, byWire: map[string]int{}}
		for _, group := range [][]Method{
			agentMethods(), configurationMethods(), emailMethods(), interactionMethods(),
			mediaMethods(), systemMethods(), voiceMethods(), outboundMethods(),
			authMethods(), messengerMethods(), subscriptionMethods(),
		} {
			for _, m := range group {
				m = complete(m)
				built.byName[m.Request()] = len(built.methods)
				built.byWire[m.Wire] = len(built.methods)
				built.methods = append(built.methods, m)
			}
		}
	})
	return &built
}

// clone copies the method and every slice it holds.
func (m Method) clone() Method {
	m.Params = append([]Param{}, m.Params...)
	m.Needs = append([]string{}, m.Needs...)
	m.Documents = append([]Document{}, m.Documents...)
	diffs := make([]Difference, len(m.Differences))
	for i, d := range m.Differences {
		d.Between = append([]Document{}, d.Between...)
		diffs[i] = d
	}
	m.Differences = diffs
	return m
}

// complete fills the fields whose value follows from the others: the wire name
// and allow-list keyword default to namespace.method, the section to the
// method's heading in 001, a keyword the documents do not list gets its
// INT-CAT-10 difference, and absent lists become empty ones.
func complete(m Method) Method {
	if m.Namespace != "" {
		if m.Wire == "" {
			m.Wire = m.Request()
		}
		if m.AllowKeyword == "" {
			m.AllowKeyword = m.Request()
		}
		if m.Section == "" {
			m.Section = fmt.Sprintf("001 %s > %s", title(m.Namespace), m.Name)
		}
	}
	if m.Documents == nil {
		m.Documents = []Document{DocReference}
	}
	if m.Namespace != "" && !m.ListedKeyword {
		var docs []Document
		for _, d := range m.Documents {
			if d != DocClientLibrary {
				docs = append(docs, d)
			}
		}
		m.Differences = append(m.Differences, Difference{Interpretation: "INT-CAT-10", Between: docs,
			Text: "Not among the keywords the documents list for accepted-web-content-origins filters."})
	}
	if m.Params == nil {
		m.Params = []Param{}
	}
	if m.Needs == nil {
		m.Needs = []string{}
	}
	if m.Differences == nil {
		m.Differences = []Difference{}
	}
	return m
}

func title(ns string) string {
	for _, t := range namespaceTitles {
		if t.ns == ns {
			return t.title
		}
	}
	return ns
}

// Namespaces returns the documented namespaces in catalog order.
func Namespaces() []string {
	out := make([]string, len(namespaceTitles))
	for i, t := range namespaceTitles {
		out[i] = t.ns
	}
	return out
}

// Lookup finds an entry by its catalog name ("voice.muteMicrophone",
// "subscribe").
func Lookup(name string) (Method, bool) {
	c := catalog()
	i, ok := c.byName[name]
	if !ok {
		return Method{}, false
	}
	return c.methods[i].clone(), true
}

// LookupWire finds an entry by the request name sent on the wire
// ("sipEndpoint.muteMicrophone"); for subscribe and unsubscribe it is the
// value of the envelope's event key.
func LookupWire(wire string) (Method, bool) {
	c := catalog()
	i, ok := c.byWire[wire]
	if !ok {
		return Method{}, false
	}
	return c.methods[i].clone(), true
}

// Common parameters, shared by many methods. The "or undefined" ones are
// documented "Set an undefined or empty JSON object if you don't want to set
// any" (INT-CAT-20).
var (
	pInteractionID        = Param{Name: "interactionId", Type: TypeString}
	pUserData             = Param{Name: "userData", Type: TypeObject, Schema: "interaction.UserData"}
	pUserDataOrUndefined  = Param{Name: "userData", Type: TypeObject, Optional: true, Schema: "interaction.UserData"}
	pExtensionOrUndefined = Param{Name: "extensions", Type: TypeObject, Optional: true, Schema: "interaction.UserData"}
)

// undefinedObjects records INT-CAT-20 on the methods taking pUserDataOrUndefined
// and pExtensionOrUndefined.
func undefinedObjects() Difference {
	return Difference{Interpretation: "INT-CAT-20", Between: []Document{DocReference, DocClientLibrary},
		Text: `userData and extensions: "Set an undefined or empty JSON object if you don't want to set any"; undefined reaches the wire as null, or not at all when trailing.`}
}

// both lists the two vendor documents (a fresh slice on each call).
func both() []Document { return []Document{DocReference, DocGuide} }

// withLibrary lists the documents and the vendor client library.
func withLibrary(docs []Document) []Document { return append(docs, DocClientLibrary) }
