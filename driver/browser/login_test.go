package browser_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"scapi-conformance/driver/browser"
)

// loginSite is a Workspace stand-in behind a login form: /workspace/ sends
// to /login until the form is posted with agent / s3cret.
func loginSite(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/workspace/":
			if c, err := r.Cookie("session"); err != nil || c.Value != "ok" {
				http.Redirect(w, r, "/login", http.StatusFound)
				return
			}
			fmt.Fprint(w, `<!doctype html><title>workspace</title><body>logged in</body>`)
		case "/login":
			if r.Method == http.MethodPost && r.FormValue("user") == "agent" && r.FormValue("password") == "s3cret" {
				http.SetCookie(w, &http.Cookie{Name: "session", Value: "ok", Path: "/"})
				http.Redirect(w, r, "/workspace/", http.StatusFound)
				return
			}
			fmt.Fprint(w, `<!doctype html><title>login</title><form method="post" action="/login">
<input id="u" name="user"><input id="p" name="password" type="password"><button>Log in</button></form>`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/workspace/"
}

const loginScript = `document.getElementById("u").value = user;
document.getElementById("p").value = password;
document.querySelector("form").submit();`

const noSubmit = `document.getElementById("u").value = user;
document.getElementById("p").value = password;`

// TestLogin: the driver logs in through the script and embeds frames only
// afterwards; a failed login says where the page stopped, never with the
// password, and keeps a screenshot only while the page does not show it.
func TestLogin(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	page := loginSite(t)
	cases := []struct {
		name, script, password, ready string
		wantErr                       string // "" = the login succeeds
		screenshot                    bool   // a failure keeps a screenshot
	}{
		{"right password", loginScript, "s3cret", "", "", false},
		{"wrong password (the form comes back empty)", loginScript, "wr0ng-pa55", "",
			`did not come back to http://127\.0\.0\.1:\d+/workspace/ and get loaded \(it is at "http://127\.0\.0\.1:\d+/login"`, true},
		{"ready never true", loginScript, "s3cret", "window.neverReady",
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
