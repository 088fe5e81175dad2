package fuzz

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"sync"

	"scapi-conformance/contract"
	"scapi-conformance/contract/control"
	"scapi-conformance/contract/options"
)

// Generator makes sessions from the catalog. Session i of seed s is a pure
// function of (s, i, the origins, the capabilities): the same seed gives the
// same sessions.
type Generator struct {
	Seed    uint64
	Origins []string
	// Steerable is true when sessions may set options, inject stimuli and
	// move the clock; Stimuli lists the stimuli the target can inject.
	Steerable bool
	Clock     bool
	Stimuli   []string
	// Limited is true when the target, not steerable, is configured with
	// rate limits (DeclaresLimits): with a clock, some sessions then exceed
	// them as rate-limited sessions of a steerable target do.
	Limited bool
	// MaxSteps bounds a session's length (default 40).
	MaxSteps int

	mu sync.Mutex
	// dropped are the wire requests later sessions no longer call.
	dropped map[string]bool
}

// catalog is the method catalog, read once for every generator.
var catalog = sync.OnceValue(contract.Catalog)

// methods returns the catalog.
func (g *Generator) methods() []contract.Method { return catalog() }

// Drop stops later sessions from calling the wire request: a method the
// target does not implement (a method-fails finding, keyed by the request)
// would only fail again and hide what the session's other steps would show.
// Session i is then a pure function of the seed, i and the requests dropped.
func (g *Generator) Drop(request string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.dropped == nil {
		g.dropped = map[string]bool{}
	}
	g.dropped[request] = true
}

// withoutDropped removes the calls of dropped requests from the steps.
func (g *Generator) withoutDropped(steps []Step) []Step {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.dropped) == 0 {
		return steps
	}
	return slices.DeleteFunc(steps, func(st Step) bool { return st.Op == OpCall && g.dropped[st.Request] })
}

// events are the event names a client subscribes to.
var events = []string{"agent", "interaction", "media", "outbound", "system", "markdone", contract.MessengerEventPrefix + channel}

// channel is the messenger channel sessions use.
const channel = "fz"

// unknownRequests are request names the catalog does not know; an empty name
// is sent only as garbage, having no name to echo.
var unknownRequests = []string{"agent.fly", "nosuch.method", "agent", "AGENT.GETSTATE", "agent.getstate", "voice.muteMicrophone.x", "__proto__.x"}

// userDataKeys is the small pool of user-data keys sessions use, so that
// writes and reads meet.
var userDataKeys = []string{"case", "customer", "priority", "secret"}

// Session returns session i.
func (g *Generator) Session(i uint64) *Session {
	rng := rand.New(rand.NewPCG(g.Seed, i))
	gs := &genState{g: g, rng: rng, id: i}
	s := &Session{Origins: sessionOrigins(g.Origins)}
	rateSession := (g.Steerable || g.Limited && g.Clock) && rng.IntN(4) == 0
	if g.Steerable {
		s.Options = gs.options(rateSession)
	}
	max := g.MaxSteps
	if max <= 0 {
		max = 40
	}
	n := 1 + rng.IntN(max)
	if rateSession {
		gs.clients = 1
		for len(s.Steps) < n {
			s.Steps = append(s.Steps, gs.rateStep()...)
		}
		s.Steps = g.withoutDropped(s.Steps)
		return s
	}
	gs.clients = len(s.Origins)
	s.Steps = append(s.Steps, Step{Op: OpSubscribe, Client: 0, Events: events})
	if gs.can(control.StimPreviewRecord) && rng.IntN(5) == 0 {
		// A preview record first, so that its interaction and the call made
		// from it are the session's first two interactionIds; its user data
		// readable, for it carries the record handle.
		s.Options[options.UserDataReadAllowed] = "*"
		s.Steps = append(s.Steps, gs.previewPath()...)
	}
	for len(s.Steps) < n {
		s.Steps = append(s.Steps, gs.step()...)
	}
	s.Steps = g.withoutDropped(s.Steps)
	return s
}

type genState struct {
	g       *Generator
	rng     *rand.Rand
	id      uint64
	clients int
	tokens  int
	// stimulated counts the stimuli injected so far, by name.
	stimulated map[string]int
}

func (gs *genState) pick(xs []string) string { return xs[gs.rng.IntN(len(xs))] }

