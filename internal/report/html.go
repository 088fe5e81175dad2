package report

import (
	"bytes"
	_ "embed"
	"html/template"
	"os"
	"slices"
	"sort"
	"strings"
	"time"
)

//go:embed html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"lower":    func(v Verdict) string { return strings.ReplaceAll(strings.ToLower(string(v)), " ", "-") },
	"join":     strings.Join,
	"duration": func(ms int64) string { return (time.Duration(ms) * time.Millisecond).String() },
	"utc":      func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"has":      func(list []string, s string) bool { return slices.Contains(list, s) },
}).Parse(htmlSource))

// htmlView is what the template renders: the result plus its requirements
// grouped by namespace and its failed specs.
type htmlView struct {
	*Result
	Namespaces []namespaceView
	Failures   []Spec
	// Quotes gives each requirement's documented sentence, for failures.
	Quotes map[string]RequirementResult
}

type namespaceView struct {
	Name         string
	Counts       Counts
	Requirements []RequirementResult
}

// WriteHTML writes the single-file, self-contained HTML certification report.
func WriteHTML(path string, r *Result) error {
	b, err := RenderHTML(r)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// RenderHTML renders the HTML certification report.
func RenderHTML(r *Result) ([]byte, error) {
	v := htmlView{Result: r, Quotes: map[string]RequirementResult{}}
	byNS := map[string]*namespaceView{}
	for _, rr := range r.Requirements {
		v.Quotes[rr.ID] = rr
		ns := byNS[rr.Namespace]
		if ns == nil {
			ns = &namespaceView{Name: rr.Namespace}
			byNS[rr.Namespace] = ns
		}
		ns.Counts.add(rr.Verdict)
		ns.Requirements = append(ns.Requirements, rr)
	}
	for _, ns := range byNS {
		v.Namespaces = append(v.Namespaces, *ns)
	}
	sort.Slice(v.Namespaces, func(i, j int) bool { return v.Namespaces[i].Name < v.Namespaces[j].Name })
	for _, s := range r.Specs {
		if s.Verdict == Fail {
			v.Failures = append(v.Failures, s)
		}
	}
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
