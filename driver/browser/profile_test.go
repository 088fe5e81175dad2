package browser_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"scapi-conformance/driver"
	"scapi-conformance/driver/browser"
	"scapi-conformance/driver/drivertest"
)

// TestProfileRemoved: the fresh profile Chromium runs with is removed when
// the driver closes, and also when New fails after starting the browser.
func TestProfileRemoved(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	page := drivertest.HostileServicePage(t, drivertest.Hostile{Respond: drivertest.Echo})
	cases := []struct {
		name string
		url  string
		want error
	}{
		{"closed after use", page, nil},
		{"service page unreachable", "http://127.0.0.1:1/", driver.ErrUnreachable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Where chromedp makes the profile and the driver Chromium's TMPDIR;
			// short, as Chromium puts a unix socket below it.
			tmp, err := os.MkdirTemp("", "sp")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.RemoveAll(tmp) })
			t.Setenv("TMPDIR", tmp)
			d, err := browser.New(context.Background(), browser.Config{ServicePageURL: c.url, Timeout: 5 * time.Second})
			if c.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if entries, _ := os.ReadDir(tmp); len(entries) == 0 {
					t.Fatalf("no profile directory in %s while the browser runs", tmp)
				}
				d.Close()
			} else if !errors.Is(err, c.want) {
				t.Fatalf("New = %v; want %v", err, c.want)
			}
			if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
				t.Errorf("profile left behind: %s/%s", tmp, entries[0].Name())
			}
		})
	}
}
