// Package version says which build of scapi-conformance is running: the
// module version, the VCS revision it was built from when the build recorded
// one, and the Go toolchain.
package version

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"runtime"
	"runtime/debug"
)

// Info identifies a build.
type Info struct {
	// Module is the main module's version: "(devel)" for a build from a work
	// tree, v1.2.3 for go install …@v1.2.3, "unknown" without build info.
	Module string `json:"module"`
	// Revision, Time and Modified come from the VCS stamp; Revision is ""
	// when the build has none (go build -buildvcs=false, a source tarball).
	Revision string `json:"revision,omitempty"`
	Time     string `json:"time,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	// Go is the toolchain and platform: "go1.26.8 linux/amd64".
	Go string `json:"go"`
}

// Read returns the running binary's Info.
func Read() Info {
	info := Info{Module: "unknown", Go: runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return info
	}
	info.Module = bi.Main.Version
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Revision = s.Value
		case "vcs.time":
			info.Time = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	return info
}

// String is the module version and revision on one line, as reports carry
// it: "(devel) 3f2a… (modified)", or "(devel)" without a revision.
func (i Info) String() string {
	s := i.Module
	if i.Revision != "" {
		s += " " + i.Revision
		if i.Modified {
			s += " (modified)"
		}
	}
	return s
}

// ExecutableHash is a short SHA-256 of the running executable, which
// identifies a build that carries no revision.
func ExecutableHash() (string, error) {
	path, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16], nil
}
