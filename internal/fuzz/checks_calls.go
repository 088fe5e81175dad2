package fuzz

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"scapi-conformance/contract/control"
)

func init() {
	registerCheck("toast", checkToast)
	registerCheck("frame-state", checkFrameState)
	registerCheck("menu-view", checkMenuView)
	registerCheck("option-wildcard", checkOptionWildcard)
	registerCheck("state-settable", checkStateSettable)
	registerCheck("outbound-record", checkOutboundRecord)
}

// checkToast: popupToast "Returns A unique identifier"; updateToast returns
// "false if the toast identifier has not been found"; a button click gives
// CUSTOM_TOAST_BUTTON_CLICK with the toast's id and "The index of the
// clicked button. The index starts by 0."
func checkToast(r *record) []Finding {
	ids := map[string]bool{}
	for _, c := range r.calls {
		switch {
		case c.request == popupToast && c.runs() && c.succeeded():
			var id string
			if json.Unmarshal(c.reply.msg.Data(), &id) != nil {
				continue // the schema check's
			}
			if ids[id] {
				return []Finding{finding("system.popupToast.1", "toast", c.reply.step, c.client, c.reply,
					"popupToast returns the identifier %q a second time", id).keyed(popupToast)}
			}
			ids[id] = true
		case c.request == updateToast && c.runs() && c.succeeded():
			id, _ := c.params[0].(string)
			if strings.HasPrefix(id, unknownPrefix) && string(c.reply.msg.Data()) != "false" {
				return []Finding{finding("system.updateToast.1", "toast", c.reply.step, c.client, c.reply,
					"updateToast of %q, an id no popupToast returned, answers %s, not false", id, c.reply.msg.Data()).keyed(updateToast)}
			}
		}
	}
	return checkToastClicks(r)
}

// checkToastClicks: each CUSTOM_TOAST_BUTTON_CLICK names "The identifier of
// the toast where the button has been clicked" and "The index of the
// clicked button": on each connection, the clicks on a toast are answered
// in order, each by an event with that toast's id and the index clicked.
// Which connections get the event the documentation does not say, so a
// click none of them hears is no finding, and an event is paired with a
// click on the toast it names: never with a click on another toast that
// stayed silent.
func checkToastClicks(r *record) []Finding {
	type click struct {
		st    stimulus
		index any
	}
	var clicks []click
	for _, st := range r.stimuli {
		if st.name == control.StimToastClick {
			idx, _ := st.args["buttonIndex"].(float64)
			clicks = append(clicks, click{st, idx})
		}
	}
	taken := map[[2]int]bool{} // the (client, click) pairs an event answered
	for _, e := range r.timeline {
		if !isEvent(e) {
			continue
		}
		if ev, typ := e.eventName(); ev != "system" || typ != "CUSTOM_TOAST_BUTTON_CLICK" {
			continue
		}
		var d struct {
			CustomToastID any `json:"customToastId"`
			ButtonIndex   any `json:"buttonIndex"`
		}
		_ = json.Unmarshal(e.msg.Data(), &d)
		// The click this event answers: the first one before it on this
		// toast not yet answered on this connection; else the first one
		// not yet answered at all (the event names the wrong toast).
		match, first := -1, -1
		for i, c := range clicks {
			if c.st.seq >= e.seq || taken[[2]int{e.client, i}] {
				continue
			}
			if first < 0 {
				first = i
			}
			if c.st.args["customToastId"] == d.CustomToastID {
				match = i
				break
			}
		}
		if match < 0 {
			match = first
		}
		if match < 0 {
			continue // no click before it: not one of ours to judge
		}
		taken[[2]int{e.client, match}] = true
		c := clicks[match]
		if d.ButtonIndex != c.index || d.CustomToastID != c.st.args["customToastId"] {
			return []Finding{finding("events.system.CUSTOM_TOAST_BUTTON_CLICK.1", "toast", e.step, e.client, e,
				"a click on button %v of toast %v gives CUSTOM_TOAST_BUTTON_CLICK with buttonIndex %v and customToastId %v",
				c.index, c.st.args["customToastId"], d.ButtonIndex, d.CustomToastID).keyed("click")}
		}
	}
	return nil
}

// frameAnswers are the election states for which each query answers true
// ("isFrameLeadingOrNegotiating: ... the browser tab is leading or there is
// an election in progress").
var frameAnswers = map[string][]string{
	"system.isFrameLeading":              {"LEADING"},
	"system.isFrameFollowing":            {"FOLLOWING"},
	"system.isFrameNegotiating":          {"NEGOTIATING"},
	"system.isFrameLeadingOrNegotiating": {"LEADING", "NEGOTIATING"},
}

