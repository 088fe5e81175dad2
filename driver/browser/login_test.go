package browser_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
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

func TestLogin(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	page := loginSite(t)
	cases := []struct {
		name, password string
		ok             bool
	}{
		{"right password", "s3cret", true},
		{"wrong password", "wr0ng-pa55", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := browser.New(context.Background(), browser.Config{ServicePageURL: page, Timeout: 3 * time.Second,
				LoginScript: loginScript, LoginUser: "agent", Password: c.password})
			if c.ok {
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
				t.Fatal("New succeeded with a wrong password")
			}
			if !strings.Contains(err.Error(), "did not come back to") || strings.Contains(err.Error(), c.password) {
				t.Errorf("New = %v; want a timeout naming the page, without the password", err)
			}
		})
	}
}
