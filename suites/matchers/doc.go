// Package matchers holds the Gomega matchers of the conformance specs: one per
// file, each judging a service → client message (*wire.Message) against one
// documented rule, with a failure message that quotes what arrived.
package matchers
