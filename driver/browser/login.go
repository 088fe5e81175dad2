package browser

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"scapi-conformance/driver"
)

// loginPoll is how often login looks whether the service page is back.
const loginPoll = 50 * time.Millisecond

// login runs the login script in the page the service page URL led to, then
// waits, within ctx, until the page is back under the service page URL and
// loaded. A script that navigates away (a form submitted) ends its own
// evaluation; that is expected.
func (d *Driver) login(ctx context.Context) error {
	script := fmt.Sprintf("(async function (user, password) {\n%s\n})(%s, %s)",
		d.cfg.LoginScript, jsString(d.cfg.LoginUser), jsString(d.cfg.Password))
	err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](script, chromedp.EvalAwaitPromise))
	if err != nil && !strings.Contains(err.Error(), "context was destroyed") && !strings.Contains(err.Error(), "Cannot find context") {
		return fmt.Errorf("the login script failed: %v", err)
	}
	prefix := d.cfg.ServicePageURL
	if i := strings.IndexAny(prefix, "?#"); i >= 0 {
		prefix = prefix[:i]
	}
	check := fmt.Sprintf(`location.href.startsWith(%s) && document.readyState === "complete"`, jsString(prefix))
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
			return fmt.Errorf("after the login script the page did not come back to %s (it is at %q; last check: %v): %w",
				prefix, where, last, driver.ErrTimeout)
		}
	}
}

// redact removes the password from a text.
func (d *Driver) redact(s string) string {
	if d.cfg.Password == "" {
		return s
	}
	return strings.ReplaceAll(s, d.cfg.Password, "********")
}
