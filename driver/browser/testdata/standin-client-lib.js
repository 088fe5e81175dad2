// A stand-in for the vendor's public wwe-service-client-api.js, written for
// the tests from facts about it (DESIGN.md, "Wire protocol" and "Through the
// vendor library"); it is not the vendor's code. What it has in common with
// the public library, and what the browser driver must cope with:
//   - genesys.wwe.service.<namespace>.<method>(...parameters, success,
//     failure), each method declaring its parameters and the two callbacks;
//   - the six microphone and speaker methods live under
//     genesys.wwe.service.sipEndpoint (their wire names), not voice;
//   - there is no configuration.getContextualOption;
//   - genesys.wwe.service.sendMessage(message, success, failure) sends any
//     {request, parameters} through the same channel;
//   - genesys.wwe.service.outbound is assigned twice; the second object wins;
//   - subscribe(events, callback, context), unsubscribe(callback).
// Envelopes: referenceId a per-page counter from "0" (a given one is kept),
// userAgent "WWE Client", protocolVersion 2, frameId echoed once the service
// sent one; replies are taken only with "WWE" in userAgent and the very
// referenceId string; a reply with an errorMessage key is a failure; the
// callback gets the envelope without referenceId; 10 s timeout.
(function () {
  "use strict";
  if (window.genesys && window.genesys.wwe && window.genesys.wwe.service) return;
  let counter = 0;
  let frameId;
  let target = null;
  const pending = [];
  const byEvent = {};
  const byCallback = new Map();

  function post(msg) {
    msg.userAgent = "WWE Client";
    msg.protocolVersion = 2;
    if (frameId !== undefined) msg.frameId = frameId;
    (target || window.opener || window.parent).postMessage(msg, "*");
  }
  function settle(entry, ok, data) {
    pending.splice(pending.indexOf(entry), 1);
    clearTimeout(entry.timer);
    const fn = ok ? entry.success : entry.failure;
    if (fn) fn(data);
  }
  window.addEventListener("message", function (e) {
    const m = e.data;
    if (!m || typeof m.userAgent !== "string" || m.userAgent.indexOf("WWE") < 0) return;
    if (m.event) {
      const sub = byEvent[m.event];
      if (sub) sub.callback.call(sub.context || window, m);
    } else if (m.referenceId) {
      for (const entry of pending.slice()) {
        if (entry.referenceId !== m.referenceId) continue;
        delete m.referenceId;
        settle(entry, m.errorMessage === undefined, m);
      }
    } else if (m.frameId !== undefined) {
      frameId = m.frameId;
    }
  });

  const service = {
    sendMessage: function (message, success, failure) {
      if (!message.referenceId) message.referenceId = String(counter++);
      post(message);
      if (success) {
        const entry = {referenceId: message.referenceId, success: success, failure: failure};
        entry.timer = setTimeout(function () {
          pending.splice(pending.indexOf(entry), 1);
          if (failure) failure("Request timeout");
        }, 10000);
        pending.push(entry);
      }
      return message.referenceId;
    },
    subscribe: function (events, callback, context) {
      service.sendMessage({event: "subscribe", data: events}, function (ack) {
        const sub = {events: [].concat(events), callback: callback, context: context, id: ack.subscriptionId};
        byCallback.set(callback, sub);
        for (const name of sub.events) byEvent[name] = sub;
      });
      return service;
    },
    unsubscribe: function (callback) {
      const sub = byCallback.get(callback);
      if (sub) {
        byCallback.delete(callback);
        for (const name of sub.events) delete byEvent[name];
        service.sendMessage({event: "unsubscribe", data: sub.id});
      }
      return service;
    },
    targetWWEWindow: function (w) { target = w; },
  };

  // methods builds a namespace object from "name:parameterCount" words; each
  // method declares its parameters and its two callbacks (Function.length).
  function methods(ns, spec) {
    const api = {};
    for (const word of spec.trim().split(/\s+/)) {
      const [name, count] = word.split(":");
      const n = Number(count || 0);
      const fn = function () {
        const args = Array.prototype.slice.call(arguments);
        const msg = {request: ns + "." + name};
        if (n > 0) msg.parameters = args.slice(0, n);
        service.sendMessage(msg, args[n], args[n + 1]);
      };
      Object.defineProperty(fn, "length", {value: n + 2});
      api[name] = fn;
    }
    return api;
  }

  service.auth = methods("auth", "getJwtToken");
  service.agent = methods("agent", "get getStateList setState:1 getState");
  service.interaction = methods("interaction", `getInteractions getByInteractionId:1 setUserData:2
    deleteUserData:2 selectCaseByCaseId:1 markdone:1 blockMarkdone:2 unblockMarkdone:1 accept:1 reject:1
    singleStepTransfer:4 singleStepConference:4 consult:4 completeTransfer:1 completeConference:1`);
  service.voice = methods("voice", `dial:2 dialEx:3 answer:1 hold:1 resume:1 hangUp:1
    startCallRecording:1 stopCallRecording:1 pauseCallRecording:1 resumeCallRecording:1`);
  service.sipEndpoint = methods("sipEndpoint", `muteMicrophone unmuteMicrophone muteSpeaker unmuteSpeaker
    isMicrophoneMute isSpeakerMute`);
  service.email = methods("email", "create:2");
  const outbound = `getCampaigns getPreviewRecord:1 getChainedRecords:1 getRecordFields:1 updateRecordFields:2
    callPreviewRecord:2 rejectPreviewRecord:1 cancelPreviewRecord:1 startDirectPushPreview stopDirectPushPreview
    rescheduleRecord:4 cancelReschedule:1 getListOfCallResults setCallResult:2 getCallResult:1 setDoNotCall:1
    removeDoNotCall:1`;
  // The first outbound object is replaced by the second one below; a method
  // taken from the first would post under a name no Workspace knows.
  service.outbound = methods("outbound-replaced", outbound);
  service.media = methods("media", "setState:2 getMediaList getMediaByName:1");
  service.outbound = methods("outbound", outbound);
  service.system = methods("system", `getAllowedServices triggerActivity popupToast:1 updateToast:2 closeToast:1
    openDialog:2 closeDialog:1 updateViewInApplicationMenuBar:1 closeViewInApplicationMenuBar:1 amIVisible
    isFrameLeading isFrameFollowing isFrameNegotiating isFrameLeadingOrNegotiating isLastActiveFrame`);
  service.messenger = methods("messenger", "broadcastMessage:2");
  service.configuration = methods("configuration", "getOption:1");

  window.genesys = window.genesys || {};
  window.genesys.wwe = window.genesys.wwe || {};
  window.genesys.wwe.service = service;
})();
