package browser_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"scapi-conformance/contract/allowlist"
	"scapi-conformance/contract/wire"
	"scapi-conformance/driver/browser"
	"scapi-conformance/driver/drivertest"
)

// TestDeclaredOrigins: frames presented under declared origins (https on
// the default port and on another, http on another) are seen by the service
// page with exactly that event.origin; the loopback origins still follow.
func TestDeclaredOrigins(t *testing.T) {
	needBrowser(t)
	t.Cleanup(func() { checkNoBrowserLeft(t) })
	declared := []string{"https://apps.example.com", "https://Apps.Example.com:8443", "http://crm.example.org:8080"}
	want := []string{"https://apps.example.com", "https://apps.example.com:8443", "http://crm.example.org:8080"}
	page := drivertest.HostileServicePage(t, drivertest.Hostile{Respond: drivertest.Echo})
	d, err := browser.New(context.Background(), browser.Config{ServicePageURL: page, Timeout: 5 * time.Second, Origins: declared})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	origins := d.Origins()
	if len(origins) != 7 || !slices.Equal(origins[:3], want) || !strings.HasPrefix(origins[3], "http://127.0.0.1:") {
		t.Fatalf("Origins() = %v; want %v then the four loopback origins", origins, want)
	}
	if got := d.Info().Extra["declaredOrigins"]; got != strings.Join(want, " ") {
		t.Errorf("Info().Extra[declaredOrigins] = %q; want %q", got, strings.Join(want, " "))
	}
	ctx := context.Background()
	// The strangers are served though not offered: the neighbours of each
	// offered origin (allowlist.Neighbours) and allowlist.StrangerOrigin,
	// which the specs present to an allow-list that does not list them.
	strangers := []string{allowlist.StrangerOrigin, "https://apps.example.comx", "https://apps.example.co",
		"https://apps.example.com:8444", "http://crm.example.org:8081", "http://localhostx:" + strings.TrimPrefix(origins[3], "http://127.0.0.1:")}
	for _, origin := range append(origins[:3], strangers...) {
		c, err := d.Open(ctx, origin)
		if err != nil {
			t.Fatalf("Open(%s): %v", origin, err)
		}
		m, err := c.Call(ctx, wire.NewRequest("agent.getState", "", nil))
		if err != nil {
			t.Fatalf("Call from %s: %v", origin, err)
		}
		if got := string(m.Data()); got != `{"origin":"`+origin+`"}` {
			t.Errorf("from %s the service page saw event.origin %s", origin, got)
		}
		c.Close()
	}
	if _, err := d.Open(ctx, "https://elsewhere.example.org"); err == nil || !strings.Contains(err.Error(), `cannot present origin "https://elsewhere.example.org"`) {
		t.Errorf("Open of an origin neither offered nor a stranger = %v; want cannot present", err)
	}
}

// TestDeclaredOriginsRefused: an origin the driver cannot map, or a library
// its https frames cannot load, is refused by New, naming it.
func TestDeclaredOriginsRefused(t *testing.T) {
	_, err := browser.New(context.Background(), browser.Config{ServicePageURL: "http://127.0.0.1:1/",
		Origins: []string{"https://apps.example.com"}, ClientLib: "http://cdn.example.com/wwe-service-client-api.js"})
	if err == nil || !strings.Contains(err.Error(), "the client library http://cdn.example.com/wwe-service-client-api.js is plain http, which the frames under the https origin https://apps.example.com cannot load (mixed content)") {
		t.Errorf("New with an http library and an https origin = %v; want the mixed-content error", err)
	}
	for _, c := range []struct{ origin, want string }{
		{"https://127.0.0.1:9443", `"127.0.0.1" is not a DNS name it can map`},
		{"http://localhost:8080", `"localhost" is not a DNS name it can map`},
		{"https://[::1]", `"::1" is not a DNS name it can map`},
		{"ftp://apps.example.com", `declared origin "ftp://apps.example.com": `},
	} {
		d, err := browser.New(context.Background(), browser.Config{ServicePageURL: "http://127.0.0.1:1/", Origins: []string{c.origin}})
		if err == nil {
			d.Close()
			t.Fatalf("New with origin %s succeeded", c.origin)
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("New with origin %s = %v; want an error containing %s", c.origin, err, c.want)
		}
	}
}
