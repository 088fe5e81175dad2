package browser

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"scapi-conformance/driver"
)

// loginPoll is how often login looks whether the Workspace page is ready.
const loginPoll = 50 * time.Millisecond

// loginMark is a property the driver sets on the login page's window; a new
// document does not have it.
const loginMark = "__scapiLoginPage"

// login runs the login script in the page the service page URL led to, then
// waits, within ctx, until the page is back under the service page URL and
// ready: Config.LoginReady is true, or without it, a new document at
// another address than the login page has loaded (a login form that comes
// back after a wrong password is not the Workspace). A script that
// navigates away (a form submitted) ends its own evaluation; that is
// expected. Errors never hold the password.
func (d *Driver) login(ctx context.Context) error {
	loginPage, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.origin + location.pathname`))
	if err != nil {
		return fmt.Errorf("reading the login page's address: %v", err)
	}
	script := fmt.Sprintf("window[%s] = true;\n(async function (user, password) {\n%s\n})(%s, %s)",
		jsString(loginMark), d.cfg.LoginScript, jsString(d.cfg.LoginUser), jsString(d.cfg.Password))
	err = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](script, chromedp.EvalAwaitPromise))
	if err != nil && !strings.Contains(err.Error(), "context was destroyed") && !strings.Contains(err.Error(), "Cannot find context") {
		return d.loginFailed(ctx, fmt.Errorf("the login script failed: %v", err))
	}
	prefix := d.cfg.ServicePageURL
	if i := strings.IndexAny(prefix, "?#"); i >= 0 {
		prefix = prefix[:i]
	}
	ready := fmt.Sprintf(`document.readyState === "complete" && !window[%s] && location.origin + location.pathname !== %s`,
		jsString(loginMark), jsString(loginPage))
	if d.cfg.LoginReady != "" {
		ready = fmt.Sprintf(`(function () { try { return !!(%s); } catch (e) { return false; } })()`, d.cfg.LoginReady)
	}
	check := fmt.Sprintf(`location.href.startsWith(%s) && %s`, jsString(prefix), ready)
	tick := time.NewTicker(loginPoll)
	defer tick.Stop()
	var last error
	for {
		back, err := chromedp.Run(ctx, chromedp.Evaluate[bool](check))
		if err == nil && back {
			return nil
		}
		last = err
		select {
		case <-tick.C:
		case <-ctx.Done():
			wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
			where, _ := chromedp.Run(wctx, chromedp.Evaluate[string](`location.href`))
			cancel()
			want := "loaded at another address than the login page " + loginPage + " (else give login.ready)"
			if d.cfg.LoginReady != "" {
				want = "ready (" + d.cfg.LoginReady + ")"
			}
			return d.loginFailed(ctx, fmt.Errorf("after the login script the page did not come back to %s and get %s (it is at %q; last check: %v): %w",
				prefix, want, where, last, driver.ErrTimeout))
		}
	}
}

// loginFailed keeps a screenshot of the page where the login stopped (when
// Config.ArtifactsDir is set) and returns err saying where, or why not.
func (d *Driver) loginFailed(ctx context.Context, err error) error {
	if d.cfg.ArtifactsDir == "" {
		return err
	}
	return d.keepScreenshot(context.WithoutCancel(ctx), "browser-login-failure", err)
}

// showsPassword is a script true when the page shows the password: in the
// value of a form field (masked or not) or in its text.
func (d *Driver) showsPassword() string {
	return fmt.Sprintf(`(function (p) {
  for (const e of document.querySelectorAll("input, textarea")) if (String(e.value).includes(p)) return true;
  return !!document.body && document.body.innerText.includes(p);
})(%s)`, jsString(d.cfg.Password))
}

// redact removes the password from a text, also as it is spelled inside a
// JSON string.
func (d *Driver) redact(s string) string {
	if d.cfg.Password == "" {
		return s
	}
	s = strings.ReplaceAll(s, d.cfg.Password, "********")
	quoted := jsString(d.cfg.Password)
	return strings.ReplaceAll(s, quoted[1:len(quoted)-1], "********")
}
