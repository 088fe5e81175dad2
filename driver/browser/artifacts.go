package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"scapi-conformance/driver"
)

// keepArtifacts saves, for a failed call, a screenshot of the service page
// and the client's transcript in ArtifactsDir, and returns err saying where
// (err unchanged when it is nil or no directory is configured). A failure to
// save is added to the error rather than hiding the call's own failure.
func (d *Driver) keepArtifacts(c *Client, what string, err error) error {
	if err == nil || d.cfg.ArtifactsDir == "" {
		return err
	}
	d.mu.Lock()
	d.failures++
	n := d.failures
	d.mu.Unlock()
	base := fmt.Sprintf("browser-failure-%03d-client%s", n, c.id)
	record := struct {
		What       string         `json:"what"`
		Error      string         `json:"error"`
		Origin     string         `json:"origin"`
		Time       time.Time      `json:"time"`
		Transcript []driver.Entry `json:"transcript"`
	}{what, err.Error(), c.Origin(), time.Now(), c.Transcript()}
	if merr := os.MkdirAll(d.cfg.ArtifactsDir, 0o755); merr != nil {
		return fmt.Errorf("%w (keeping artifacts: %v)", err, merr)
	}
	path := filepath.Join(d.cfg.ArtifactsDir, base+"-transcript.json")
	b, jerr := json.MarshalIndent(record, "", "  ")
	if jerr == nil {
		jerr = os.WriteFile(path, []byte(d.redact(string(b))), 0o644)
	}
	if jerr != nil {
		err = fmt.Errorf("%w (keeping the transcript in %s: %v)", err, d.cfg.ArtifactsDir, jerr)
	} else {
		err = fmt.Errorf("%w (transcript: %s)", err, path)
	}
	return d.keepScreenshot(context.Background(), base, err)
}

// keepScreenshot saves a PNG screenshot of the service page as base.png in
// ArtifactsDir and returns err saying where. While the page shows the
// login password (in a form field or its text) no screenshot is taken: err
// says it was withheld.
func (d *Driver) keepScreenshot(ctx context.Context, base string, err error) error {
	ctx, cancel := d.bounded(ctx, d.tab.ctx)
	defer cancel()
	if d.cfg.Password != "" {
		shows, serr := chromedp.Run(ctx, chromedp.Evaluate[bool](d.showsPassword()))
		if serr != nil || shows {
			return fmt.Errorf("%w (screenshot withheld: the page may show the login password)", err)
		}
	}
	path := filepath.Join(d.cfg.ArtifactsDir, base+".png")
	png, serr := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if serr == nil {
		serr = errors.Join(os.MkdirAll(d.cfg.ArtifactsDir, 0o755), os.WriteFile(path, png, 0o644))
	}
	if serr != nil {
		return fmt.Errorf("%w (keeping a screenshot in %s: %v)", err, d.cfg.ArtifactsDir, serr)
	}
	return fmt.Errorf("%w (screenshot: %s)", err, path)
}
