/*
 * JobPilot DOM layer — visibility.js
 *
 * "Would a person see this control?" Honeypots and closed dialogs must come out invisible,
 * while native inputs that are only *visually* hidden behind a custom widget (opacity 0,
 * clipped 1px file inputs behind an "Attach" button, styled radios) count as visible when
 * the thing the person actually clicks is visible. One checker per snapshot caches results,
 * so ancestors are not re-measured for every field.
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.visibility) return;
  var U = J.util;

  var CHECK_OPTS = {
    checkOpacity: true, checkVisibilityCSS: true, opacityProperty: true, visibilityProperty: true,
  };
  var RENDER_OPTS = { checkVisibilityCSS: true, visibilityProperty: true };

  function Checker() {
    this.shown = new Map();
  }

  /** Rendered by CSS (not display:none / visibility:hidden / content-visibility), ignoring size. */
  Checker.prototype.rendered = function (el) {
    if (!el.isConnected) return false;
    if (el.checkVisibility) return el.checkVisibility(RENDER_OPTS);
    var cs = U.winOf(el).getComputedStyle(el);
    return cs.display !== "none" && cs.visibility !== "hidden" && !!el.getClientRects().length;
  };

  /** Truly visible: rendered, opaque, bigger than 1px and not pushed off the page. */
  Checker.prototype.isShown = function (el) {
    var c = this.shown.get(el);
    if (c !== undefined) return c;
    var v = this._compute(el);
    this.shown.set(el, v);
    return v;
  };

  Checker.prototype._compute = function (el) {
    if (!el.isConnected) return false;
    if (el.checkVisibility) {
      if (!el.checkVisibility(CHECK_OPTS)) return false;
    } else {
      var cs = U.winOf(el).getComputedStyle(el);
      if (cs.display === "none" || cs.visibility === "hidden" || cs.opacity === "0") return false;
    }
    var r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    var win = U.winOf(el);
    if (r.right + win.scrollX <= 0 || r.bottom + win.scrollY <= 0) return false;
    return true;
  };

  /**
   * Visibility of a field. `proxies` are elements the person interacts with instead of the
   * native control (its labels, the custom widget). Text inputs hidden by display:none are
   * hidden (collapsed sections); checkable/file inputs may be display:none behind a label.
   */
  Checker.prototype.fieldVisible = function (el, type, proxies) {
    if (this.isShown(el)) return true;
    if (type === "file" && el.tagName === "INPUT" && this.uploadable(el)) return true;
    var rendered = this.rendered(el);
    var tag = el.tagName;
    var swappable = type === "file" || type === "radio" || type === "checkbox";
    if (!rendered && !swappable) return false;
    // A hidden text box marked aria-hidden is a companion or a trap (Workable's address
    // companions, honeypots), not something a person fills.
    if (!swappable && el.closest("[aria-hidden=true]")) return false;
    var i;
    if (proxies) {
      for (i = 0; i < proxies.length; i++) {
        if (proxies[i] && proxies[i] !== el && this.isShown(proxies[i])) return true;
      }
    }
    if (tag === "INPUT" && (type === "file" || type === "combobox")) {
      // The visible "Attach"/"Select" button or widget shell sits next to the input (a file
      // input may wait in a closed "Select > File" menu: its opener is what a person sees).
      var p = U.parentOf(el);
      for (i = 0; p && i < 3; i++, p = U.parentOf(p)) {
        if (p.tagName === "FORM" || p.tagName === "BODY") break;
        if (!this.isShown(p)) continue;
        var clickable = p.querySelector(
          "button, [role=button], label, a, .select__control, [class*=upload i], [class*=drop i]"
        );
        if (clickable && this.isShown(clickable)) return true;
      }
    }
    return false;
  };

  /**
   * A native file input is almost never shown as itself: sites hide it (display:none,
   * zero size, opacity 0, clipped) behind a styled "Upload" button, a link elsewhere in
   * the section that calls its click(), or a drop zone. What a person can reach is decided
   * by its surroundings: the input counts as there (uploadable) when it is enabled and its
   * parent is rendered, i.e. it is not inside a collapsed section, a hidden step or tab, or
   * a `visibility: hidden` block (or, below, when a shown button sits next to it).
   */
  Checker.prototype.uploadable = function (el) {
    if (el.disabled) return false;
    var p = U.parentOf(el);
    return !!p && this.rendered(p);
  };

  J.visibility = {
    Checker: Checker,
    checker: function () { return new Checker(); },
  };
})();
