// Package framework is the spec framework of the conformance suite: how a spec
// cites the documentation, what it needs from the target, and how it talks to
// the target through a driver.
//
// A spec is declared with ConformanceIt, which
//   - refuses, at tree-construction time, a requirement id that is not in the
//     requirement registry (contract/requirements) and a capability outside the
//     closed list of Capabilities;
//   - labels the spec req:<id> (one per requirement), ns:<namespace> (the first
//     segment of each requirement id), needs:<capability> and slow, so that a
//     run can be selected with Ginkgo label filters and verdicts can be computed
//     per requirement;
//   - gives the body a fresh Session: the target is reset and receives the
//     default options when it can be steered; every wait is bounded; a spec
//     whose target lacks a needed capability is skipped with the reason; and a
//     spec that observed no message from the target fails, so nothing passes by
//     testing nothing.
//
// Strict and lenient modes: where the documentation is ambiguous, a spec calls
// Session.Deviation with the interpretation id (contract/interp) and whether the
// strict reading held. In strict mode a deviation fails the spec; in lenient
// mode it adds a report entry named "non-strict" whose value is the id, which
// runners report as NON-STRICT.
package framework
