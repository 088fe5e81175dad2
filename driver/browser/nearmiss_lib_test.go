package browser_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/browser"
	"scapi-conformance/fixtures/server"
	"scapi-conformance/suites/framework"
)

// TestClientLibNearMiss: a call through the client library that meets a
// near miss (an answer the library drops) fails at once with the diagnosis,
// as a call of the built-in client does, not with a timeout.
func TestClientLibNearMiss(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	for _, c := range []struct {
		mutant, want string
		call         func(driver.Client) error
	}{
		{"envelope-reference-id-as-number", "the reply echoes referenceId as 0, a JSON number", func(c driver.Client) error {
			_, err := c.Call(context.Background(), wire.NewRequest("agent.get", "", nil))
			return err
		}},
		{"subscribe-ack-with-event-key", `the answer carries an "event" key ("subscribe")`, func(c driver.Client) error {
			_, err := c.Subscribe(context.Background(), "agent")
			return err
		}},
	} {
		t.Run(c.mutant, func(t *testing.T) {
			s, err := server.Start(context.Background(), server.Config{Mutant: c.mutant})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			d, err := browser.New(context.Background(), browser.Config{ServicePageURL: s.ServicePageURL(), ControlURL: s.ControlURL(),
				ArtifactsDir: t.TempDir(), ClientLib: standinLib, Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			if err := d.Control().SetOptions(context.Background(), framework.DefaultOptions(d.Origins())); err != nil {
				t.Fatal(err)
			}
			cl, err := d.Open(context.Background(), d.Origins()[0])
			if err != nil {
				t.Fatal(err)
			}
			if err := c.call(cl); !errors.Is(err, driver.ErrBrokenEnvelope) || !strings.Contains(err.Error(), c.want) ||
				!strings.Contains(err.Error(), "via the client library") {
				t.Errorf("through the library: %v; want ErrBrokenEnvelope saying %q", err, c.want)
			}
		})
	}
}
