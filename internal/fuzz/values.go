package fuzz

import (
	"fmt"
	"strconv"
	"strings"

	"scapi-conformance/contract"
)

// validCall builds a call whose parameters have the documented arity and
// types; identifiers refer to what the target reported.
func (gs *genState) validCall(m contract.Method, client int) Step {
	st := Step{Op: OpCall, Client: client, Request: m.Wire}
	if len(m.Params) == 0 {
		st.NoParams = gs.rng.IntN(4) != 0
		return st
	}
	for i, p := range m.Params {
		if p.Optional && gs.rng.IntN(2) == 0 && i == len(st.Params) {
			break
		}
		st.Params = append(st.Params, gs.value(p))
	}
	return st
}

// value draws a well-typed value for a parameter.
func (gs *genState) value(p contract.Param) Arg {
	if p.Name == "channel" && gs.rng.IntN(4) != 0 {
		return Lit(channel)
	}
	if strings.HasSuffix(p.Name, "Id") && p.Type == contract.TypeString {
		return RefArg(p.Name, gs.rng.IntN(2))
	}
	switch p.Type {
	case contract.TypeString, contract.TypeStringOrArray, contract.TypeObjectOrString:
		return Lit(gs.pick([]string{"", "1234", "agent1", "Ready", "NotReady", "voice.*", "x" + strings.Repeat("y", 300), "é✓\u2028"}))
	case contract.TypeBoolean:
		return Lit(gs.rng.IntN(2) == 0)
	case contract.TypeNumber, contract.TypeNumberOrString:
		return Lit([]float64{0, 1, -1, 2.5, 1e15}[gs.rng.IntN(5)])
	case contract.TypeArray:
		return Lit([]any{gs.pick(userDataKeys)})
	}
	return Lit(gs.userData())
}

// userData draws an object of pool keys with values unique in the session.
func (gs *genState) userData() map[string]any {
	ud := map[string]any{}
	for _, k := range userDataKeys {
		if gs.rng.IntN(2) == 0 {
			gs.tokens++
			ud[k] = fmt.Sprintf("%s%d-%d", tokenPrefix, gs.id, gs.tokens)
		}
	}
	return ud
}

// wrongValues are values of every JSON type, and boundary ones.
var wrongValues = []any{nil, true, 0, -1, 1.5e308, "", " ", strings.Repeat("A", 4096), []any{}, []any{nil}, map[string]any{}, map[string]any{"__proto__": map[string]any{"x": 1}}}

// malformedCall builds a call with a wrong arity or a wrongly typed parameter.
func (gs *genState) malformedCall(m contract.Method, client int) Step {
	st := gs.validCall(m, client)
	st.NoParams = false
	switch gs.rng.IntN(3) {
	case 0: // one parameter too many
		st.Params = append(st.Params, Lit(wrongValues[gs.rng.IntN(len(wrongValues))]))
	case 1: // one missing
		if len(st.Params) > 0 {
			st.Params = st.Params[:len(st.Params)-1]
		} else {
			st.Params = []Arg{Lit(nil)}
		}
	default: // one of the wrong type
		if len(st.Params) == 0 {
			st.Params = []Arg{Lit(wrongValues[gs.rng.IntN(len(wrongValues))])}
		} else {
			st.Params[gs.rng.IntN(len(st.Params))] = Lit(wrongValues[gs.rng.IntN(len(wrongValues))])
		}
	}
	return st
}

// garbage draws a message that is not a well-formed request.
func (gs *genState) garbage() []byte {
	return []byte(gs.pick([]string{
		"", "{", "null", `{"request":"","referenceId":"g0","userAgent":"WWE Client","protocolVersion":2}`, "[]", "42", `"request"`, "{}", `{"request":1}`,
		`{"request":"agent.getState","referenceId":7,"userAgent":"WWE Client","protocolVersion":2}`,
		`{"request":"agent.getState","parameters":{},"userAgent":"WWE Client","protocolVersion":2}`,
		`{"request":"agent.getState","userAgent":"WWE Client","protocolVersion":"2","referenceId":"g1"}`,
		`{"event":"subscribe","userAgent":"WWE Client","protocolVersion":2,"referenceId":"g2"}`,
		`{"event":"unsubscribe","data":{"a":1},"userAgent":"WWE Client","protocolVersion":2}`,
		`{"request":"agent.getState","referenceId":"g3","userAgent":"WWE Client","protocolVersion":2} trailing`,
		"\xff\xfe{\"request\":\"agent.getState\"}",
		`{"request":"` + strings.Repeat("a.", 2000) + `","referenceId":"g4","userAgent":"WWE Client","protocolVersion":2}`,
		strings.Repeat("[", 10000),
	}))
}

// wellFormed reports whether params have the catalog's arity and types.
func wellFormed(m contract.Method, params []any) bool {
	required := 0
	for _, p := range m.Params {
		if !p.Optional {
			required++
		}
	}
	if len(params) < required || len(params) > len(m.Params) {
		return false
	}
	for i, v := range params {
		if !hasType(m.Params[i].Type, v) {
			return false
		}
	}
	return true
}

func hasType(t contract.JSONType, v any) bool {
	switch v.(type) {
	case string:
		return t == contract.TypeString || t == contract.TypeStringOrArray || t == contract.TypeObjectOrString || t == contract.TypeNumberOrString
	case bool:
		return t == contract.TypeBoolean
	case float64:
		return t == contract.TypeNumber || t == contract.TypeNumberOrString
	case []any:
		return t == contract.TypeArray || t == contract.TypeStringOrArray
	case map[string]any:
		return t == contract.TypeObject || t == contract.TypeObjectOrString
	}
	return false
}

// refValue returns the value a reference may later name, when key names the
// identifier of something the target created (a string id, an operationName,
// a record handle, which is a number).
func refValue(key string, val any) (string, bool) {
	switch key {
	case "referenceId", "subscriptionId", "frameId":
		return "", false
	}
	switch v := val.(type) {
	case string:
		return v, v != "" && (strings.HasSuffix(key, "Id") || handleKey(key) || key == "operationName")
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), handleKey(key)
	}
	return "", false
}

// handleKey names the keys of record handles ("recordHandle",
// "GSW_RECORD_HANDLE"): numbers on the wire. It is
// strings.HasSuffix(strings.ToLower(key), "handle") without lowering the
// key: no other character lowers or folds to one of those six letters.
func handleKey(key string) bool {
	return len(key) >= len("handle") && strings.EqualFold(key[len(key)-len("handle"):], "handle")
}

// refArg is the JSON value of a reference resolved to a remembered value: a
// handle is a number again.
func refArg(key, s string) any {
	if handleKey(key) {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
	}
	return s
}
