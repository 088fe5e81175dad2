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
//   - gives the body a fresh Session: the target is reset when it allows it
//     and receives the default options (and those of WithOptions) when its
//     options can be set; otherwise the options in force are those its
//     profile declares. Every wait is bounded; a spec whose target lacks a
//     needed capability, or runs options other than those it declares, is
//     skipped with the reason; and a spec that observed no message from the
//     target fails, so nothing passes by testing nothing.
//
// The options in force are read by the contract oracles (policy.go): a
// request the allow-list refuses to the spec's origin skips the spec unless it
// judges refusals (JudgeAllowList); user data is expected as the read-allowed
// list shows it (ExpectUserData, UserDataKeys); and every request is counted
// against the rate limits in force (budget.go), waiting for the next window
// on the virtual clock or in real time, so that the suite's own traffic never
// exceeds a limit by accident (ExceedRateLimits for the specs that do so on
// purpose). PlanSpecs takes the same decisions without running a body.
//
// The Session methods of methods.go, interactions.go and agent_states.go are
// the general ideas specs are written in: a call that must succeed (OK), one
// that must fail (MustRefuse), the interaction of an event, a ringing call, a
// call the agent talks on (inbound when the target can ring one, else
// dialled).
//
// Strict and lenient modes: where the documentation is ambiguous, a spec calls
// Session.Deviation with the interpretation id (contract/interp) and whether the
// strict reading held. In strict mode a deviation fails the spec; in lenient
// mode it adds a report entry named "non-strict" whose value is the id, which
// runners report as NON-STRICT.
package framework
