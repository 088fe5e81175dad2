package drivertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/coder/websocket"
)

// puppetPage is a service page that relays every message a child window
// posts to it, with event.origin, to Go ("ORIGIN\nJSON"), and obeys Go's
// answers: "post ID\nTEXT" posts TEXT (parsed when it is JSON) to the window
// that spoke, "flood ID N\nEVENT" posts the event N times, "big ID N\nREPLY"
// posts the reply with its data padded to N characters, "drop ID\n"
// removes that window's iframe.
const puppetPage = `<!doctype html><html><head><meta charset="utf-8"><title>puppet service page</title></head><body><script>
"use strict";
const sources = [];
const ws = new WebSocket("ws://" + location.host + "/ws");
const early = [];
ws.onopen = function () { for (const m of early.splice(0)) ws.send(m); };
window.addEventListener("message", function (e) {
  let i = sources.indexOf(e.source);
  if (i < 0) { sources.push(e.source); i = sources.length - 1; }
  const m = i + "\n" + e.origin + "\n" + JSON.stringify(e.data);
  if (ws.readyState === 1) ws.send(m); else early.push(m);
});
ws.onmessage = function (e) {
  const nl = e.data.indexOf("\n");
  const [op, id, n] = e.data.slice(0, nl).split(" ");
  const text = e.data.slice(nl + 1);
  const source = sources[Number(id)];
  if (op === "drop") {
    for (const f of document.querySelectorAll("iframe")) if (f.contentWindow === source) f.remove();
    return;
  }
  if (op === "flood") {
    const ev = JSON.parse(text);
    for (let i = 0; i < Number(n); i++) source.postMessage(ev, "*");
    return;
  }
  if (op === "big") {
    const r = JSON.parse(text);
    r.data = "x".repeat(Number(n));
    source.postMessage(r, "*");
    return;
  }
  let msg = text;
  try { msg = JSON.parse(text); } catch (err) {}
  source.postMessage(msg, "*");
};
</script></body></html>`

// HostileServicePage serves h as a service page on 127.0.0.1 and returns its
// URL: frames embedded in it talk to h as they would to a Workspace. A
// dropped connection is the frame removed from the page. The server stops
// when the test ends.
func HostileServicePage(t testing.TB, h Hostile) string {
	page := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, puppetPage)
	}
	srv := serveSockets(t, page, func(ctx context.Context, conn *websocket.Conn, r *http.Request) {
		for {
			_, b, err := conn.Read(ctx)
			if err != nil {
				return
			}
			parts := strings.SplitN(string(b), "\n", 3)
			if len(parts) != 3 {
				continue
			}
			var req map[string]any
			if json.Unmarshal([]byte(parts[2]), &req) != nil {
				continue
			}
			a := h.Respond(parts[1], req)
			cmds := make([]string, 0, len(a.Messages)+2)
			if a.Flood > 0 {
				cmds = append(cmds, fmt.Sprintf("flood %s %d\n%s", parts[0], a.Flood, event(0)))
			}
			if a.Big > 0 {
				cmds = append(cmds, fmt.Sprintf("big %s %d\n%s", parts[0], a.Big, reply(req, "")))
			}
			for _, m := range a.Messages {
				cmds = append(cmds, "post "+parts[0]+"\n"+string(m))
			}
			for _, c := range cmds {
				if conn.Write(ctx, websocket.MessageText, []byte(c)) != nil {
					return
				}
			}
			if a.Drop {
				conn.Write(ctx, websocket.MessageText, []byte("drop "+parts[0]+"\n"))
			}
		}
	})
	return srv.URL + "/"
}
