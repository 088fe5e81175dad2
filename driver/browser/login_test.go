package browser_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"scapi-conformance/driver/browser"
	"scapi-conformance/fixtures/server"
	"scapi-conformance/fixtures/standin"
)

// loginSite serves the stand-in of a real Workspace page (login form,
// redirect, start-up delay) in front of a reference Workspace; it returns
// the stand-in's root, which redirects to the Workspace page.
func loginSite(t *testing.T) string {
	ref, err := server.Start(context.Background(), server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ref.Close() })
	s, err := standin.Start(context.Background(), standin.Config{ReferenceURL: ref.WebSocketURL(), User: "agent", Password: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return strings.TrimSuffix(s.URL(), "workspace/")
}

const noSubmit = `document.querySelector("input[name=user]").value = user;
document.querySelector("input[name=password]").value = password;`

// TestLogin: the driver logs in through the script and embeds frames only
// afterwards; a failed login says where the page stopped, never with the
// password, and keeps a screenshot only while the page does not show it.
// The service URL is the site's root, so the login page is under it too:
// without a ready expression, only a new document counts as logged in.
func TestLogin(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	page := loginSite(t)
	cases := []struct {
		name, script, password, ready string
		wantErr                       string // "" = the login succeeds
		screenshot                    bool   // a failure keeps a screenshot
	}{
		{"right password", standin.LoginScript, "s3cret", "", "", false},
		{"wrong password (the form comes back empty)", standin.LoginScript, "wr0ng-pa55", "",
			`did not come back to http://127\.0\.0\.1:\d+/ and get loaded at another address than the login page http://127\.0\.0\.1:\d+/login \(else give login\.ready\) \(it is at "http://127\.0\.0\.1:\d+/login"`, true},
		{"ready never true", standin.LoginScript, "s3cret", "window.neverReady",
			`and get ready \(window\.neverReady\) \(it is at "http://127\.0\.0\.1:\d+/workspace/"`, true},
		{"the form still shows the password", noSubmit, "wr0ng-pa55", "", `screenshot withheld: the page may show the login password`, false},
		{"the script throws with the password", `throw new Error("no luck for " + password);`, "wr0ng-pa55", "",
			`the login script failed: .*no luck for \*\*\*\*\*\*\*\*`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			d, err := browser.New(context.Background(), browser.Config{ServicePageURL: page, Timeout: 2 * time.Second,
				LoginScript: c.script, LoginUser: "agent", Password: c.password, LoginReady: c.ready, ArtifactsDir: dir})
			if c.wantErr == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				defer d.Close()
				cl, err := d.Open(context.Background(), d.Origins()[0])
				if err != nil {
					t.Fatalf("Open after login: %v", err)
				}
				cl.Close()
				return
			}
			if err == nil {
				d.Close()
				t.Fatal("New succeeded")
			}
			if !regexp.MustCompile(c.wantErr).MatchString(err.Error()) || strings.Contains(err.Error(), c.password) {
				t.Errorf("New = %v; want an error matching %q, without the password", err, c.wantErr)
			}
			png := filepath.Join(dir, "browser-login-failure.png")
			_, serr := os.Stat(png)
			if got := serr == nil; got != c.screenshot || got != strings.Contains(err.Error(), png) {
				t.Errorf("screenshot kept: %v, named in the error: %v; want %v", got, strings.Contains(err.Error(), png), c.screenshot)
			}
		})
	}
}