// checkFrameState: right after an election put the tab in a frameState, the
// queries of the election state answer according to it.
func checkFrameState(r *record) []Finding {
	for _, c := range r.calls {
		states, ok := frameAnswers[c.request]
		if !ok || !c.runs() || !c.succeeded() {
			continue
		}
		var state string
		for _, st := range r.stimuli {
			if st.name == control.StimElection && st.step == c.step-1 {
				state, _ = st.result["frameState"].(string)
			}
		}
		if state == "" {
			continue
		}
		want := "false"
		if slices.Contains(states, state) {
			want = "true"
		}
		if got := string(c.reply.msg.Data()); got != want {
			return []Finding{finding(c.method.Request()+".1", "frame-state", c.reply.step, c.client, c.reply,
				"%s answers %s while the tab is %s", c.request, got, state).keyed(c.request, state)}
		}
	}
	return nil
}

// checkMenuView: "iconUrl — This parameter is mandatory if label is not
// provided. label — This parameter is mandatory if iconUrl is not provided":
// a view with neither is not created.
func checkMenuView(r *record) []Finding {
	for _, c := range r.calls {
		if c.request != updateView || !c.runs() || !c.succeeded() {
			continue
		}
		v, _ := c.params[0].(map[string]any)
		_, icon := v["iconUrl"]
		_, label := v["label"]
		if !icon && !label {
			return []Finding{finding("system.updateViewInApplicationMenuBar.2", "menu-view", c.reply.step, c.client, c.reply,
				"updateViewInApplicationMenuBar of a view with neither iconUrl nor label succeeds").keyed(updateView)}
		}
	}
	return nil
}

// optionPattern is one getOption pattern: "section/option" or "option".
type optionPattern struct{ section, name string }

func parseOptionPattern(p string) optionPattern {
	if sec, name, ok := strings.Cut(p, "/"); ok {
		return optionPattern{sec, name}
	}
	return optionPattern{"", p}
}

// wordMatches matches one word of a pattern as documented: an asterisk at
// the end matches any rest, anywhere else it is no wildcard.
func wordMatches(pat, s string) bool {
	if p, ok := strings.CutSuffix(pat, "*"); ok && !strings.Contains(p, "*") {
		return strings.HasPrefix(s, p)
	}
	return pat == s
}

// checkOptionWildcard: getOption's "asterisk '*' as a wildcard, but only at
// the end of each word"; "You cannot use an asterisk at the start of an
// option or section": a pattern with a leading asterisk is refused, and
// every option answered matches a pattern read that way.
func checkOptionWildcard(r *record) []Finding {
	for _, c := range r.calls {
		if c.request != getOption || !c.runs() || !c.succeeded() {
			continue
		}
		var pats []optionPattern
		for _, p := range stringsOf(c.params[0]) {
			op := parseOptionPattern(p)
			if strings.HasPrefix(op.section, "*") || strings.HasPrefix(op.name, "*") {
				return []Finding{finding("configuration.getOption.6", "option-wildcard", c.reply.step, c.client, c.reply,
					"getOption(%q) succeeds although an asterisk starts the option or section", p).keyed("leading")}
			}
			pats = append(pats, op)
		}
		var sections map[string]map[string]any
		if json.Unmarshal(c.reply.msg.Data(), &sections) != nil {
			continue // another reading of the result (INT-SCHEMA-1): not judged
		}
		for _, sec := range sortedKeysOf(sections) {
			for _, name := range sortedKeysOf(sections[sec]) {
				ok := false
				for _, p := range pats {
					ok = ok || (p.section == "" || wordMatches(p.section, sec)) && wordMatches(p.name, name)
				}
				if !ok {
					return []Finding{finding("configuration.getOption.5", "option-wildcard", c.reply.step, c.client, c.reply,
						"getOption(%v) answers %s/%s, which no pattern matches with the asterisk only ending a word", c.params[0], sec, name).keyed("match")}
				}
			}
		}
	}
	return nil
}