// options draws the session's service-client-api options. The first origin
// is always listed with every request, so it can watch events; rate-limited
// sessions allow every origin.
func (gs *genState) options(rateSession bool) control.Options {
	o := control.Options{}
	if rateSession {
		o[options.AcceptedOrigins] = "*"
		reqs := []string{"agent.getState", "agent.getStateList", "media.getMediaList", "system.getAllowedServices"}
		if gs.rng.IntN(2) == 0 {
			o[options.RateLimit] = fmt.Sprint(1 + gs.rng.IntN(4))
		}
		for _, r := range reqs {
			if gs.rng.IntN(3) == 0 {
				o[options.RateLimitPrefix+r] = fmt.Sprint(1 + gs.rng.IntN(3))
			}
		}
		if o[options.RateLimit] == "" && len(o) == 1 {
			o[options.RateLimitPrefix+reqs[0]] = "2"
		}
		o[options.QuarantineDelay] = gs.pick([]string{"0", "1", "30", "60", "90"})
		return o
	}
	entries := []string{gs.spell(gs.g.Origins[0]) + gs.pick([]string{"", " (*)", " (*, auth.getJwtToken)"})}
	for _, origin := range gs.g.Origins[1:] {
		origin = gs.spell(origin)
		switch gs.rng.IntN(5) {
		case 0: // not listed
		case 1:
			entries = append(entries, origin)
		case 2:
			entries = append(entries, origin+" ("+gs.filters()+")")
		case 3:
			entries = append(entries, origin+" (*)")
		case 4:
			entries = append(entries, origin+" ()")
		}
	}
	if len(gs.g.Origins) > 1 && gs.rng.IntN(3) == 0 {
		// An origin's host without its port: another origin, which does not
		// list it.
		if u, err := url.Parse(gs.pick(gs.g.Origins[1:])); err == nil && u.Port() != "" {
			entries = append(entries, u.Scheme+"://"+u.Hostname())
		}
	}
	if gs.rng.IntN(8) == 0 {
		entries = append(entries, "*")
	}
	o[options.AcceptedOrigins] = strings.Join(entries, ", ")
	if gs.rng.IntN(2) == 0 {
		o[options.UserDataReadAllowed] = gs.keyList()
	}
	if gs.rng.IntN(2) == 0 {
		o[options.UserDataWriteAllowed] = gs.keyList()
	}
	return o
}

// defaultPort is the explicit default port of each origin scheme, which an
// origin spelling may add without changing the origin (INT-ORIGIN-2).
var defaultPort = map[string]string{"http": ":80", "https": ":443"}

// spell writes an origin in one of its equivalent spellings: browsers report
// event.origin normalised, so the option's scheme and host case and an
// explicit default port do not matter (INT-ORIGIN-2).
func (gs *genState) spell(origin string) string {
	u, err := url.Parse(origin)
	if err != nil || gs.rng.IntN(3) != 0 {
		return origin
	}
	host := u.Host
	if u.Port() == "" {
		host += defaultPort[u.Scheme]
	}
	return strings.ToUpper(u.Scheme) + "://" + strings.ToUpper(host[:1]) + host[1:]
}

// sessionOrigins are the target's origins plus one that a listed origin is a
// textual prefix of ("https://a.example" → "https://a.example.evil.example"),
// which no entry lists: a prefix match must not let it in; and a spelling of
// a target origin that is not normalised ("HTTPS://A.EXAMPLE:443"), as a
// websocket Origin header may carry it: it is the same origin (INT-ORIGIN-2).
func sessionOrigins(target []string) []string {
	out := append([]string(nil), target...)
	for _, o := range target {
		if u, err := url.Parse(o); err == nil && u.Port() == "" && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
			return append(out, o+".evil.example", strings.ToUpper(u.Scheme)+"://"+strings.ToUpper(u.Host)+defaultPort[u.Scheme])
		}
	}
	return out
}

// filters draws a filter list of namespace wildcards and request names.
func (gs *genState) filters() string {
	cat := gs.g.methods()
	var fs []string
	for k := 1 + gs.rng.IntN(3); k > 0; k-- {
		m := cat[gs.rng.IntN(len(cat))]
		if m.AllowKeyword == "" {
			continue
		}
		if gs.rng.IntN(3) == 0 {
			fs = append(fs, m.Namespace+".*")
		} else {
			fs = append(fs, m.AllowKeyword)
		}
	}
	if len(fs) == 0 {
		fs = append(fs, "agent.getState")
	}
	return strings.Join(fs, ", ")
}

func (gs *genState) keyList() string {
	if gs.rng.IntN(4) == 0 {
		return "*"
	}
	var ks []string
	for _, k := range userDataKeys {
		if gs.rng.IntN(2) == 0 {
			ks = append(ks, k)
		}
	}
	return strings.Join(ks, ",")
}

// rateStep is a step of a rate-limited session: well-formed calls of
// requests that need no state, and clock moves.
func (gs *genState) rateStep() []Step {
	if gs.g.Clock && gs.rng.IntN(6) == 0 {
		return []Step{{Op: OpClock, Millis: gs.clockMillis()}}
	}
	reqs := []string{"agent.getState", "agent.getStateList", "media.getMediaList", "system.getAllowedServices"}
	m, _ := contract.LookupWire(gs.pick(reqs))
	return []Step{gs.validCall(m, 0)}
}

