package browser_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/browser"
	"scapi-conformance/driver/drivertest"
)

// TestFailedCallKeepsArtifacts: a call that times out leaves a PNG
// screenshot and the transcript, named in the error; the login password
// (here sent as a parameter, with characters JSON escapes) is redacted.
func TestFailedCallKeepsArtifacts(t *testing.T) {
	const password = `s3"cr<et\`
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	silent := drivertest.Hostile{Respond: func(string, map[string]any) drivertest.Answer { return drivertest.Answer{} }}
	dir := t.TempDir()
	d, err := browser.New(context.Background(), browser.Config{ServicePageURL: drivertest.HostileServicePage(t, silent),
		Timeout: time.Second, ArtifactsDir: dir, Password: password})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	c, err := d.Open(context.Background(), d.Origins()[2])
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Call(context.Background(), wire.NewRequest("agent.getState", "", []any{password}))
	base := filepath.Join(dir, "browser-failure-001-client1")
	if !errors.Is(err, driver.ErrTimeout) || !strings.Contains(err.Error(), base+".png") {
		t.Fatalf("Call = %v; want a timeout naming %s.png", err, base)
	}
	png, err := os.ReadFile(base + ".png")
	if err != nil || len(png) < 8 || string(png[1:4]) != "PNG" {
		t.Errorf("screenshot: %d bytes, %v", len(png), err)
	}
	var record struct {
		What       string         `json:"what"`
		Error      string         `json:"error"`
		Origin     string         `json:"origin"`
		Transcript []driver.Entry `json:"transcript"`
	}
	b, err := os.ReadFile(base + "-transcript.json")
	if err != nil || json.Unmarshal(b, &record) != nil {
		t.Fatalf("transcript file: %v", err)
	}
	if strings.Contains(string(b), "s3") || !strings.Contains(string(b), `"********"`) {
		t.Errorf("the transcript file shows the password: %s", b)
	}
	if record.What != "agent.getState" || record.Origin != d.Origins()[2] || len(record.Transcript) != 1 ||
		!strings.Contains(record.Error, "no reply within") {
		t.Errorf("transcript record = %+v", record)
	}
}
