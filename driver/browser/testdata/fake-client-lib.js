// A stand-in for the vendor's wwe-service-client-api.js, written for the
// tests from the documented usage (genesys.wwe.service.<namespace>.<method>(
// ...parameters, succeeded, failed) and genesys.wwe.service.subscribe(events,
// handler, context)) and DESIGN.md's wire protocol. It is not the vendor's code.
(function () {
  "use strict";
  let counter = 0;
  let frameId;
  const pending = {};
  let handler = null;
  function post(msg) {
    if (frameId !== undefined) msg.frameId = frameId;
    window.parent.postMessage(msg, "*");
  }
  window.addEventListener("message", function (e) {
    const m = e.data;
    if (!m || typeof m !== "object") return;
    if ("event" in m) { if (handler) handler.fn.call(handler.ctx, m); return; }
    if ("frameId" in m && !("referenceId" in m)) { frameId = m.frameId; return; }
    if (typeof m.userAgent !== "string" || m.userAgent.indexOf("WWE") < 0) return;
    const p = pending[m.referenceId];
    if (!p) return;
    delete pending[m.referenceId];
    clearTimeout(p.timer);
    const copy = Object.assign({}, m);
    delete copy.referenceId;
    if ("errorMessage" in m) { if (p.failed) p.failed(copy); } else if (p.succeeded) p.succeeded(copy);
  });
  function request(name, args) {
    args = Array.prototype.slice.call(args);
    let failed, succeeded;
    if (typeof args[args.length - 1] === "function" && typeof args[args.length - 2] === "function") {
      failed = args.pop();
      succeeded = args.pop();
    } else if (typeof args[args.length - 1] === "function") {
      succeeded = args.pop();
    }
    const referenceId = String(counter++);
    const msg = {request: name, referenceId: referenceId, userAgent: "WWE Client", protocolVersion: 2};
    if (args.length) msg.parameters = args;
    pending[referenceId] = {succeeded: succeeded, failed: failed,
      timer: setTimeout(function () { delete pending[referenceId]; if (failed) failed("Request timeout"); }, 10000)};
    post(msg);
  }
  const service = {
    subscribe: function (events, fn, ctx) {
      handler = {fn: fn, ctx: ctx};
      const referenceId = String(counter++);
      pending[referenceId] = {timer: 0};
      post({event: "subscribe", data: events, referenceId: referenceId, userAgent: "WWE Client", protocolVersion: 2});
    },
  };
  window.genesys = {wwe: {service: new Proxy(service, {
    get: function (target, ns) {
      if (ns in target) return target[ns];
      return new Proxy({}, {get: function (_, method) {
        return function () { request(ns + "." + method, arguments); };
      }});
    },
  })}};
})();
