package fuzz

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"scapi-conformance/contract/requirements"
)

// TestCheckRequirementsMatchTheSources: every check is listed, every id
// listed is registered, and every finding(id, check, …) call of the sources
// whose id is a constant or a literal cites an id listed under its check.
func TestCheckRequirementsMatchTheSources(t *testing.T) {
	cites := CheckRequirements()
	for _, name := range Checks() {
		if _, ok := cites[name]; !ok {
			t.Errorf("check %s is not in CheckRequirements (cites.go): add it with the requirement ids its findings cite", name)
		}
	}
	for name := range cites {
		if !slices.Contains(Checks(), name) {
			t.Errorf("CheckRequirements (cites.go) lists %s, which is not a registered check", name)
		}
	}
	for name, ids := range cites {
		if len(ids) == 0 {
			t.Errorf("check %s cites nothing", name)
		}
		for _, id := range ids {
			if _, ok := requirements.Lookup(id); !ok {
				t.Errorf("check %s: %q is not a registered requirement", name, id)
			}
		}
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var parsed []*ast.File
	consts := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, file)
		for _, d := range file.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
				for _, s := range g.Specs {
					vs := s.(*ast.ValueSpec)
					for i, n := range vs.Names {
						if i < len(vs.Values) {
							if v, ok := stringLit(vs.Values[i]); ok {
								consts[n.Name] = v
							}
						}
					}
				}
			}
		}
	}
	calls := 0
	for _, file := range parsed {
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			if fn, ok := call.Fun.(*ast.Ident); !ok || fn.Name != "finding" {
				return true
			}
			check, ok := stringLit(call.Args[1])
			if !ok {
				t.Errorf("%s: finding names its check with an expression; write the name", fset.Position(call.Pos()))
				return true
			}
			if !slices.Contains(Checks(), check) {
				t.Errorf("%s: finding(…, %q): not a registered check (a finding's Check is the name its check is registered under)", fset.Position(call.Pos()), check)
			}
			id, ok := stringLit(call.Args[0])
			if ident, isIdent := call.Args[0].(*ast.Ident); isIdent {
				id, ok = consts[ident.Name]
			}
			if !ok {
				return true // computed: the helpers CheckRequirements calls
			}
			calls++
			if !slices.Contains(cites[check], id) {
				t.Errorf("%s: check %s cites %s, which CheckRequirements (cites.go) does not list under it", fset.Position(call.Pos()), check, id)
			}
			return true
		})
	}
	if calls < 10 {
		t.Errorf("only %d finding(…) calls with a constant requirement found: the scan is broken", calls)
	}
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}
