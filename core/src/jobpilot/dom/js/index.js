/*
 * JobPilot DOM layer — index.js (load last)
 *
 * The public surface both transports call: the Playwright runner through evaluate(), the
 * extension's content script through messages. Everything else on globalThis.__jobpilot is
 * internal and may change.
 *
 *   __jobpilot.snapshot(opts)          -> FormSnapshot dict
 *   __jobpilot.snapshotJSON(opts)      -> the same as one JSON string (one cheap string
 *                                         crosses the transport instead of a deep object)
 *   __jobpilot.apply(actions)          -> Promise<ActionResult dict[]>
 *   __jobpilot.observe(opts)           -> Observer (waitForStable, onChange, destroy)
 *   __jobpilot.waitForStable(q, t)     -> Promise<boolean>
 *   __jobpilot.element(ref)            -> Element | null
 *   __jobpilot.refKind(ref)            -> "file-input" | "element" | "group" | null
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.ready) return;

  J.version = "0.1.0";
  J.snapshot = function (opts) { return J.snapshotter.snapshot(opts); };
  J.snapshotJSON = function (opts) { return JSON.stringify(J.snapshotter.snapshot(opts)); };
  J.apply = function (actions) { return J.inject.apply(actions); };
  J.element = function (ref) { return J.refs.resolve(ref); };
  J.refKind = function (ref) {
    if (!ref) return null;
    if (ref.charAt(0) === "g") return J.refs.resolveGroup(ref) ? "group" : null;
    var el = J.refs.resolve(ref);
    if (!el || !el.isConnected) return null;
    return J.upload.isFileInput(el) ? "file-input" : "element";
  };
  J.ready = true;
})();
