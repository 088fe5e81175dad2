package requirements

import "scapi-conformance/contract"

// The per-namespace requirements quote the documents' method and type tables:
// a quote joins the cells of a row (signature, description, a parameter's
// name and description) with " — ", and lists a type's properties in table
// order. Words cut by the PDF dump are restored and the requirement says so.

// inReference builds a requirement quoted from the current Service Client API
// Reference (001); interps are the interpretation ids that decide its reading.
func inReference(id, section, quote string, interps ...string) Requirement {
	return Requirement{ID: id, Quote: quote, Document: contract.DocReference, Section: section, Interpretations: interps}
}

// inGuide builds a requirement quoted from the older 8.6 Developer's Guide (000),
// for statements the current reference lost or mangled.
func inGuide(id, section, quote string, interps ...string) Requirement {
	return Requirement{ID: id, Quote: quote, Document: contract.DocGuide, Section: section, Interpretations: interps}
}

// repaired marks a requirement whose quote repairs PDF damage, saying how.
func repaired(r Requirement, how string) Requirement {
	r.Note = "PDF damage repaired: " + how
	return r
}
