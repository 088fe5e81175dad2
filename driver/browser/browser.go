// Package browser is the headless-browser driver: it starts Chromium
// (chromedp) with a fresh profile, opens the service page (the reference
// Workspace's, or a real Workspace's), and for each client embeds a frame
// that this package serves itself on one of four origins — two on 127.0.0.1
// (same site as a service page on 127.0.0.1, other ports) and two on
// localhost (cross-site, so out-of-process with site isolation). The frame
// posts the envelopes Go builds to window.parent, as the vendor client
// does, and streams every message it receives back to Go through a Runtime
// binding as it arrives.
package browser

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"scapi-conformance/driver"
	"scapi-conformance/driver/controlclient"
	"scapi-conformance/driver/internal/exchange"
)

// Config says which browser to start and which service page to open.
type Config struct {
	// ServicePageURL is the page that embeds client frames (the reference
	// Workspace's service page, or a real Workspace).
	ServicePageURL string
	// ControlURL is the target's control endpoint; "" = not steerable.
	ControlURL string
	// ExecPath is the Chromium binary; "" = the first of DefaultExecPaths found.
	ExecPath string
	// ClientLib, when set, is the user's own copy of the vendor library
	// wwe-service-client-api.js (a file path, file:// URL or http(s) URL):
	// the frame loads it and calls go through genesys.wwe.service (see
	// Client.Call for what still goes out raw).
	ClientLib string
	// Timeout bounds every wait whose context has no earlier deadline
	// (0 = the vendor client's 10 s). The browser's start may take
	// startTimeout when that is longer.
	Timeout time.Duration
	// ArtifactsDir, when set, receives a screenshot and the transcript of a
	// client whose call or subscribe fails.
	ArtifactsDir string
	// LoginScript, when set, logs into a real Workspace: once the service
	// page URL has loaded (a login page, typically), it runs as the body of
	// an async function of (user, password) in that page; the driver then
	// waits until the page is back under ServicePageURL and ready (see
	// LoginReady), and only then embeds client frames. The password never
	// appears in an error, and no screenshot is kept while the page shows it.
	LoginScript         string
	LoginUser, Password string
	// Origins are client origins the driver presents for real in addition
	// to its four loopback ones, and first among Origins(): the origins a
	// real Workspace's allow-list names (https://apps.example.com). Chromium
	// maps their host names to the frame server's loopback listeners, and
	// trusts the run's own certificate for them, so the service page sees
	// exactly these origins in event.origin. Hosts must be DNS names.
	Origins []string
	// Strangers are more origins the frames are served under, mapped the
	// same way, without being offered (Origins): those a command's
	// sessions will present to a target that does not list them (the
	// fuzzer's neighbours, a replayed session's). The driver serves the
	// neighbours of each offered origin and allowlist.StrangerOrigin
	// without being told. A stranger it cannot map is left unserved.
	Strangers []string
	// LoginReady is a JavaScript expression that is true once the Workspace
	// page is ready after the login. "" = a new document under
	// ServicePageURL has loaded.
	LoginReady string
}

// DefaultExecPaths are where Chromium is looked for when Config.ExecPath is empty.
var DefaultExecPaths = []string{"/usr/lib/chromium/chromium", "/usr/bin/chromium-headless-shell",
	"/usr/bin/chromium", "/usr/bin/google-chrome"}

// FindChromium returns the first of DefaultExecPaths that exists.
func FindChromium() (string, bool) {
	for _, p := range DefaultExecPaths {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, true
		}
	}
	return "", false
}

// startTimeout bounds Chromium's start when Config.Timeout is shorter: a
// cold start on a busy machine takes seconds.
const startTimeout = 30 * time.Second

// Driver is the browser driver: one Chromium, one tab on the service page.
type Driver struct {
	cfg     Config
	target  string // the service page's origin, for In transcript entries
	binding string
	frames  *frameServer
	control driver.Controller
	version string

	allocCancel context.CancelFunc
	tabCancel   context.CancelFunc
	tab         *session

	mu        sync.Mutex
	nextID    int
	opening   map[string]*opening
	clients   map[string]*Client
	failures  int
	closed    bool
	closeOnce sync.Once
}