func (gs *genState) clockMillis() int64 {
	return []int64{500, 1000, 15000, 30000, 59000, 60000, 61000, 120000}[gs.rng.IntN(8)]
}

// step draws the next steps of an ordinary session.
func (gs *genState) step() []Step {
	cat := gs.g.methods()
	client := gs.rng.IntN(gs.clients)
	if gs.rng.IntN(5) == 0 {
		return gs.scenario(client)
	}
	switch k := gs.rng.IntN(100); {
	case k < 4:
		return gs.pair(client)
	case k < 45:
		m := cat[gs.rng.IntN(len(cat))]
		if m.Wire == "" || strings.HasPrefix(m.Request(), "subscribe") || strings.HasPrefix(m.Request(), "unsubscribe") {
			return nil
		}
		return append(gs.prepare(m), gs.validCall(m, client))
	case k < 60:
		m := cat[gs.rng.IntN(len(cat))]
		if m.Wire == "" {
			return nil
		}
		return []Step{gs.malformedCall(m, client)}
	case k < 63:
		return []Step{{Op: OpCall, Client: client, Request: gs.pick(unknownRequests), NoParams: true}}
	case k < 67:
		return []Step{RawStep(client, gs.garbage())}
	case k < 79:
		if !gs.g.Steerable || len(gs.g.Stimuli) == 0 {
			return nil
		}
		return []Step{gs.stimulus(gs.pick(gs.g.Stimuli))}
	case k < 84:
		if !gs.g.Clock {
			return nil
		}
		return []Step{{Op: OpClock, Millis: gs.clockMillis()}}
	case k < 86:
		// Some client listens to a channel the session's channel is a
		// prefix of: broadcasts on the session's channel must not reach it.
		return []Step{{Op: OpSubscribe, Client: client, Events: []string{gs.pick(append(events, contract.MessengerEventPrefix+channel+"2"))}}}
	case k < 90:
		if gs.rng.IntN(4) != 0 {
			client = 0 // the watching client, subscribed to every event
		}
		return []Step{{Op: OpUnsubscribe, Client: client, Sub: gs.rng.IntN(2)}}
	case k < 92:
		id := RefArg("interactionId", gs.rng.IntN(2))
		return append(gs.prepare(mustLookupWire(setUserData)),
			Step{Op: OpCall, Client: client, Request: setUserData, Params: []Arg{id, Lit(gs.userData())}},
			Step{Op: OpCall, Client: gs.rng.IntN(gs.clients), Request: getByInteractionID, Params: []Arg{id}})
	case k < 96:
		id := RefArg("interactionId", gs.rng.IntN(3))
		return []Step{
			{Op: OpCall, Client: client, Request: voiceHold, Params: []Arg{id}},
			{Op: OpCall, Client: client, Request: voiceResume, Params: []Arg{id}},
		}
	default:
		return []Step{{Op: OpCall, Client: client, Request: getByInteractionID, Params: []Arg{RefArg("interactionId", gs.rng.IntN(3))}}}
	}
}

// toggles are the mute requests and the query that reads their effect.
var toggles = [][3]string{
	{"sipEndpoint.muteMicrophone", "sipEndpoint.unmuteMicrophone", "sipEndpoint.isMicrophoneMute"},
	{"sipEndpoint.muteSpeaker", "sipEndpoint.unmuteSpeaker", "sipEndpoint.isSpeakerMute"},
}

