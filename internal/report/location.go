package report

import (
	"path/filepath"
	"runtime"
	"strings"
)

// moduleRoot is the directory of the module this binary was built from, as
// the compiler recorded it (an absolute path, or "scapi-conformance/" with
// -trimpath), with a trailing slash; "" when it cannot be told.
var moduleRoot = func() string {
	_, file, _, ok := runtime.Caller(0)
	const self = "internal/report/location.go"
	if !ok || !strings.HasSuffix(filepath.ToSlash(file), self) {
		return ""
	}
	return strings.TrimSuffix(filepath.ToSlash(file), self)
}()

// relativeLocation writes a source location (file:line) relative to the
// module root, so that reports name suites/conformance/agent.go:12 and not the
// build machine's directories. Locations outside the module stay as they are.
func relativeLocation(loc string) string {
	if moduleRoot == "" {
		return loc
	}
	return strings.TrimPrefix(filepath.ToSlash(loc), moduleRoot)
}
