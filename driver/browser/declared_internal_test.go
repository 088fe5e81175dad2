package browser

import (
	"slices"
	"testing"
)

// A stranger is reached through a host resolver rule when its host is a
// name Chromium resolves, on its own loopback port when it is 127.0.0.1 or
// localhost on another port, and left out otherwise.
func TestStrangerOrigins(t *testing.T) {
	mapped, ports := strangerOrigins([]string{"https://apps.example.com", "http://127.0.0.1:4000", "http://localhost:4000", "http://127.0.0.1:4001"},
		[]string{"https://APPS.example.com", "https://crm.example.org:8443", "http://127.0.0.1:4003", "https://10.0.0.1"})
	var gotMapped, gotPorts []string
	for _, d := range mapped {
		gotMapped = append(gotMapped, d.origin)
	}
	for _, d := range ports {
		gotPorts = append(gotPorts, d.origin)
	}
	// Given: one offered (in another spelling), one mapped, one on a
	// loopback port, one IP address no rule maps.
	wantMapped := []string{"https://crm.example.org:8443", "https://stranger.example.net", "https://apps.example.comx", "https://apps.example.co", "https://apps.example.com:8443",
		"http://127.0.0.1x:4000", "http://localhostx:4000", "http://localhos:4000", "http://127.0.0.1x:4001"}
	// 127.0.0.1:4001 is offered, so it is no stranger of 127.0.0.1:4000;
	// http://127.0.0.:4000 is the IP address 127.0.0.0, which no rule maps.
	wantPorts := []string{"http://127.0.0.1:4003", "http://localhost:4001", "http://127.0.0.1:4002"}
	if !slices.Equal(gotMapped, wantMapped) {
		t.Errorf("mapped strangers = %v\nwant %v", gotMapped, wantMapped)
	}
	if !slices.Equal(gotPorts, wantPorts) {
		t.Errorf("port strangers = %v\nwant %v", gotPorts, wantPorts)
	}
}

func TestDNSName(t *testing.T) {
	for host, want := range map[string]bool{
		"apps.example.com": true, "127.0.0.1x": true, "localhostx": true, "example.com.": true,
		"127.0.0.1": false, "127.0.0.": false, "localhost": false, "a.localhost": false, "::1": false, "[::1]": false,
		"host.0x1f": false, "host.123": false,
	} {
		if got := dnsName(host); got != want {
			t.Errorf("dnsName(%q) = %v; want %v", host, got, want)
		}
	}
}
