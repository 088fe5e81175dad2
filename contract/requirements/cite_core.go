package requirements

import "scapi-conformance/contract"

// fromLibrary builds a requirement on the wire protocol of the vendor client
// library, quoting its restatement in DESIGN.md ("Wire protocol"): what the
// library sends and what it accepts, so that a Workspace breaking it breaks
// every client.
func fromLibrary(id, section, quote string, interps ...string) Requirement {
	return Requirement{ID: id, Quote: quote, Document: contract.DocClientLibrary, Section: section, Interpretations: interps}
}

// noted adds a note saying how the quote is read or where its missing half is
// documented.
func noted(r Requirement, note string) Requirement {
	r.Note = note
	return r
}
