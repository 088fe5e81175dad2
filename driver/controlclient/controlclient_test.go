package controlclient_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver"
	"scapi-conformance/driver/controlclient"
	"scapi-conformance/fixtures/server"
)

func TestAgainstTheReferenceServer(t *testing.T) {
	s, err := server.Start(context.Background(), server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := controlclient.New(s.ControlURL() + "/")
	ctx := context.Background()
	if _, err := c.Capabilities(ctx); err != nil {
		t.Errorf("Capabilities: %v", err)
	}
	if err := c.SetOptions(ctx, nil); err != nil {
		t.Errorf("SetOptions(nil): %v", err)
	}
	if err := c.Reset(ctx); err != nil {
		t.Errorf("Reset: %v", err)
	}
	cc := c.(*controlclient.Client)
	before, err := cc.Now(ctx)
	if err != nil {
		t.Fatalf("Now: %v", err)
	}
	if err := c.AdvanceClock(ctx, time.Minute); err != nil {
		t.Errorf("AdvanceClock: %v", err)
	}
	if after, err := cc.Now(ctx); err != nil || after.Sub(before) != time.Minute {
		t.Errorf("the clock moved from %v to %v (%v); want one minute", before, after, err)
	}
	_, err = c.Stimulate(ctx, control.Stimulus{})
	want := `control: POST ` + s.ControlURL() + `/stimulus: 400 Bad Request: stimulus: "name" is missing`
	if err == nil || err.Error() != want {
		t.Errorf("Stimulate without a name = %v; want %s", err, want)
	}
	if err := c.AdvanceClock(ctx, -time.Second); err == nil || !strings.Contains(err.Error(), "only moves forward") {
		t.Errorf("AdvanceClock(-1s) = %v; want a refusal", err)
	}
}

func TestHostileControlEndpoints(t *testing.T) {
	cases := []struct {
		name    string
		handler http.HandlerFunc
		want    error
		text    string
		timeout time.Duration
	}{
		{"garbage", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("{oops")) },
			driver.ErrMalformed, "invalid JSON at byte offset 2", 10 * time.Second},
		{"huge", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(strings.Repeat(" ", 2<<20))) },
			driver.ErrTooLarge, "answer exceeds 1048576 bytes", 10 * time.Second},
		{"plain error", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", 500) },
			nil, `500 Internal Server Error: "boom\n"`, 10 * time.Second},
		{"slow", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}, driver.ErrTimeout, "timed out", 200 * time.Millisecond},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(c.handler)
			defer srv.Close()
			ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
			defer cancel()
			_, err := controlclient.New(srv.URL).Capabilities(ctx)
			if err == nil || (c.want != nil && !errors.Is(err, c.want)) || !strings.Contains(err.Error(), c.text) {
				t.Errorf("Capabilities = %v; want %v saying %q", err, c.want, c.text)
			}
		})
	}
}

func TestUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	err := controlclient.New(url).Reset(context.Background())
	if !errors.Is(err, driver.ErrUnreachable) {
		t.Errorf("Reset on a closed port = %v; want ErrUnreachable", err)
	}
}
