package allowlist

// namespaces are the request namespaces of the documentation (001 is the
// superset): a filter keyword naming another namespace gets
// WarnUnknownNamespace.
var namespaces = map[string]bool{
	"agent": true, "auth": true, "configuration": true, "email": true, "interaction": true,
	"media": true, "messenger": true, "outbound": true, "system": true, "voice": true,
}

// IsNamespace reports whether ns is a documented request namespace.
func IsNamespace(ns string) bool { return namespaces[ns] }
