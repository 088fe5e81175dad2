package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract/control"
	"scapi-conformance/suites/framework"
)

// nsCampaign is the campaign of the 001 examples.
const nsCampaign = "Offer of the Month"

var _ = Describe("Outbound campaign events", func() {
	for i, eventType := range []string{"CampaignLoaded", "CampaignUnloaded", "CampaignStarted", "CampaignStopped"} {
		req := []string{"outbound.campaign.1", "outbound.campaign.2", "outbound.campaign.3", "outbound.campaign.4"}[i]
		framework.ConformanceIt(eventType+" reaches outbound subscribers naming the campaign", framework.Reqs{req}, func(s *framework.Session) {
			c := s.Agent("outbound")
			args := map[string]any{"eventType": eventType, "campaign": nsCampaign}
			if eventType == "CampaignStarted" {
				args["mode"] = "Preview"
			}
			s.Stimulate(control.StimCampaign, args)
			ev := s.Event(c, "outbound", eventType)
			Expect(ev).To(HaveKeyWithValue("campaign", nsCampaign))
			if eventType == "CampaignStarted" {
				Expect(ev).To(HaveKeyWithValue("mode", "Preview"), `This event also has a "mode" property that describes the mode in which the campaign started.`)
			}
		}, framework.Needs(control.StimCampaign))
	}

	framework.ConformanceIt("getCampaigns lists a loaded campaign and getPreviewRecord fetches a pull preview record from it",
		framework.Reqs{"outbound.getCampaigns.1", "outbound.getPreviewRecord.1", "outbound.preview.pull.1"}, func(s *framework.Session) {
			c := s.Agent("outbound", "interaction")
			s.Stimulate(control.StimCampaign, map[string]any{"eventType": "CampaignLoaded", "campaign": nsCampaign})
			s.Event(c, "outbound", "CampaignLoaded")
			Expect(framework.JSONText(s.OK(c, "outbound.getCampaigns"))).To(ContainSubstring(`"`+nsCampaign+`"`),
				"Get the details of all outbound campaigns (loaded or active) for the current agent.")
			s.OK(c, "outbound.getPreviewRecord", nsCampaign)
			nsExpectRows(s, c, nsPreviewRows("pull", "Preview record received")[:1])
		}, framework.Needs(control.StimCampaign))
})
