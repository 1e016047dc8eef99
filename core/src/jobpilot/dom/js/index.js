/*
 * JobPilot DOM layer — index.js (load last)
 *
 * The public surface both transports call: the Playwright runner through evaluate(), the
 * extension's content script through messages. Everything else on globalThis.__jobpilot is
 * internal and may change.
 *
 *   __jobpilot.snapshot(opts)          -> FormSnapshot dict
 *   __jobpilot.snapshotJSON(opts)      -> the same as one JSON string (one cheap string
 *                                         crosses the transport instead of a deep object);
 *                                         a Promise of it while the document (or a
 *                                         same-origin frame's) is still being parsed
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

  var PARSE_WAIT_MS = 5000;

  /** The document and its same-origin frames' documents that are still being parsed. */
  function loading() {
    var out = [];
    var docs = [document];
    for (var i = 0; i < docs.length && i < 50; i++) {
      var d = docs[i];
      if (d.readyState === "loading") out.push(d);
      var frames = d.querySelectorAll("iframe, frame");
      for (var k = 0; k < frames.length; k++) {
        var cd = null;
        try { cd = frames[k].contentDocument; } catch (e) { cd = null; } // cross-origin
        if (cd) docs.push(cd);
      }
    }
    return out;
  }

  /**
   * Null when every document is parsed; else a Promise that resolves once they are (their
   * DOMContentLoaded handlers run, and one task more), or after PARSE_WAIT_MS. A snapshot
   * taken while a form post's answer or a frame's next step is still arriving would read the
   * step's headings without the controls below them; waiting for the parser is an event,
   * where the flows used to wait for a quiet DOM.
   */
  function whenParsed() {
    var docs = loading();
    if (!docs.length) return null;
    return new Promise(function (resolve) {
      var left = docs.length;
      var done = false;
      function finish() {
        if (done) return;
        done = true;
        clearTimeout(timer);
        J.util.sleep(0).then(resolve); // after the page's own DOMContentLoaded listeners
      }
      var timer = setTimeout(finish, PARSE_WAIT_MS);
      docs.forEach(function (d) {
        d.addEventListener("DOMContentLoaded", function () { if (--left <= 0) finish(); }, { once: true });
      });
    });
  }
  J.snapshot = function (opts) { return J.snapshotter.snapshot(opts); };
  J.snapshotJSON = function (opts) {
    var parsing = whenParsed();
    if (!parsing) return JSON.stringify(J.snapshotter.snapshot(opts));
    return parsing.then(function () { return JSON.stringify(J.snapshotter.snapshot(opts)); });
  };
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
