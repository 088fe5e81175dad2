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
	base := filepath.Join(d.cfg.ArtifactsDir, fmt.Sprintf("browser-failure-%03d-client%s", n, c.id))
	record := struct {
		What       string         `json:"what"`
		Error      string         `json:"error"`
		Origin     string         `json:"origin"`
		Time       time.Time      `json:"time"`
		Transcript []driver.Entry `json:"transcript"`
	}{what, err.Error(), c.Origin(), time.Now(), c.Transcript()}
	var errs []error
	if merr := os.MkdirAll(d.cfg.ArtifactsDir, 0o755); merr != nil {
		return fmt.Errorf("%w (keeping artifacts: %v)", err, merr)
	}
	b, jerr := json.MarshalIndent(record, "", "  ")
	errs = append(errs, jerr, os.WriteFile(base+"-transcript.json", b, 0o644))
	ctx, cancel := d.bounded(context.Background(), d.tab.ctx)
	defer cancel()
	png, serr := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if serr == nil {
		serr = os.WriteFile(base+".png", png, 0o644)
	}
	errs = append(errs, serr)
	if e := errors.Join(errs...); e != nil {
		return fmt.Errorf("%w (keeping artifacts in %s: %v)", err, d.cfg.ArtifactsDir, e)
	}
	return fmt.Errorf("%w (screenshot and transcript: %s.png, %s-transcript.json)", err, base, base)
}
