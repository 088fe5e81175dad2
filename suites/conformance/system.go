package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"scapi-conformance/contract"
	"scapi-conformance/contract/control"
	"scapi-conformance/suites/framework"
)

// nsToast are popupToast parameters as the 001 table describes them.
var nsToast = map[string]any{"title": "Callback due", "iconUrl": "https://example.com/i.png", "subject": "Customer",
	"message": "Call back Mr Smith", "keyValues": map[string]any{"key1": "value one"}, "buttons": []any{"Later", "Call"}}

var _ = Describe("System namespace", func() {
	framework.ConformanceIt("amIVisible answers a boolean", framework.Reqs{"system.amIVisible.1"}, func(s *framework.Session) {
		s.OK(s.Agent(), "system.amIVisible")
	})

	framework.ConformanceIt("triggerActivity succeeds", framework.Reqs{"system.triggerActivity.1"}, func(s *framework.Session) {
		s.OK(s.Agent(), "system.triggerActivity")
	})

	framework.ConformanceIt("openDialog answers a dialog id that closeDialog closes once",
		framework.Reqs{"system.openDialog.1", "system.closeDialog.1"}, func(s *framework.Session) {
			c := s.Agent()
			id := s.OK(c, "system.openDialog", "https://example.com/dialog.html", map[string]any{"label": "Dialog", "width": "430px", "height": "325px"})
			Expect(id).To(BeAssignableToTypeOf(""), "Returns The dialog identifier")
			Expect(id).NotTo(BeEmpty())
			Expect(s.OK(c, "system.closeDialog", id)).To(Equal(true), "true if the dialog is closed")
			Expect(s.OK(c, "system.closeDialog", id)).To(Equal(false), "false if the dialog is not found")
			Expect(s.OK(c, "system.openDialog", nil, map[string]any{})).To(BeNil(), "null if the url parameter is not defined")
		})

	framework.ConformanceIt("openDialog with null options is refused", framework.Reqs{"system.openDialog.2"}, func(s *framework.Session) {
		s.Holds("INT-NS-9", s.Refused(s.Agent(), "system.openDialog", "https://example.com/dialog.html", nil))
	})

	framework.ConformanceIt("popupToast answers distinct ids that updateToast and closeToast find until closed",
		framework.Reqs{"system.popupToast.1", "system.updateToast.1", "system.closeToast.1"}, func(s *framework.Session) {
			c := s.Agent()
			a := s.OK(c, "system.popupToast", nsToast)
			b := s.OK(c, "system.popupToast", nsToast)
			s.For("system.popupToast.1", func() {
				Expect(a).To(BeAssignableToTypeOf(""), "Returns A unique identifier")
				Expect(a).NotTo(Equal(b), "two toasts got the same identifier")
			})
			s.For("system.updateToast.1", func() {
				Expect(s.OK(c, "system.updateToast", a, map[string]any{"title": "Updated", "message": "Now"})).To(Equal(true), "true if the toast has been updated")
			})
			// A second close tells a close that kept the toast (closeToast.1)
			// from an update that finds a closed toast (updateToast.1).
			s.For("system.closeToast.1", func() {
				Expect(s.OK(c, "system.closeToast", a)).To(Equal(true), "closeToast: true if the toast has been updated")
				Expect(s.OK(c, "system.closeToast", a)).To(Equal(false), "false if the toast identifier has not been found")
			})
			s.For("system.updateToast.1", func() {
				Expect(s.OK(c, "system.updateToast", a, map[string]any{"title": "Late"})).To(Equal(false), "false if the toast identifier has not been found")
			})
			s.For("system.closeToast.1", func() {
				Expect(s.OK(c, "system.closeToast", b)).To(Equal(true), "closing one toast closed the other")
			})
		})

	framework.ConformanceIt("a click on a toast button reaches system subscribers with the toast id and the button index",
		framework.Reqs{"events.system.CUSTOM_TOAST_BUTTON_CLICK.1"}, func(s *framework.Session) {
			c := s.Agent("system")
			id := s.OK(c, "system.popupToast", nsToast)
			s.Stimulate(control.StimToastClick, map[string]any{"customToastId": id, "buttonIndex": 1})
			ev := s.Event(c, "system", "CUSTOM_TOAST_BUTTON_CLICK")
			Expect(ev).To(HaveKeyWithValue("customToastId", id), "customToastId: The identifier is returned by the popupToast method.")
			Expect(ev).To(HaveKeyWithValue("buttonIndex", BeNumerically("==", 1)), "buttonIndex: The index of the clicked button. The index starts by 0.")
		}, framework.Needs(control.StimToastClick))

	framework.ConformanceIt("updateViewInApplicationMenuBar creates or updates a view by name; closeView removes it once",
		framework.Reqs{"system.updateViewInApplicationMenuBar.1", "system.updateViewInApplicationMenuBar.3", "system.closeViewInApplicationMenuBar.1"},
		func(s *framework.Session) {
			c := s.Agent()
			view := map[string]any{"name": "view1", "iconUrl": "https://example.com/rss.png", "label": "Main content text",
				"shortLabel": "Short text", "tooltip": "Tooltip text", "labelColor": "#FFFFFF", "backgroundColor": "#000000"}
			Expect(s.OK(c, "system.updateViewInApplicationMenuBar", view)).To(Equal("view1"), "Returns View name if successful.")
			view["label"] = "Updated text"
			Expect(s.OK(c, "system.updateViewInApplicationMenuBar", view)).To(Equal("view1"), "If a view with the given name already exists, it will be updated")
			Expect(s.OK(c, "system.closeViewInApplicationMenuBar", "view1")).To(Equal(true), "true if the view is removed")
			Expect(s.OK(c, "system.closeViewInApplicationMenuBar", "view1")).To(Equal(false), "false if the view name is not found")
		})

	framework.ConformanceIt("a menu bar view with neither iconUrl nor label is refused and not created",
		framework.Reqs{"system.updateViewInApplicationMenuBar.2"}, func(s *framework.Session) {
			c := s.Agent()
			refused := s.Refused(c, "system.updateViewInApplicationMenuBar", map[string]any{"name": "bare"})
			Expect(s.OK(c, "system.closeViewInApplicationMenuBar", "bare")).To(Equal(false), "a view without iconUrl and label was created")
			s.Holds("INT-NS-10", refused)
		})

	framework.ConformanceIt("getAllowedServices answers request names of the API, getAllowedServices among them",
		framework.Reqs{"system.getAllowedServices.1"}, func(s *framework.Session) {
			list, _ := s.OK(s.Agent(), "system.getAllowedServices").([]any)
			known := map[string]bool{}
			for _, m := range contract.Catalog() {
				known[m.Request()], known[m.Wire], known[m.AllowKeyword] = true, true, true
			}
			for _, v := range list {
				Expect(known[v.(string)]).To(BeTrue(), "getAllowedServices lists %q, which names no request of the API", v)
			}
			Expect(list).To(ContainElement("system.getAllowedServices"), "the calling origin is allowed getAllowedServices, which it just called")
		})
})
