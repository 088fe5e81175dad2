package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"scapi-conformance/contract"
	"scapi-conformance/contract/interp"
	"scapi-conformance/contract/requirements"
	"scapi-conformance/fixtures/reference"
	"scapi-conformance/internal/fuzz"
	"scapi-conformance/schemas"
)

// docFigure is a count the documentation states ("77 catalog entries"),
// with line breaks allowed between the words.
var docFigure = regexp.MustCompile(`\b(\d+)\s+(catalog\s+entries|documented\s+methods|documented\s+events|mutants|requirements|interpretations|fuzz\s+checks|schemas)\b`)

// TestDocsFiguresMatchTheRegistries: every count README.md and docs/*.md
// state of a registry is the registry's size in this build (other sessions
// add mutants and requirements; a figure written by hand goes stale). A
// figure of a past measurement must not read as today's count: write it as
// "45 of them at the time" or similar.
func TestDocsFiguresMatchTheRegistries(t *testing.T) {
	live := map[string]int{
		"catalog entries":    len(contract.Catalog()),
		"documented methods": documentedMethods(),
		"documented events":  len(contract.Events()),
		"mutants":            len(reference.Mutants()),
		"requirements":       len(requirements.All()),
		"interpretations":    len(interp.All()),
		"fuzz checks":        len(fuzz.Checks()),
		"schemas":            len(schemas.Names()),
	}
	docs, err := filepath.Glob(filepath.Join("..", "..", "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, filepath.Join("..", "..", "README.md"))
	found := 0
	for _, path := range docs {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range docFigure.FindAllStringSubmatch(string(b), -1) {
			noun := strings.Join(strings.Fields(m[2]), " ")
			n, _ := strconv.Atoi(m[1])
			found++
			if n != live[noun] {
				t.Errorf("%s says %q; there are %d %s (say it without a figure, or fix it)", path, strings.Join(strings.Fields(m[0]), " "), live[noun], noun)
			}
		}
	}
	if found == 0 {
		t.Error("no figure found in README.md and docs/*.md: the pattern no longer matches how they are written")
	}
	if _, out, _ := contractRun("list", "--help"); !strings.Contains(out, strconv.Itoa(documentedMethods())+" documented methods") {
		t.Errorf("list --help does not give the catalog's size:\n%s", out)
	}
}
