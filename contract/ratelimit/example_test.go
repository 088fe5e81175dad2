package ratelimit_test

import (
	"fmt"
	"time"

	"scapi-conformance/contract/options"
	"scapi-conformance/contract/ratelimit"
)

// The documented sample: voice.dial limited to 4 per minute, quarantine 30 s.
func ExampleModel_Decide() {
	c, err := ratelimit.ParseOptions(map[string]string{
		options.RateLimit:                      "0",
		options.RateLimitPrefix + "voice.dial": "4",
	})
	if err != nil {
		panic(err)
	}
	m := ratelimit.NewModel(c)
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range 6 {
		o := m.Decide("voice.dial", start.Add(time.Duration(i)*time.Second))
		fmt.Printf("%d %v %q\n", i+1, o.Action, o.Message)
	}
	// Output:
	// 1 run ""
	// 2 run ""
	// 3 run ""
	// 4 run ""
	// 5 reject "The rate limit for the request 'voice.dial' has been reached.\nFurther requests of the same type will be ignored for 30 seconds."
	// 6 ignore ""
}
