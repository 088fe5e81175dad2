// Package deps pins the project's third-party dependencies while the packages
// that use them are being written; it is removed once each one is imported for real.
package deps

import (
	_ "github.com/chromedp/chromedp"
	_ "github.com/coder/websocket"
	_ "github.com/onsi/ginkgo/v2"
	_ "github.com/onsi/gomega"
	_ "github.com/santhosh-tekuri/jsonschema/v5"
	_ "gopkg.in/yaml.v3"
)
