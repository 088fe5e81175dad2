package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"scapi-conformance/internal/report"
)

// checkOutputs makes sure every report run was asked to write can be written,
// before the run starts: a typo in a path must not cost a whole run, nor
// replace its verdict with a usage error at the end.
func (f *runFlags) checkOutputs() error {
	for _, out := range []struct{ flag, path string }{
		{"--json", f.json}, {"--junit", f.junit}, {"--html", f.html}, {"--write-baseline", f.writeBaseline},
	} {
		if out.path == "" {
			continue
		}
		if err := checkWritable(out.path); err != nil {
			return fmt.Errorf("%s %s: %v", out.flag, out.path, err)
		}
	}
	return nil
}

// checkWritable reports why a file cannot be written at path (nil when it
// can): its directory must exist and take a new file, and path must not be a
// directory. It leaves no file behind.
func checkWritable(path string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("is a directory")
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("its directory %s does not exist", dir)
	case !st.IsDir():
		return fmt.Errorf("%s is not a directory", dir)
	}
	return writableDir(dir)
}

// writableDir proves that a file can be created in dir by creating one and
// removing it (a permission bit alone does not say: a read-only mount, a
// full quota).
func writableDir(dir string) error {
	probe, err := os.CreateTemp(dir, ".scapi-conformance-write-check-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %v", dir, err)
	}
	probe.Close()
	return os.Remove(probe.Name())
}

// writeJSONFile writes v as indented JSON to path (a plan, a doctor's
// checks), without the secrets red knows (nil: none).
func writeJSONFile(path string, v any, red *report.Redactor) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if red != nil {
		b = []byte(red.String(string(b)))
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