// New starts Chromium, opens the service page and returns the driver. On any
// failure everything started so far is stopped and the profile removed.
func New(ctx context.Context, c Config) (_ driver.Driver, err error) {
	u, err := url.Parse(c.ServicePageURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("browser driver: service page %q is not an http(s) URL", c.ServicePageURL)
	}
	if c.Timeout <= 0 {
		c.Timeout = exchange.DefaultTimeout
	}
	if c.ExecPath == "" {
		p, ok := FindChromium()
		if !ok {
			return nil, fmt.Errorf("browser driver: no Chromium found (looked at %v); set ExecPath", DefaultExecPaths)
		}
		c.ExecPath = p
	}
	key := make([]byte, 8)
	rand.Read(key)
	d := &Driver{cfg: c, target: u.Scheme + "://" + u.Host, binding: "__scapiBridge_" + hex.EncodeToString(key),
		opening: map[string]*opening{}, clients: map[string]*Client{}}
	if c.ControlURL != "" {
		d.control = controlclient.New(c.ControlURL)
	}
	if d.frames, err = startFrameServer(d.binding, c.ClientLib, c.Origins, c.Strangers); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			d.Close()
		}
	}()
	allocCtx, allocCancel, err := NewAllocator(c.ExecPath, d.frames.chromiumFlags()...)
	if err != nil {
		return nil, err
	}
	d.allocCancel = allocCancel
	d.tab = &session{d: d, contexts: map[runtime.ExecutionContextID]contextInfo{}}
	tabCtx, tabCancel := chromedp.NewContext(allocCtx, chromedp.WithListener(d.tab.onEvent))
	d.tabCancel = tabCancel
	d.tab.ctx = tabCtx
	if err := d.start(ctx); err != nil {
		return nil, err
	}
	go d.watchBrowser()
	return d, nil
}

// watchBrowser fails every client at once when the tab's context ends while
// the driver is open: Chromium exited or crashed, or lost its connection.
func (d *Driver) watchBrowser() {
	<-d.tab.ctx.Done()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return
	}
	err := fmt.Errorf("%w: Chromium went away (%v)", driver.ErrClosed, context.Cause(d.tab.ctx))
	for _, c := range d.clients {
		c.Fail(err)
	}
}

// start launches the browser, installs the binding and opens the service page,
// all within the timeout.
func (d *Driver) start(ctx context.Context) error {
	// The first Run must get the tab context itself (its end stops the
	// browser), so a watchdog bounds it instead of a deadline.
	limit := max(d.cfg.Timeout, startTimeout)
	stop := watchdog(ctx, limit, d.tabCancel)
	_, err := chromedp.Run(d.tab.ctx, chromedp.Evaluate[chromedp.Void]("0"))
	if !stop() {
		return fmt.Errorf("browser driver: Chromium (%s) did not start within %v: %w", d.cfg.ExecPath, limit, driver.ErrTimeout)
	}
	if err != nil {
		return fmt.Errorf("browser driver: starting Chromium (%s): %w", d.cfg.ExecPath, err)
	}
	rctx, cancel := d.bounded(ctx, d.tab.ctx)
	defer cancel()
	if _, err := chromedp.Call(rctx, runtime.AddBinding, runtime.AddBindingParams{Name: d.binding}); err != nil {
		return fmt.Errorf("browser driver: adding the binding: %w", err)
	}
	if v, err := chromedp.CallBrowser(rctx, browser.GetVersion, chromedp.Void{}); err == nil {
		d.version = v.Product
	}
	// A page (a real Workspace's, its login page) may load slower than a
	// reply comes: its load has the start's bound.
	nctx, ncancel := context.WithTimeout(d.tab.ctx, limit)
	defer ncancel()
	defer context.AfterFunc(ctx, ncancel)()
	if err := chromedp.Do(nctx, chromedp.Navigate(d.cfg.ServicePageURL)); err != nil {
		return fmt.Errorf("browser driver: opening the service page %s: %w: %v", d.cfg.ServicePageURL, driver.ErrUnreachable, err)
	}
	if d.cfg.LoginScript != "" {
		lctx, lcancel := d.bounded(ctx, d.tab.ctx)
		defer lcancel()
		if err := d.login(lctx); err != nil {
			return fmt.Errorf("browser driver: logging in: %s", d.redact(err.Error()))
		}
	}
	return nil
}

