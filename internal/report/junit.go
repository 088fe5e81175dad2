package report

import (
	"encoding/xml"
	"fmt"
	"os"
	"strings"
)

// JUnit layout: one testsuite per namespace, one testcase per requirement
// (name = requirement id, classname = namespace), its verdict in a property;
// FAIL is a <failure>, SKIPPED and NOT RUN a <skipped>, NON-STRICT a pass
// with the interpretation ids in properties. Suite-level failures (citing no
// requirement) go in a testsuite named "suite". The testsuites name is always
// "scapi-conformance" (CI tools group history by it); the run's verdict is a
// property of every testsuite.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name       string          `xml:"name,attr"`
	Classname  string          `xml:"classname,attr"`
	Time       string          `xml:"time,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Failure    *junitMessage   `xml:"failure"`
	Skipped    *junitMessage   `xml:"skipped"`
	SystemOut  string          `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",chardata"`
}

// JUnitName is the name of the JUnit testsuites element: stable across runs.
const JUnitName = "scapi-conformance"

// WriteJUnit writes the result as JUnit XML.
func WriteJUnit(path string, r *Result) error {
	b, err := MarshalJUnit(r)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// MarshalJUnit renders the result as JUnit XML.
func MarshalJUnit(r *Result) ([]byte, error) {
	specs := map[string]Spec{}
	for _, s := range r.Specs {
		specs[s.Text] = s
	}
	top := junitSuites{Name: JUnitName, Time: seconds(r.Provenance.DurationMillis)}
	stamp := r.Provenance.Start.UTC().Format("2006-01-02T15:04:05")
	props := []junitProperty{{"verdict", r.Verdict}, {"incomplete", r.Incomplete}, {"target", r.Target.URL}, {"driver", r.Provenance.Driver},
		{"seed", fmt.Sprint(r.Provenance.Seed)}, {"strict", fmt.Sprint(r.Provenance.Strict)}, {"suiteVersion", r.Provenance.SuiteVersion}}
	suites := map[string]*junitSuite{}
	var order []string
	suite := func(name string) *junitSuite {
		if s, ok := suites[name]; ok {
			return s
		}
		suites[name] = &junitSuite{Name: name, Timestamp: stamp, Properties: props}
		order = append(order, name)
		return suites[name]
	}
	for _, rr := range r.Requirements {
		s := suite(rr.Namespace)
		c := requirementCase(rr, specs)
		s.Tests++
		switch {
		case c.Failure != nil:
			s.Failures++
		case c.Skipped != nil:
			s.Skipped++
		}
		s.Cases = append(s.Cases, c)
	}
	for _, sp := range r.Specs {
		if len(sp.Requirements) == 0 && sp.Verdict == Fail {
			s := suite("suite")
			s.Tests++
			s.Failures++
			s.Cases = append(s.Cases, junitCase{Name: sp.Text, Classname: "suite", Time: seconds(sp.Millis),
				Properties: []junitProperty{{"verdict", string(Fail)}},
				Failure:    &junitMessage{Message: firstLine(sp.Failure.Message), Type: string(Fail), Body: failureText(sp)}})
		}
	}
	for _, name := range order {
		s := suites[name]
		top.Tests += s.Tests
		top.Failures += s.Failures
		top.Skipped += s.Skipped
		top.Suites = append(top.Suites, *s)
	}
	b, err := xml.MarshalIndent(top, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}

func requirementCase(rr RequirementResult, specs map[string]Spec) junitCase {
	var millis int64
	for _, t := range rr.Specs {
		millis += specs[t].Millis
	}
	c := junitCase{Name: rr.ID, Classname: rr.Namespace, Time: seconds(millis),
		Properties: []junitProperty{{"verdict", string(rr.Verdict)}, {"requirement", rr.ID}}}
	for _, i := range rr.Interpretations {
		c.Properties = append(c.Properties, junitProperty{"interpretation", i})
	}
	for _, t := range rr.Specs {
		c.Properties = append(c.Properties, junitProperty{"spec", t})
	}
	out := []string{}
	if rr.Quote != "" {
		out = append(out, fmt.Sprintf("%s (%s %s): %q", rr.ID, rr.Document, rr.Section, rr.Quote))
	}
	switch rr.Verdict {
	case Fail:
		typ := string(Fail)
		if rr.Accepted != nil {
			typ += " (accepted by baseline)"
			c.Properties = append(c.Properties, junitProperty{"baseline", fmt.Sprintf("%s; owner %s; expires %s", rr.Accepted.Reason, rr.Accepted.Owner, rr.Accepted.Expires)})
		}
		var body []string
		msg := ""
		for _, t := range rr.Failed {
			if msg == "" && specs[t].Failure != nil {
				msg = Cause(specs[t].Failure.Message)
			}
			body = append(body, failureText(specs[t]))
		}
		c.Failure = &junitMessage{Message: rr.ID + ": " + msg, Type: typ, Body: strings.Join(body, "\n\n")}
	case Skipped:
		c.Skipped = &junitMessage{Message: strings.Join(rr.Reasons, "; ")}
	case NotRun:
		c.Skipped = &junitMessage{Message: "NOT RUN: " + strings.Join(rr.Reasons, "; ")}
	case NonStrict:
		out = append(out, "NON-STRICT: passed only under "+strings.Join(rr.Interpretations, ", "))
	}
	c.SystemOut = strings.Join(out, "\n")
	return c
}

func failureText(s Spec) string {
	if s.Failure == nil {
		return s.Text
	}
	parts := []string{s.Text, s.Failure.Message, "at " + s.Failure.Location}
	for _, a := range s.Failure.Attachments {
		parts = append(parts, a.Name+":\n"+a.Value)
	}
	return strings.Join(parts, "\n")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

func seconds(millis int64) string { return fmt.Sprintf("%.3f", float64(millis)/1000) }
