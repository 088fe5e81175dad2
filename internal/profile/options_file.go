package profile

import (
	"fmt"
	"os"

	"scapi-conformance/contract/control"
	"scapi-conformance/internal/yamlpos"
)

// LoadOptions reads a file holding only service-client-api.* options (a YAML
// or JSON mapping of full option names to values, as in a profile's options
// section) and checks each value with check, which is given a one-option map
// (nil = no check). Every error names the file, line and column.
func LoadOptions(path string, check func(control.Options) error) (control.Options, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("options: %w", err)
	}
	return ParseOptions(path, b, check)
}

// ParseOptions is LoadOptions from bytes; file names it in errors.
func ParseOptions(file string, b []byte, check func(control.Options) error) (control.Options, error) {
	root, err := yamlpos.Parse(file, b, "a mapping of service-client-api.* options to their values")
	if err != nil {
		return nil, err
	}
	d := decoder{yamlpos.Decoder{File: file}}
	o := d.options(root)
	for i := 0; check != nil && d.Err == nil && i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i].Value, root.Content[i+1]
		if err := check(control.Options{k: o[k]}); err != nil {
			d.Fail(v, "%v", err)
		}
	}
	if d.Err != nil {
		return nil, d.Err
	}
	return o, nil
}
