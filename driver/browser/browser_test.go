package browser_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/browser"
	"scapi-conformance/driver/drivertest"
)

// needBrowser skips without Chromium, unless SCAPI_REQUIRE_BROWSER=1.
func needBrowser(t testing.TB) {
	if _, ok := browser.FindChromium(); !ok {
		if os.Getenv("SCAPI_REQUIRE_BROWSER") == "1" {
			t.Fatalf("Chromium not found at %v and SCAPI_REQUIRE_BROWSER=1", browser.DefaultExecPaths)
		}
		t.Skipf("Chromium not found at %v", browser.DefaultExecPaths)
	}
}

func open(t testing.TB, page string, timeout time.Duration) driver.Driver {
	needBrowser(t)
	d, err := browser.New(context.Background(), browser.Config{ServicePageURL: page, Timeout: timeout, ArtifactsDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func TestEchoOnEveryOrigin(t *testing.T) {
	d := open(t, drivertest.HostileServicePage(t, drivertest.Hostile{Respond: drivertest.Echo}), 5*time.Second)
	ctx := context.Background()
	for _, origin := range d.Origins() {
		start := time.Now()
		c, err := d.Open(ctx, origin)
		if err != nil {
			t.Fatalf("Open(%s): %v", origin, err)
		}
		t.Logf("open %s: %v", origin, time.Since(start))
		m, err := c.Call(ctx, wire.NewRequest("agent.getState", "", nil))
		if err != nil {
			t.Fatalf("Call from %s: %v", origin, err)
		}
		if got := string(m.Data()); got != `{"origin":"`+origin+`"}` {
			t.Errorf("from %s the service saw %s", origin, got)
		}
		ack, err := c.Subscribe(ctx, "agent")
		if err != nil || ack.Kind() != wire.KindAck {
			t.Fatalf("Subscribe from %s = %v, %v", origin, ack, err)
		}
		ev, err := c.Next(ctx)
		if err != nil || ev.Kind() != wire.KindEvent {
			t.Fatalf("Next from %s = %v, %v", origin, ev, err)
		}
		c.Close()
	}
}

func TestHostileServicePages(t *testing.T) {
	needBrowser(t)
	const timeout = 6 * time.Second
	drivertest.RunHostile(t, timeout, false, func(t *testing.T, h drivertest.Hostile) driver.Driver {
		d, err := browser.New(context.Background(), browser.Config{
			ServicePageURL: drivertest.HostileServicePage(t, h), Timeout: h.Wait(timeout)})
		if err != nil {
			t.Fatal(err)
		}
		return d
	})
	checkNoBrowserLeft(t)
}

// chromiumChildren lists the pids of this process's child processes that run
// Chromium (the browser; its helpers are the browser's children).
func chromiumChildren(t testing.TB) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces, so cut at the last ')'.
		s := string(stat)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		fields := strings.Fields(s[i+1:])
		if len(fields) > 1 && fields[1] == strconv.Itoa(os.Getpid()) && strings.Contains(s[:i], "chrom") {
			pids = append(pids, pid)
		}
	}
	return pids
}

// checkNoBrowserLeft fails when Chromium children of the test outlive their drivers.
func checkNoBrowserLeft(t *testing.T) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		left := chromiumChildren(t)
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("Chromium processes left running: %v", left)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestBrowserCrashFailsCalls: when Chromium dies, a pending call fails with
// ErrClosed at once instead of waiting out its timeout.
func TestBrowserCrashFailsCalls(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	silent := drivertest.Hostile{Respond: func(string, map[string]any) drivertest.Answer { return drivertest.Answer{} }}
	d := open(t, drivertest.HostileServicePage(t, silent), 30*time.Second)
	c, err := d.Open(context.Background(), d.Origins()[0])
	if err != nil {
		t.Fatal(err)
	}
	pids := chromiumChildren(t)
	if len(pids) == 0 {
		t.Fatal("no Chromium process started by the test")
	}
	done := make(chan error, 1)
	go func() {
		_, err := c.Call(context.Background(), wire.NewRequest("agent.getState", "", nil))
		done <- err
	}()
	for deadline := time.Now().Add(10 * time.Second); len(c.Transcript()) == 0; { // until the call has gone out
		if time.Now().After(deadline) {
			t.Fatal("the call did not go out")
		}
		runtime.Gosched()
	}
	for _, pid := range pids { // the browser this test started
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case err := <-done:
		if !errors.Is(err, driver.ErrClosed) {
			t.Errorf("Call while Chromium died = %v; want ErrClosed", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the call still waits 15 s after Chromium died")
	}
}