// pair draws steps whose last reads the effect of the ones before: a state
// list then a setState, a (un)mute then its query, a token asked twice, a
// toast closed twice, a broadcast by a client that listens to its channel.
func (gs *genState) pair(client int) []Step {
	switch gs.rng.IntN(9) {
	case 0:
		return []Step{
			{Op: OpCall, Client: client, Request: getStateList, NoParams: true},
			gs.validCall(mustLookupWire(setState), client),
		}
	case 5:
		return []Step{
			{Op: OpCall, Request: getStateList, NoParams: true},
			{Op: OpCall, Request: getState, NoParams: true},
			{Op: OpCall, Request: setState, Params: []Arg{RefArg("operationName", gs.rng.IntN(6))}},
		}
	case 7:
		if !gs.can(control.StimInboundCall, control.StimRemoteRelease) {
			return nil
		}
		id := gs.nextInboundCallID()
		release := gs.stimulus(control.StimRemoteRelease)
		release.Args["interactionId"] = id
		return []Step{gs.stimulus(control.StimInboundCall), release}
	case 8:
		if !gs.can(control.StimInboundCall) {
			return nil
		}
		id := gs.nextInboundCallID()
		return []Step{
			gs.stimulus(control.StimInboundCall),
			{Op: OpCall, Request: "voice.answer", Params: []Arg{id}},
			{Op: OpCall, Client: client, Request: "voice.startCallRecording", Params: []Arg{id}},
			{Op: OpCall, Client: client, Request: setUserData, Params: []Arg{id, Lit(gs.userData())}},
		}
	case 6:
		if !gs.can(control.StimInboundCall) {
			return nil
		}
		id := gs.nextInboundCallID()
		return []Step{
			gs.stimulus(control.StimInboundCall),
			{Op: OpCall, Request: "voice.answer", Params: []Arg{id}},
			{Op: OpCall, Request: "voice.hangUp", Params: []Arg{id}},
			{Op: OpCall, Client: client, Request: setUserData, Params: []Arg{id, Lit(gs.userData())}},
			{Op: OpCall, Request: getByInteractionID, Params: []Arg{id}},
		}
	case 1:
		return []Step{{Op: OpCall, Request: getJwtToken, NoParams: true}, {Op: OpCall, Request: getJwtToken, NoParams: true}}
	case 2:
		id := RefArg(popupToast, 0)
		return []Step{
			{Op: OpCall, Client: client, Request: popupToast, Params: []Arg{Lit(map[string]any{"title": "fz", "iconUrl": "https://client.example/fz.png"})}},
			{Op: OpCall, Client: client, Request: closeToast, Params: []Arg{id}},
			{Op: OpCall, Client: client, Request: closeToast, Params: []Arg{id}},
		}
	case 3:
		gs.tokens++
		return []Step{{Op: OpCall, Request: broadcast, Params: []Arg{Lit(channel), Lit(map[string]any{"fz": fmt.Sprintf("%s%d-%d", tokenPrefix, gs.id, gs.tokens)})}}}
	}
	t := toggles[gs.rng.IntN(len(toggles))]
	return []Step{
		{Op: OpCall, Client: client, Request: t[gs.rng.IntN(2)], NoParams: true},
		{Op: OpCall, Client: gs.rng.IntN(gs.clients), Request: t[2], NoParams: true},
	}
}

// can reports whether the target can inject every stimulus named.
func (gs *genState) can(names ...string) bool {
	for _, n := range names {
		if !gs.g.Steerable || !slices.Contains(gs.g.Stimuli, n) {
			return false
		}
	}
	return true
}

// prepare injects the stimuli a method needs when none was injected yet.
func (gs *genState) prepare(m contract.Method) []Step {
	var out []Step
	for _, n := range m.Needs {
		if gs.g.Steerable && slices.Contains(gs.g.Stimuli, n) && gs.stimulated[n] == 0 {
			out = append(out, gs.stimulus(n))
		}
	}
	return out
}

// nextInboundCallID refers to the interactionId of the inbound-call stimulus
// the session is about to inject.
func (gs *genState) nextInboundCallID() Arg {
	return RefArg(control.StimInboundCall+".interactionId", gs.stimulated[control.StimInboundCall])
}

func (gs *genState) stimulus(name string) Step {
	if gs.stimulated == nil {
		gs.stimulated = map[string]int{}
	}
	gs.stimulated[name]++
	st := Step{Op: OpStimulus, Stimulus: name, Args: map[string]Arg{}}
	switch name {
	case control.StimRemoteRelease, control.StimPartyChange, control.StimChatEnd, control.StimCaseIDChange:
		st.Args["interactionId"] = RefArg("interactionId", gs.rng.IntN(2))
	case control.StimPreviewRecord:
		st.Args["mode"] = Lit(gs.pick([]string{"pull", "push", "direct-push"}))
	case control.StimRealtime:
		st.Args["state"] = Lit(gs.pick([]string{"DISCONNECTED", "RECONNECTED", "DOWN"}))
	case control.StimElection:
		st.Args["state"] = Lit(gs.pick([]string{"NEGOTIATING", "LEADING", "FOLLOWING"}))
	case control.StimCampaign:
		st.Args["eventType"] = Lit(gs.pick([]string{"CampaignLoaded", "CampaignStarted", "CampaignStopped", "CampaignUnloaded"}))
		st.Args["mode"] = Lit(gs.pick([]string{"Preview", "Progressive", "Predictive"}))
	case control.StimInboundCall:
		ud := map[string]any{}
		for _, k := range userDataKeys {
			gs.tokens++
			ud[k] = fmt.Sprintf("%s%d-%d", tokenPrefix, gs.id, gs.tokens)
		}
		st.Args["userData"] = Lit(ud)
	case control.StimToastClick:
		st.Args["customToastId"] = RefArg(popupToast, gs.rng.IntN(2))
		st.Args["buttonIndex"] = Lit(gs.rng.IntN(2))
	}
	return st
}

func mustLookupWire(name string) contract.Method {
	m, ok := contract.LookupWire(name)
	if !ok {
		panic("fuzz: the catalog has no " + name)
	}
	return m
}