// stringsOf returns a string, or the strings of an array.
func stringsOf(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func sortedKeysOf[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// eventOnly are the state types "limited to an event and can't be applied by
// code" (Media Namespace > State).
var eventOnly = []string{"PARTIAL_READY", "OUT_OF_SERVICE", "LOGOUT_DND_ON", "UNKNOWN"}

// checkStateSettable: agent.setState and media.setState take "An
// operationName from the agent states list", never one whose type is
// limited to an event; media.setState sets a media the agent has (one
// getMediaList names).
func checkStateSettable(r *record) []Finding {
	types := map[string]string{} // operationName → type, from getStateList
	var media []string
	listed := false
	var prev *call
	for i, c := range r.calls {
		if i > 0 {
			prev = r.calls[i-1]
		}
		switch {
		case c.request == getStateList && c.succeeded():
			if states, ok := stateTypes.decode(c.reply.msg.Data()); ok {
				for _, s := range states {
					types[s.OperationName] = s.Type
				}
			}
		case c.request == getMediaList && c.succeeded():
			if ms, ok := mediaNames.decode(c.reply.msg.Data()); ok {
				listed, media = true, nil
				for _, m := range ms {
					media = append(media, m.Name)
				}
			}
		case c.request == getState && c.succeeded() && prev != nil && prev.request == setState && prev.step == c.step-1 && prev.runs() && prev.succeeded():
			if st, ok := stateType.decode(c.reply.msg.Data()); ok && slices.Contains(eventOnly, st.Type) {
				return []Finding{finding("agent.setState.4", "state-settable", c.reply.step, c.client, c.reply,
					"agent.setState(%v) succeeded and getState then answers type %s, limited to an event", prev.params[0], st.Type).keyed(setState, "applied")}
			}
		case (c.request == setState || c.request == mediaSetState) && c.runs() && c.succeeded():
			op, _ := c.params[len(c.params)-1].(string)
			if slices.Contains(eventOnly, types[op]) {
				return []Finding{finding("agent.setState.4", "state-settable", c.reply.step, c.client, c.reply,
					"%s(%v) succeeds although state %q is of type %s, limited to an event", c.request, c.params, op, types[op]).keyed(c.request, "event-only")}
			}
			if name, _ := c.params[0].(string); c.request == mediaSetState && listed && !slices.Contains(media, name) {
				return []Finding{finding("media.setState.1", "state-settable", c.reply.step, c.client, c.reply,
					"media.setState(%q, …) succeeds although the agent's media are %v", name, media).keyed(mediaSetState)}
			}
		}
	}
	return nil
}

// checkOutboundRecord: "If updateRecordField contains a non-editable field,
// the operation fails"; setCallResult's "\"Do Not Call\" must not be set for
// the interaction"; rescheduleRecord's rescheduleDate is "in MM/DD/YYYY
// HH:MM format": a date that is not one is refused.
func checkOutboundRecord(r *record) []Finding {
	dnc := map[string]bool{}
	editable := map[string]bool{} // field name → isEditable, from getRecordFields
	for _, c := range r.calls {
		if !c.runs() || !c.succeeded() || len(c.params) == 0 {
			continue
		}
		id, _ := c.params[0].(string)
		switch c.request {
		case getRecordFields:
			var fields []struct {
				Name       string
				IsEditable *bool
			}
			if json.Unmarshal(c.reply.msg.Data(), &fields) == nil {
				for _, f := range fields {
					if f.IsEditable != nil {
						editable[f.Name] = *f.IsEditable
					}
				}
			}
		case updateRecordFields:
			data, _ := c.params[1].(map[string]any)
			for _, k := range sortedKeys(data) {
				if ed, known := editable[k]; known && !ed {
					return []Finding{finding("outbound.updateRecordFields.3", "outbound-record", c.reply.step, c.client, c.reply,
						"updateRecordFields writes %s, which getRecordFields says is not editable, and succeeds", k).keyed(updateRecordFields)}
				}
			}
		case setDoNotCall:
			dnc[id] = true
		case "outbound.removeDoNotCall":
			delete(dnc, id)
		case setCallResult:
			if dnc[id] {
				return []Finding{finding("outbound.setCallResult.2", "outbound-record", c.reply.step, c.client, c.reply,
					"setCallResult on %q succeeds although Do Not Call was set on it", id).keyed(setCallResult)}
			}
		case rescheduleRecord:
			date, _ := c.params[2].(string)
			if _, err := time.Parse("01/02/2006 15:04", date); err != nil {
				return []Finding{finding("outbound.rescheduleRecord.2", "outbound-record", c.reply.step, c.client, c.reply,
					"rescheduleRecord accepts rescheduleDate %q, which is not MM/DD/YYYY HH:MM", date).keyed(rescheduleRecord)}
			}
		}
	}
	return nil
}
