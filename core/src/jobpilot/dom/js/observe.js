/*
 * JobPilot DOM layer — observe.js
 *
 * Multi-step application pages (Workday, SmartRecruiters, Ashby) swap whole steps without
 * a reload. An Observer watches the document with a MutationObserver so a flow can wait
 * until the page has been quiet for a while before it snapshots again. Every Observer has
 * destroy(), which removes its observer, timers and listeners (nothing is left behind).
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.Observer) return;

  /**
   * @param {{root?: Node}} opts  root defaults to the document; open shadow roots present
   *   at start are observed too.
   */
  function Observer(opts) {
    opts = opts || {};
    var self = this;
    this.root = opts.root || document;
    this.lastChange = Date.now();
    this.changes = 0;
    this.listeners = [];
    this.timers = new Set();
    this.destroyed = false;
    this.mo = new MutationObserver(function (records) {
      self.lastChange = Date.now();
      self.changes += records.length;
      self.listeners.slice().forEach(function (cb) {
        try { cb(records); } catch (e) { /* a listener's error is its own */ }
      });
    });
    var init = { subtree: true, childList: true, attributes: true, characterData: true };
    this.mo.observe(this.root, init);
    var doc = this.root.nodeType === 9 ? this.root : this.root.ownerDocument;
    if (doc) {
      var walker = doc.createTreeWalker(this.root, 1);
      var el;
      while ((el = walker.nextNode())) if (el.shadowRoot) this.mo.observe(el.shadowRoot, init);
    }
  }

  /** Call `cb(records)` on every batch of changes; returns a function that unsubscribes. */
  Observer.prototype.onChange = function (cb) {
    var self = this;
    this.listeners.push(cb);
    return function () {
      var i = self.listeners.indexOf(cb);
      if (i >= 0) self.listeners.splice(i, 1);
    };
  };

  /** Resolve true once nothing changed for `quietMs`, false after `timeoutMs`. */
  Observer.prototype.waitForStable = function (quietMs, timeoutMs) {
    var self = this;
    quietMs = quietMs == null ? 300 : quietMs;
    timeoutMs = timeoutMs == null ? 10000 : timeoutMs;
    var deadline = Date.now() + timeoutMs;
    var step = Math.max(10, Math.min(50, quietMs / 2));
    return new Promise(function (resolve) {
      (function check() {
        if (self.destroyed) return resolve(false);
        var now = Date.now();
        if (now - self.lastChange >= quietMs) return resolve(true);
        if (now >= deadline) return resolve(false);
        var t = setTimeout(function () { self.timers.delete(t); check(); }, step);
        self.timers.add(t);
      })();
    });
  };

  Observer.prototype.destroy = function () {
    this.destroyed = true;
    this.mo.disconnect();
    this.timers.forEach(function (t) { clearTimeout(t); });
    this.timers.clear();
    this.listeners = [];
  };

  J.Observer = Observer;
  J.observe = function (opts) { return new Observer(opts); };
  /** One-shot: wait for `quietMs` of DOM quiet (at most `timeoutMs`), then clean up. */
  J.waitForStable = function (quietMs, timeoutMs) {
    var o = new Observer({});
    return o.waitForStable(quietMs, timeoutMs).then(function (ok) { o.destroy(); return ok; });
  };
})();
