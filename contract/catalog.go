// Package contract is the documented SCAPI contract as code: the method catalog
// and the documentation it is traced to. It depends on nothing else of ours.
//
// The per-namespace catalog entries live in catalog_<namespace>.go; the option
// oracles live in the subpackages allowlist, ratelimit and userdata; the
// interpretation registry in interp; the requirement registry in requirements.
package contract

// JSONType is the JSON type of a positional parameter as documented.
type JSONType string

// The JSON types a parameter can have. A parameter documented as "object or
// string" uses TypeObjectOrString.
const (
	TypeString         JSONType = "string"
	TypeObject         JSONType = "object"
	TypeArray          JSONType = "array"
	TypeBoolean        JSONType = "boolean"
	TypeNumber         JSONType = "number"
	TypeStringOrArray  JSONType = "string|array"
	TypeObjectOrString JSONType = "object|string"
)

// Document identifies one of the two vendor documents in shared/seeds.
type Document string

// The documents of the contract.
const (
	// DocReference is the current Service Client API Reference (001_…), the superset.
	DocReference Document = "001"
	// DocGuide is the older Workspace Web Edition 8.6 Developer's Guide (000_…).
	DocGuide Document = "000"
	// DocClientLibrary is the vendor client library wwe-service-client-api.js, as
	// restated in DESIGN.md.
	DocClientLibrary Document = "client-library"
)

// Param is one positional parameter (callbacks are not parameters on the wire).
type Param struct {
	Name string   `json:"name"`
	Type JSONType `json:"type"`
	// Optional is true when a caller may leave the parameter out: omitted at
	// the end of parameters, or null in its place (JavaScript undefined in an
	// array is sent as null).
	Optional bool `json:"optional"`
	// Schema names the schema the value must satisfy, when one exists
	// (for example "system.ToastParameters").
	Schema string `json:"schema,omitempty"`
}

// Difference records one known difference between the documents or the
// vendor client library for a method.
type Difference struct {
	// Interpretation is the id in package interp that decides it.
	Interpretation string     `json:"interpretation,omitempty"`
	Between        []Document `json:"between"`
	Text           string     `json:"text"`
}

// Method is one catalog entry.
type Method struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	// Wire is the request name sent in the envelope (namespace.method, or for
	// example sipEndpoint.muteMicrophone).
	Wire   string  `json:"wire"`
	Params []Param `json:"params"`
	// Result is the schema name of the reply's data ("" when the documentation
	// gives no result), for example "agent.Agent" or "media.State[]".
	Result string `json:"result"`
	// AllowKeyword is the keyword of accepted-web-content-origins that governs
	// the method (namespace.method as documented).
	AllowKeyword string `json:"allowKeyword"`
	// ListedKeyword is true when the documentation lists AllowKeyword among the
	// keywords accepted-web-content-origins can filter on (Security
	// configuration > Origin of 001; of 000 when only it describes the method).
	ListedKeyword bool `json:"listedKeyword"`
	// ChangesState is true when a successful call changes Workspace state.
	ChangesState bool `json:"changesState"`
	// Needs lists the state or stimuli a meaningful call needs, by stimulus
	// name of package control (for example "inbound-call") or a state word.
	Needs []string `json:"needs"`
	// Section is the documentation section, for example "001 Agent namespace > setState".
	Section string `json:"section"`
	// Documents lists the documents that describe the method.
	Documents   []Document   `json:"documents"`
	Differences []Difference `json:"differences"`
}

// Request returns the name the catalog uses for the method (namespace.name;
// just the name for subscribe and unsubscribe, which have no namespace).
func (m Method) Request() string {
	if m.Namespace == "" {
		return m.Name
	}
	return m.Namespace + "." + m.Name
}

// TypeNumberOrString is a parameter documented with two readings (for example
// a "string" that "must be a number"); see the method's Differences.
const TypeNumberOrString JSONType = "number|string"

// State words used in Method.Needs next to the stimulus names of package
// control: what must already exist, created through the API itself, before a
// call means something.
const (
	// NeedToast: a toast opened by system.popupToast (its id is the parameter).
	NeedToast = "toast"
	// NeedDialog: a dialog opened by system.openDialog.
	NeedDialog = "dialog"
	// NeedMenuView: a view created by system.updateViewInApplicationMenuBar.
	NeedMenuView = "application-menu-view"
	// NeedEstablished: the interaction of the stimulus was answered (TALKING).
	NeedEstablished = "established-call"
	// NeedHeld: the call was put on hold by voice.hold.
	NeedHeld = "held-call"
	// NeedConsultation: a consultation started by interaction.consult.
	NeedConsultation = "consultation"
	// NeedSubscription: a subscription acknowledged by subscribe.
	NeedSubscription = "subscription"
)
