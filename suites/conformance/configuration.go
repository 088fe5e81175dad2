package conformance

import (
	"fmt"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
	"scapi-conformance/suites/framework"
)

// The option of the 001 Examples scenario: set in [interaction-workspace] and
// overridden by a routing strategy through the "CaseDataColor" annex.
const (
	nsSection      = "interaction-workspace"
	nsFrameColor   = "interaction.case-data.frame-color"
	nsOverrideKey  = "IW_OverrideOptions"
	nsOverrideName = "CaseDataColor"
)

// nsOptions calls getOption and returns the options answered, by section then
// option name (INT-NS-2).
func nsOptions(s *framework.Session, c driver.Client, options any) map[string]map[string]any {
	GinkgoHelper()
	data := s.OK(c, "configuration.getOption", options)
	return nsSections(data)
}

// nsSections reads getOption / getContextualOption data as options by
// section. nsOK has already held the data to configuration.Options
// (INT-SCHEMA-1): strict mode admits only the object keyed by section of the
// documented example; lenient mode also an array of configuration.Section
// {name, value} (a bare name is an [interaction-workspace] option,
// "section/option" another section's), reported NON-STRICT.
func nsSections(data any) map[string]map[string]any {
	GinkgoHelper()
	out := map[string]map[string]any{}
	put := func(section, name string, value any) {
		if out[section] == nil {
			out[section] = map[string]any{}
		}
		out[section][name] = value
	}
	switch d := data.(type) {
	case []any:
		for _, v := range d {
			sec, _ := v.(map[string]any)
			name, ok := sec["name"].(string)
			Expect(ok).To(BeTrue(), "a configuration.Section without a name: %v", v)
			if section, option, found := strings.Cut(name, "/"); found {
				put(section, option, sec["value"])
			} else {
				put(nsSection, name, sec["value"])
			}
		}
	case map[string]any:
		for section, v := range d {
			options, ok := v.(map[string]any)
			Expect(ok).To(BeTrue(), "section %q is not an object of options: %v", section, v)
			for name, value := range options {
				put(section, name, value)
			}
		}
	default:
		Fail(fmt.Sprintf("the options answered are neither an object keyed by section nor configuration.Section[]: %v", data))
	}
	return out
}

// nsMatchesNothing asks getOption for a pattern the documentation does not
// allow: the request is refused (true) or answers no option. rule is the
// documented sentence the failure quotes.
func nsMatchesNothing(s *framework.Session, c driver.Client, pattern, rule string) bool {
	GinkgoHelper()
	m := s.CallMethod(c, "configuration.getOption", pattern)
	if _, refused := m.ErrorMessage(); refused {
		return true
	}
	for _, sec := range nsSections(framework.Decode(m.Data())) {
		Expect(sec).To(BeEmpty(), "%s; yet %s matched options", rule, pattern)
	}
	return false
}

var _ = Describe("Configuration namespace", func() {
	framework.ConformanceIt("getOption answers an option of [interaction-workspace] when no section is named",
		framework.Reqs{"configuration.getOption.1", "configuration.getOption.2", "configuration.type.Section.1"}, func(s *framework.Session) {
			got := nsOptions(s, s.Agent(), nsFrameColor)
			s.Holds("INT-NS-2", got[nsSection][nsFrameColor] != nil)
		})

	framework.ConformanceIt("getOption answers the same value by option, by section path, in a list and by trailing wildcard",
		framework.Reqs{"configuration.getOption.3", "configuration.getOption.4", "configuration.getOption.5"}, func(s *framework.Session) {
			c := s.Agent()
			want := nsOptions(s, c, nsFrameColor)[nsSection][nsFrameColor]
			Expect(nsOptions(s, c, nsSection+"/"+nsFrameColor)[nsSection]).To(HaveKeyWithValue(nsFrameColor, want), "A single option in a specific section")
			Expect(nsOptions(s, c, []any{nsFrameColor, "voice.auto-answer"})[nsSection]).To(HaveKeyWithValue(nsFrameColor, want), "Multiple options")
			wild := nsOptions(s, c, "interaction.case-data.*")[nsSection]
			Expect(wild).To(HaveKeyWithValue(nsFrameColor, want), "You can use an asterisk '*' as a wildcard at the end of each word")
			for name := range wild {
				Expect(strings.HasPrefix(name, "interaction.case-data.")).To(BeTrue(), "the wildcard interaction.case-data.* matched %q", name)
			}
		})

	framework.ConformanceIt("getOption takes an asterisk inside a word for no wildcard: it matches no option",
		framework.Reqs{"configuration.getOption.5"}, func(s *framework.Session) {
			c := s.Agent()
			if _, set := nsOptions(s, c, nsFrameColor)[nsSection][nsFrameColor]; !set {
				Skip("the target does not set " + nsFrameColor + " in [" + nsSection + "]: a pattern for it would prove nothing")
			}
			// interaction.case-data.frame*color: the asterisk sits inside the
			// word frame-color, where it is no wildcard ("only at the end of
			// each word"); no option name holds an asterisk, so, refused or
			// not, the request matches nothing.
			inside := strings.Replace(nsFrameColor, "frame-", "frame*", 1)
			nsMatchesNothing(s, c, inside, "You can use an asterisk '*' as a wildcard, but only at the end of each word")
		})

	framework.ConformanceIt("getOption refuses an asterisk at the start of an option",
		framework.Reqs{"configuration.getOption.6"}, func(s *framework.Session) {
			c := s.Agent()
			refused := nsMatchesNothing(s, c, "*.frame-color", "the values *.mark-done, *.auto are not allowed")
			s.Holds("INT-NS-3", refused)
		})

	framework.ConformanceIt("getContextualOption answers the routing strategy's override while getOption keeps the default",
		framework.Reqs{"configuration.getContextualOption.1", "configuration.getOption.7"}, func(s *framework.Session) {
			c := s.Agent("interaction")
			def := nsOptions(s, c, nsFrameColor)[nsSection][nsFrameColor]
			id := framework.InteractionID(s.Ringing(c, map[string]any{"userData": map[string]any{nsOverrideKey: nsOverrideName}}))
			ctxual := nsSections(s.OK(c, "configuration.getContextualOption", nsFrameColor, id))[nsSection][nsFrameColor]
			s.For("configuration.getContextualOption.1", func() {
				Expect(ctxual).NotTo(BeNil(), "getContextualOption answered no %s", nsFrameColor)
				s.Holds("INT-NS-4", ctxual != def)
			})
			plain := nsOptions(s, c, nsFrameColor)[nsSection][nsFrameColor]
			s.For("configuration.getOption.7", func() {
				Expect(plain).To(Equal(def), "The response includes the original default value of the option instead of the overridden value")
			})
		}, framework.Needs(control.StimInboundCall))

	framework.ConformanceIt("getContextualOption fails for a missing or unknown interaction",
		framework.Reqs{"configuration.getContextualOption.2", "configuration.getContextualOption.3"}, func(s *framework.Session) {
			c := s.Agent()
			s.MustRefuse(c, "configuration.getContextualOption", nsFrameColor)
			m := s.MustRefuse(c, "configuration.getContextualOption", nsFrameColor, framework.NoSuchID)
			msg, _ := m.ErrorMessage()
			s.Holds("INT-NS-5", msg == "Error: Interaction not found.")
		})
})
