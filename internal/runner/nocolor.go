package runner

import "github.com/onsi/ginkgo/v2/formatter"

// Ginkgo colours its own messages (a label filter it cannot parse, a misuse
// of the spec tree) through a package-level formatter that assumes a
// terminal, and its reporter is configured with NoColor only once a run
// starts. The runner writes no colour anywhere, so neither do those
// messages: redirected output and NO_COLOR users get plain text.
func init() { formatter.SingletonFormatter = formatter.New(formatter.ColorModeNone) }
