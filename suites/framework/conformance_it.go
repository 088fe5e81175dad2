package framework

import (
	"fmt"

	"github.com/onsi/ginkgo/v2"
	"github.com/onsi/ginkgo/v2/types"
)

// ConformanceIt declares a spec that tests the cited requirements. Decorators
// are Needs(...), Slow, WithOptions(...), RealWait(...) and any Ginkgo decorator (a SpecTimeout given here
// replaces the default one). It panics while the spec tree is built when a
// requirement id or capability is unknown: a suite citing a requirement that
// does not exist must not run. The spec's code location is the caller's (a
// ginkgo.Offset given here counts from the caller; a types.CodeLocation
// replaces it), so reports point at the spec file, not at this one.
func ConformanceIt(text string, reqs Reqs, body func(s *Session), decorators ...any) bool {
	var needs []string
	var opts optionsDecorator
	var realWait realWaitDecorator
	slow := false
	hasTimeout := false
	var rest []any
	offset := ginkgo.Offset(1) // ConformanceIt's caller, not ConformanceIt
	for _, d := range decorators {
		switch d := d.(type) {
		case ginkgo.Offset:
			offset += d
		case needsDecorator:
			needs = append(needs, d...)
		case slowDecorator:
			slow = true
		case optionsDecorator:
			opts = d
		case realWaitDecorator:
			realWait = d
		case ginkgo.SpecTimeout:
			hasTimeout = true
			rest = append(rest, d)
		default:
			rest = append(rest, d)
		}
	}
	labels, err := specLabels(reqs, needs, slow)
	if err != nil {
		panic(fmt.Sprintf("ConformanceIt(%q): %v", text, err))
	}
	recordCitation(reqs)
	args := []any{offset, ginkgo.Label(labels...)}
	if !hasTimeout {
		d := DefaultSpecTimeout
		if slow {
			d = SlowSpecTimeout
		}
		args = append(args, ginkgo.SpecTimeout(d))
	}
	args = append(args, rest...)
	spec := specInfo{reqs: append(Reqs(nil), reqs...), needs: needs, slow: slow, options: opts, realWait: realWait}
	register(types.NewCodeLocation(int(offset)), spec)
	run := func(ctx ginkgo.SpecContext) {
		t := Current()
		if t == nil || t.Driver == nil {
			ginkgo.Fail("framework.Configure was not called with a target and a driver before RunSpecs")
		}
		s := newSession(ctx, t, spec)
		s.begin()
		body(s)
		s.end()
	}
	return ginkgo.It(text, append(args, run)...)
}

// specInfo is what ConformanceIt knows of a spec when its body runs.
type specInfo struct {
	reqs  Reqs
	needs []string
	slow  bool
	// options are those the spec runs under (WithOptions); realWait its
	// real waiting without a virtual clock (RealWait).
	options  optionsDecorator
	realWait realWaitDecorator
}
