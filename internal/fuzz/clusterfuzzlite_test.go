package fuzz

import (
	"bufio"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// nativeTargets finds every Fuzz function of the repository's test files, as
// "import/path FuzzName".
func nativeTargets(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		for _, decl := range f.Decls {
			if name := fuzzFuncName(decl); name != "" {
				out = append(out, "scapi-conformance/"+filepath.ToSlash(rel)+" "+name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// buildTargets reads the compile_native_go_fuzzer lines of build.sh.
func buildTargets(t *testing.T, path string) (targets []string, names map[string]int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names = map[string]int{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		w := strings.Fields(sc.Text())
		if len(w) == 0 || w[0] != "compile_native_go_fuzzer" {
			continue
		}
		if len(w) != 4 {
			t.Errorf("%s:%d: want compile_native_go_fuzzer <import path> <FuzzFunction> <fuzzer name>, got %q", path, line, sc.Text())
			continue
		}
		targets = append(targets, w[1]+" "+w[2])
		names[w[3]]++
	}
	sort.Strings(targets)
	return targets, names
}

// TestClusterFuzzLiteBuildsEveryTarget fails when a native fuzz target of the
// repository is missing from .clusterfuzzlite/build.sh, or build.sh names
// one that does not exist.
func TestClusterFuzzLiteBuildsEveryTarget(t *testing.T) {
	root := filepath.Join("..", "..")
	have := nativeTargets(t, root)
	built, names := buildTargets(t, filepath.Join(root, ".clusterfuzzlite", "build.sh"))
	if len(have) == 0 {
		t.Fatal("no native fuzz target found in the repository: the scan is broken")
	}
	in := func(xs []string, x string) bool {
		i := sort.SearchStrings(xs, x)
		return i < len(xs) && xs[i] == x
	}
	for _, x := range have {
		if !in(built, x) {
			t.Errorf(".clusterfuzzlite/build.sh does not build %s: add a compile_native_go_fuzzer line", x)
		}
	}
	for _, x := range built {
		if !in(have, x) {
			t.Errorf(".clusterfuzzlite/build.sh builds %s, which no test file defines", x)
		}
	}
	for n, k := range names {
		if k > 1 {
			t.Errorf(".clusterfuzzlite/build.sh names %d fuzzers %q", k, n)
		}
	}
	for _, f := range []string{"Dockerfile", "project.yaml"} {
		if _, err := os.Stat(filepath.Join(root, ".clusterfuzzlite", f)); err != nil {
			t.Error(err)
		}
	}
}
