package profile

import (
	"fmt"
	"os"

	"scapi-conformance/contract/control"
	"scapi-conformance/internal/yamlpos"
)

// LoadOptions reads a file holding only service-client-api.* options (a YAML
// or JSON mapping of full option names to values, as in a profile's options
// section), each checked as in a profile. Every error names the file, line
// and column.
func LoadOptions(path string) (control.Options, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("options: %w", err)
	}
	return ParseOptions(path, b)
}

// ParseOptions is LoadOptions from bytes; file names it in errors.
func ParseOptions(file string, b []byte) (control.Options, error) {
	root, err := yamlpos.Parse(file, b, "a mapping of service-client-api.* options to their values")
	if err != nil {
		return nil, err
	}
	d := decoder{yamlpos.Decoder{File: file}}
	o := d.options(root)
	if d.Err != nil {
		return nil, d.Err
	}
	return o, nil
}
