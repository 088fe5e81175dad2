package preflight

import (
	"reflect"
	"testing"
	"time"

	"scapi-conformance/contract/control"
	"scapi-conformance/driver/inproc"
	"scapi-conformance/internal/profile"
	"scapi-conformance/internal/target"
)

// TestOf: a steerable target is checked with the suite's default options
// and the driver's origins; one configured once with the origins its
// profile names (declared, then listed in its allow-list) and the
// driver's, sparing requests when its declared limits count agent.get.
func TestOf(t *testing.T) {
	drv := reference(t, "")
	noControl := inproc.New(inproc.Config{Service: nil, Origins: []string{"https://d.example"}})
	cases := []struct {
		name    string
		t       *target.Target
		origins []string
		steer   bool
		spare   bool
	}{
		{name: "steerable", t: &target.Target{Driver: drv, Caps: control.Capabilities{Options: true}}, steer: true},
		{name: "configured once", t: &target.Target{Driver: noControl, Spec: target.Spec{Profile: &profile.Profile{
			Origins: []string{"https://p.example"},
			Options: control.Options{"service-client-api.accepted-web-content-origins": "https://a.example (agent.*), *, https://p.example"},
		}}}, origins: []string{"https://p.example", "https://a.example", "https://d.example"}},
		{name: "global rate limit", t: &target.Target{Driver: noControl, Spec: target.Spec{Profile: &profile.Profile{
			Options: control.Options{"service-client-api.rate-limit": "5"}}}}, origins: []string{"https://d.example"}, spare: true},
		{name: "limit on agent.get", t: &target.Target{Driver: noControl, Spec: target.Spec{Profile: &profile.Profile{
			Options: control.Options{"service-client-api.rate-limit.agent.get": "2"}}}}, origins: []string{"https://d.example"}, spare: true},
		{name: "limit on another request", t: &target.Target{Driver: noControl, Spec: target.Spec{Profile: &profile.Profile{
			Options: control.Options{"service-client-api.rate-limit.voice.dial": "2"}}}}, origins: []string{"https://d.example"}},
		{name: "no profile", t: &target.Target{Driver: noControl, Spec: target.Spec{WaitTimeout: time.Minute}}, origins: []string{"https://d.example"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := Of(c.t)
			if !reflect.DeepEqual(cfg.Origins, c.origins) || (cfg.Options != nil) != c.steer || cfg.SpareRequests != c.spare ||
				cfg.Timeout != DefaultTimeout {
				t.Errorf("Of = origins %v, options %v, spare %v, timeout %v; want origins %v, steer %v, spare %v, timeout %v",
					cfg.Origins, cfg.Options, cfg.SpareRequests, cfg.Timeout, c.origins, c.steer, c.spare, DefaultTimeout)
			}
		})
	}
}
