package version

import (
	"regexp"
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	for _, c := range []struct {
		info Info
		want string
	}{
		{Info{Module: "(devel)"}, "(devel)"},
		{Info{Module: "v1.2.3", Revision: "3f2a9c1", Time: "2026-12-06T10:00:00Z"}, "v1.2.3 3f2a9c1"},
		{Info{Module: "(devel)", Revision: "3f2a9c1", Modified: true}, "(devel) 3f2a9c1 (modified)"},
		{Info{Module: "(devel)", Modified: true}, "(devel)"}, // no revision: nothing to be modified from
	} {
		if got := c.info.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.info, got, c.want)
		}
	}
}

func TestRead(t *testing.T) {
	v := Read()
	if v.Module == "" || !regexp.MustCompile(`^go1\.\d+\S* \w+/\w+$`).MatchString(v.Go) {
		t.Errorf("Read() = %+v", v)
	}
	h, err := ExecutableHash()
	if err != nil || !strings.HasPrefix(h, "sha256:") || len(h) != len("sha256:")+16 {
		t.Errorf("ExecutableHash() = %q, %v", h, err)
	}
}