// watchdog cancels with cancel unless the returned stop is called within
// limit (and before ctx ends); stop reports whether it was in time.
func watchdog(ctx context.Context, limit time.Duration, cancel context.CancelFunc) (stop func() bool) {
	wctx, wcancel := context.WithTimeout(ctx, limit)
	s := context.AfterFunc(wctx, cancel)
	return func() bool {
		defer wcancel()
		return s()
	}
}

// bounded derives from the chromedp context base a context that also ends
// with ctx and after the timeout.
func (d *Driver) bounded(ctx, base context.Context) (context.Context, context.CancelFunc) {
	rctx, cancel := context.WithTimeout(base, d.cfg.Timeout)
	stop := context.AfterFunc(ctx, cancel)
	return rctx, func() { stop(); cancel() }
}

// Origins lists the client frame origins: the declared ones
// (Config.Origins), then 127.0.0.1 on two ports, then localhost on the same
// two ports.
func (d *Driver) Origins() []string { return slices.Clone(d.frames.origins) }

// Info describes the driver, the browser and the target.
func (d *Driver) Info() driver.Info {
	extra := map[string]string{"execPath": d.cfg.ExecPath}
	if d.cfg.ControlURL != "" {
		extra["control"] = d.cfg.ControlURL
	}
	if n := len(d.frames.origins) - loopbackOrigins; n > 0 {
		extra["declaredOrigins"] = strings.Join(d.frames.origins[:n], " ")
	}
	if d.cfg.ClientLib != "" {
		extra["clientLib"] = d.cfg.ClientLib
	}
	return driver.Info{Driver: "browser", Target: d.cfg.ServicePageURL, Browser: d.version, Extra: extra}
}

// Control returns the target's controller, or nil when not steerable.
func (d *Driver) Control() driver.Controller { return d.control }

// Close closes every client, stops Chromium (removing its profile) and the
// client frame server.
func (d *Driver) Close() error {
	var err error
	d.closeOnce.Do(func() {
		d.mu.Lock()
		d.closed = true
		cs := make([]*Client, 0, len(d.clients))
		for _, c := range d.clients {
			cs = append(cs, c)
		}
		d.mu.Unlock()
		for _, c := range cs {
			c.end(fmt.Errorf("%w: driver closed", driver.ErrClosed))
		}
		if d.tabCancel != nil {
			d.tabCancel()
		}
		if d.allocCancel != nil {
			d.allocCancel() // waits until Chromium has exited, removes its directories
		}
		err = d.frames.close()
	})
	return err
}

// NewAllocator returns a chromedp allocator context for headless Chromium at
// execPath with the driver's flags: a fresh profile (chromedp makes it and
// removes it when the browser exits, also after a failure) and a TMPDIR of
// its own (Chromium leaves its singleton socket directory there when it is
// killed). cancel stops the browser and removes both. The first chromedp.Run
// on a context made from it starts the browser. extra adds options.
func NewAllocator(execPath string, extra ...chromedp.ExecAllocatorOption) (ctx context.Context, cancel context.CancelFunc, err error) {
	tmp, err := os.MkdirTemp("", "scapi-browser-")
	if err != nil {
		return nil, nil, fmt.Errorf("browser driver: %w", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.Env("TMPDIR="+tmp),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-sync", true),
		// The client frames live on loopback; a real Workspace page is public.
		// Keep Chromium's private/local network access checks from blocking
		// (or prompting for) the frames it embeds; chromedp's own two
		// disabled features stay disabled.
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,"+
			"LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessForNavigations"),
	)
	opts = append(opts, extra...)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	return actx, func() {
		acancel() // waits until Chromium has exited
		removeAll(tmp)
	}, nil
}

// removeAll removes dir, retrying briefly: a Chromium helper can still be
// writing in it just after the browser exits.
func removeAll(dir string) {
	for range 50 {
		if os.RemoveAll(dir) == nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// newClientID returns the next client id.
func (d *Driver) newClientID() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.nextID++
	return strconv.Itoa(d.nextID)
}
