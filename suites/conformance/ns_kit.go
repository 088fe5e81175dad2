package conformance

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract"
	"scapi-conformance/contract/control"
	"scapi-conformance/contract/interp"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/schemas"
	"scapi-conformance/suites/framework"
	"scapi-conformance/suites/matchers"
)

// The helpers of the per-namespace specs (prefix ns): calls by catalog name,
// replies and events checked against their schemas, and the stimuli that put
// the target in a documented state, each observed through the documented
// events rather than through what the control endpoint says it did.

// nsAgent opens a client as the first usable origin, subscribed to the event
// names given (none: no subscription).
func nsAgent(s *framework.Session, events ...string) driver.Client {
	ginkgo.GinkgoHelper()
	c := s.Client(s.Origins()[0])
	if len(events) > 0 {
		s.Subscribe(c, events...)
	}
	return c
}

// nsMethod returns the catalog entry of a catalog name ("voice.muteMicrophone").
func nsMethod(name string) contract.Method {
	ginkgo.GinkgoHelper()
	m, ok := contract.Lookup(name)
	if !ok {
		ginkgo.Fail(fmt.Sprintf("%s is not in the catalog", name))
	}
	return m
}

// nsCall sends the catalog method under its wire name and returns the reply.
func nsCall(s *framework.Session, c driver.Client, name string, params ...any) *wire.Message {
	ginkgo.GinkgoHelper()
	return s.Call(c, nsMethod(name).Wire, params...)
}

// nsOK calls the method, expects a success reply valid as an envelope, checks
// the data against the method's documented result schema (when it has one)
// and returns the data decoded (nil when absent).
func nsOK(s *framework.Session, c driver.Client, name string, params ...any) any {
	ginkgo.GinkgoHelper()
	m := nsCall(s, c, name, params...)
	Expect(m).To(matchers.HaveSucceeded(), "%s%v", name, params)
	nsValid(m, "envelope.Reply")
	data := nsDecode(m.Data())
	if result := nsMethod(name).Result; result != "" {
		Expect(m.Has("data")).To(BeTrue(), "%s documents a result (%s); the reply carries no data: %s", name, result, framework.Describe(m))
		nsValid(data, result)
	}
	return data
}

// nsRefused calls the method and reports whether it was refused with an
// error reply (an errorMessage key holding a non-empty string). Either way the
// reply must be a well-formed envelope: an error reply or a success reply.
func nsRefused(s *framework.Session, c driver.Client, name string, params ...any) bool {
	ginkgo.GinkgoHelper()
	m := nsCall(s, c, name, params...)
	if _, present := m.ErrorMessage(); !present {
		nsValid(m, "envelope.Reply")
		return false
	}
	nsValid(m, "envelope.ErrorReply")
	msg, _ := m.ErrorMessage()
	return msg != ""
}

// nsMustRefuse calls the method and expects an error reply: the documentation
// says the operation fails.
func nsMustRefuse(s *framework.Session, c driver.Client, name string, params ...any) *wire.Message {
	ginkgo.GinkgoHelper()
	m := nsCall(s, c, name, params...)
	Expect(m).To(matchers.HaveRepliedWithError(), "%s%v must fail", name, params)
	nsValid(m, "envelope.ErrorReply")
	return m
}

// nsValid checks a value (a message or decoded JSON) against a named schema.
// A strict run holds it to the strict schema. A lenient run accepts what the
// lenient schema accepts, and when only the lenient one does, reports the
// spec NON-STRICT under the schema interpretations that explain the
// difference (nsSchemaInterpretations).
func nsValid(v any, schema string) {
	ginkgo.GinkgoHelper()
	if m, ok := v.(*wire.Message); ok {
		v = m.Raw
	}
	t := framework.Current()
	if t == nil || t.Strict {
		Expect(v).To(matchers.BeValidAgainst(schema))
		return
	}
	Expect(v).To(matchers.BeValidAgainstIn(schemas.Lenient, schema))
	var invalid *schemas.ValidationError
	if err := schemas.Validate(schemas.Strict, schema, v); errors.As(err, &invalid) {
		for _, id := range nsSchemaInterpretations(v, invalid) {
			ginkgo.AddReportEntry(framework.NonStrictEntry, id)
		}
	}
}

// nsSchemaInterpretations names the INT-SCHEMA interpretations that explain
// why a document valid in lenient mode fails the strict schema: for each
// violation, those whose lenient reading names the offending property and
// value, else those that name the property, else those about the schema's
// namespace; when none is found, every interpretation lenient mode applies.
func nsSchemaInterpretations(doc any, verr *schemas.ValidationError) []string {
	var candidates []interp.Interpretation
	for _, in := range interp.All() {
		if strings.HasPrefix(in.ID, "INT-SCHEMA-") && in.Lenient != "" {
			candidates = append(candidates, in)
		}
	}
	decoded := nsDecodeAny(doc)
	found := map[string]bool{}
	for _, viol := range verr.Violations {
		tokens := strings.Split(viol.Pointer, "/")
		prop := tokens[len(tokens)-1]
		value, _ := nsAt(decoded, tokens[1:]).(string)
		ns, _, _ := strings.Cut(verr.Schema, ".")
		for _, match := range []func(in interp.Interpretation) bool{
			func(in interp.Interpretation) bool {
				return prop != "" && value != "" && strings.Contains(in.Lenient, value) && strings.Contains(in.Topic+in.Lenient, prop)
			},
			func(in interp.Interpretation) bool {
				return prop != "" && strings.Contains(in.Topic+" "+in.Lenient, prop)
			},
			func(in interp.Interpretation) bool { return strings.Contains(in.Topic, ns+".") },
		} {
			n := 0
			for _, in := range candidates {
				if match(in) {
					found[in.ID] = true
					n++
				}
			}
			if n > 0 {
				break
			}
		}
	}
	if len(found) == 0 {
		ids, _ := schemas.Interpretations()
		return ids
	}
	ids := make([]string, 0, len(found))
	for id := range found {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// nsDecodeAny returns a document as generic JSON values.
func nsDecodeAny(doc any) any {
	switch d := doc.(type) {
	case json.RawMessage:
		return nsDecode(d)
	case []byte:
		return nsDecode(d)
	}
	return doc
}

// nsAt follows JSON pointer tokens (unescaped) into a decoded document.
func nsAt(doc any, tokens []string) any {
	for _, tok := range tokens {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch d := doc.(type) {
		case map[string]any:
			doc = d[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(d) {
				return nil
			}
			doc = d[i]
		default:
			return nil
		}
	}
	return doc
}

// nsDecode decodes raw JSON into generic values (nil for absent or invalid).
func nsDecode(raw json.RawMessage) any {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return nil
	}
	return v
}

// nsEvent waits for the event, checks it against its documented schema and
// returns its data as an object.
func nsEvent(s *framework.Session, c driver.Client, event, eventType string) map[string]any {
	ginkgo.GinkgoHelper()
	m := s.ExpectEvent(c, event, eventType)
	return nsEventData(m, event, eventType)
}

// nsEventData validates an event message received and returns its data.
func nsEventData(m *wire.Message, event, eventType string) map[string]any {
	ginkgo.GinkgoHelper()
	Expect(m).To(matchers.BeEvent(event, eventType))
	nsValid(m, "envelope.Event")
	if schema, ok := nsEventSchema(event, eventType); ok {
		nsValid(m, schema)
	}
	data, ok := nsDecode(m.Data()).(map[string]any)
	Expect(ok).To(BeTrue(), "the event's data is not an object: %s", framework.Describe(m))
	return data
}

// nsEventSchema names the schema of an event message.
func nsEventSchema(event, eventType string) (string, bool) {
	return schemas.EventSchema(event, eventType)
}

// nsInteraction returns data.interaction of an interaction event, which every
// interaction event documented with one must carry.
func nsInteraction(data map[string]any) map[string]any {
	ginkgo.GinkgoHelper()
	it, ok := data["interaction"].(map[string]any)
	Expect(ok).To(BeTrue(), "the %v event carries no interaction object: %v", data["eventType"], data)
	return it
}

// nsInteractionEvent waits for an interaction event and returns its
// interaction, checking it is the one with the given id ("" = any).
func nsInteractionEvent(s *framework.Session, c driver.Client, eventType, id string) map[string]any {
	ginkgo.GinkgoHelper()
	it := nsInteraction(nsEvent(s, c, "interaction", eventType))
	if id != "" {
		Expect(it["interactionId"]).To(Equal(id), "%s concerns another interaction", eventType)
	}
	return it
}

// nsID returns the interactionId of an interaction object.
func nsID(it map[string]any) string {
	ginkgo.GinkgoHelper()
	id, ok := it["interactionId"].(string)
	Expect(ok).To(BeTrue(), "the interaction has no string interactionId: %v", it)
	Expect(id).NotTo(BeEmpty())
	return id
}

// nsGet returns the interaction by id through getByInteractionId.
func nsGet(s *framework.Session, c driver.Client, id string) map[string]any {
	ginkgo.GinkgoHelper()
	it, ok := nsOK(s, c, "interaction.getByInteractionId", id).(map[string]any)
	Expect(ok).To(BeTrue(), "getByInteractionId(%q) answered no interaction", id)
	Expect(it["interactionId"]).To(Equal(id))
	return it
}

// nsListed reports whether getInteractions lists the interaction id.
func nsListed(s *framework.Session, c driver.Client, id string) bool {
	ginkgo.GinkgoHelper()
	list, _ := nsOK(s, c, "interaction.getInteractions").([]any)
	for _, v := range list {
		if it, ok := v.(map[string]any); ok && it["interactionId"] == id {
			return true
		}
	}
	return false
}

// nsRinging makes a voice call ring (stimulus inbound-call, with args) and
// returns the interaction of its RINGING event; c must be subscribed to
// "interaction".
func nsRinging(s *framework.Session, c driver.Client, args map[string]any) map[string]any {
	ginkgo.GinkgoHelper()
	s.Stimulate(control.StimInboundCall, args)
	it := nsInteractionEvent(s, c, "RINGING", "")
	Expect(it["state"]).To(Equal("RINGING"), "RINGING: %s", nsEventMeaning["RINGING"])
	return it
}

// nsTalking makes a voice call ring, answers it and returns its id once
// ESTABLISHED.
func nsTalking(s *framework.Session, c driver.Client) string {
	ginkgo.GinkgoHelper()
	id := nsID(nsRinging(s, c, nil))
	nsOK(s, c, "voice.answer", id)
	it := nsInteractionEvent(s, c, "ESTABLISHED", id)
	Expect(it["state"]).To(Equal("TALKING"), "ESTABLISHED: %s", nsEventMeaning["ESTABLISHED"])
	return id
}

// nsReleased returns the id of an answered call the agent hung up (IDLE).
func nsReleased(s *framework.Session, c driver.Client) string {
	ginkgo.GinkgoHelper()
	id := nsTalking(s, c)
	nsOK(s, c, "voice.hangUp", id)
	it := nsInteractionEvent(s, c, "RELEASED", id)
	Expect(it["state"]).To(Equal("IDLE"), "RELEASED: %s", nsEventMeaning["RELEASED"])
	return id
}

// nsEventMeaning quotes the 001 description of the eventTypes the helpers
// check, for failure messages.
var nsEventMeaning = map[string]string{
	"RINGING":     "The inbound call starts ringing.",
	"ESTABLISHED": "The call has been established.",
	"RELEASED":    "The call has been released.",
}

// nsNoSuchID is an interaction id no target hands out.
const nsNoSuchID = "no-such-interaction-5e0d"

// nsUnknownID calls a method on an interaction that does not exist (rest are
// its other parameters): it must fail, never answer as if it had acted
// (INT-NS-7).
func nsUnknownID(s *framework.Session, c driver.Client, name string, rest ...any) {
	ginkgo.GinkgoHelper()
	m := nsCall(s, c, name, append([]any{nsNoSuchID}, rest...)...)
	_, refused := m.ErrorMessage()
	if !refused {
		Expect(nsDecode(m.Data())).To(BeNil(), "%s on an unknown interaction answered as if it had acted: %s", name, framework.Describe(m))
	}
	nsHolds(s, "INT-NS-7", refused)
}

// nsDrain collects what arrives on c within the silence window.
func nsDrain(s *framework.Session, c driver.Client) []*wire.Message {
	ginkgo.GinkgoHelper()
	ctx, cancel := context.WithTimeout(s.Context(), s.Silence())
	defer cancel()
	var out []*wire.Message
	for {
		m, err := c.Next(ctx)
		if err != nil {
			return out
		}
		out = append(out, m)
	}
}

// nsJSON encodes a decoded value back to JSON text, for substring checks on
// results whose shape the documentation leaves open.
func nsJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// nsOnlyDocumentedEvents drains what is left on c and checks that every event
// is a documented one, each valid against its schema (INT-EVENT-14).
func nsOnlyDocumentedEvents(s *framework.Session, c driver.Client) {
	ginkgo.GinkgoHelper()
	for _, m := range nsDrain(s, c) {
		if m.Kind() != wire.KindEvent {
			continue
		}
		event, _ := m.String("event")
		eventType, _ := framework.EventType(m)
		schema, ok := nsEventSchema(event, eventType)
		nsHolds(s, "INT-EVENT-14", ok)
		if ok {
			nsValid(m, schema)
		}
	}
}

// nsHolds judges a check decided by an interpretation: when the
// interpretation has a lenient reading, the outcome is a Deviation (strict
// fails, lenient reports NON-STRICT); when it only records a decision, the
// check must hold in every mode.
func nsHolds(s *framework.Session, interpID string, ok bool) {
	ginkgo.GinkgoHelper()
	in, known := interp.Lookup(interpID)
	if !known || in.Lenient != "" {
		s.Deviation(interpID, ok)
		return
	}
	Expect(ok).To(BeTrue(), "%s (%s): %s", in.ID, in.Topic, in.Strict)
}
