/*
 * JobPilot DOM layer — regions.js
 *
 * Where on the page a control sits: which <form> it belongs to and which page region
 * (landmark) holds it. A careers page carries more than the application: a site search in
 * the header, a sign-in box, a job-alert or newsletter sign-up in the footer, a cookie
 * banner, a store locator, a talent-community dialog. Their controls look like the
 * application's ("E-mail", "Location") and must be left alone; what tells them apart is
 * where they are. These are facts, not judgements: the form's id, action, submit button
 * and heading, the region's role and name. Mappers decide what they mean.
 *
 * Regions are ARIA landmarks (implicit or explicit): banner (a page-level <header>),
 * navigation, main, complementary (<aside>), contentinfo (a page-level <footer>), search,
 * dialog/alertdialog (also <dialog> and aria-modal), and region/form landmarks that are
 * named. Each is recorded once per snapshot with a ref; fields and buttons name the
 * nearest one. Lookups walk up the tree once per element and are cached, so a page of a
 * thousand controls costs one pass over their ancestors.
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.regions) return;
  var U = J.util;

  var TAG_ROLE = {
    HEADER: "banner", NAV: "navigation", FOOTER: "contentinfo", ASIDE: "complementary",
    MAIN: "main", DIALOG: "dialog", SEARCH: "search",
  };
  var ROLES = {
    banner: 1, navigation: 1, contentinfo: 1, complementary: 1, main: 1, dialog: 1,
    alertdialog: 1, search: 1, region: 1, form: 1,
  };
  var HEADING_SEL = "h1, h2, h3, h4, h5, h6, [role=heading]";
  var TITLE_SEL = HEADING_SEL + ", input:not([type=hidden]), select, textarea, button";
  var SUBMIT_TYPES = { submit: 1, image: 1 };

  /** The accessible name an element gives itself (aria-label / aria-labelledby). */
  function ownName(el) {
    var l = el.getAttribute("aria-label");
    if (l && U.collapse(l)) return U.truncate(U.collapse(l), 200);
    var by = el.getAttribute("aria-labelledby");
    if (by) {
      var t = by.split(/\s+/).map(function (id) {
        var n = U.byId(el, id);
        return n ? U.textOf(n, null, 200) : "";
      }).join(" ");
      t = U.collapse(t);
      if (t) return U.truncate(t, 200);
    }
    return null;
  }

  /** The landmark role of an element, or null when it is none. */
  function roleOf(el) {
    var r = el.getAttribute("role");
    if (r) {
      r = r.split(/\s+/)[0].toLowerCase();
      if (!ROLES[r]) return null;
      if ((r === "region" || r === "form") && !ownName(el)) return null;
      return r;
    }
    if (el.getAttribute("aria-modal") === "true") return "dialog";
    var t = TAG_ROLE[el.tagName];
    if (!t) return el.tagName === "SECTION" && ownName(el) ? "region" : null;
    if (el.tagName === "HEADER" || el.tagName === "FOOTER") {
      // Only page-level headers and footers are landmarks (HTML-AAM).
      var p = el.parentElement;
      if (p && p.closest("article, aside, main, nav, section")) return null;
    }
    return t;
  }

  /**
   * The title of `el`: its first heading, when that heading comes before its first control
   * (a heading further down names a part of it, "Education", not the whole); null if none.
   */
  function headingIn(el) {
    var h = el.querySelector(TITLE_SEL);
    if (!h || !h.matches(HEADING_SEL)) return null;
    var t = U.cleanLabel(U.textOf(h, null, 200)).text;
    return t ? U.truncate(t, 200) : null;
  }

  function Tracker(checker) {
    this.checker = checker;
    this.regionCache = new Map(); // element -> region record or null
    this.formCache = new Map(); // form element -> form record
    this.regions = [];
    this.forms = [];
  }

  /** The region record of the nearest landmark holding `el` (crossing shadow roots), or null. */
  Tracker.prototype.regionOf = function (el, frame) {
    var chain = [];
    var found = null;
    for (var p = U.parentOf(el); p; p = U.parentOf(p)) {
      if (this.regionCache.has(p)) { found = this.regionCache.get(p); break; }
      chain.push(p);
      var role = roleOf(p);
      if (role) {
        found = this.record(p, role, frame, chain.length);
        break;
      }
      if (p.tagName === "BODY") break;
    }
    // Every element passed on the way shares the answer (the landmark itself maps to its
    // own record's parent only when asked about its own position, see record()).
    for (var i = 0; i < chain.length; i++) {
      if (!this.regionCache.has(chain[i])) this.regionCache.set(chain[i], found);
    }
    return found;
  };

  Tracker.prototype.record = function (el, role, frame) {
    var rec = {
      ref: J.refs.refFor(el),
      frame: frame,
      role: role,
      tag: el.tagName.toLowerCase(),
      id: el.id || null,
      label: ownName(el),
      heading: headingIn(el),
      attrs: U.attrsOf(el),
      visible: this.checker.isShown(el),
      region: null,
    };
    // The landmark's own enclosing landmark (a search inside the banner).
    this.regionCache.set(el, rec);
    var parent = null;
    for (var p = U.parentOf(el); p; p = U.parentOf(p)) {
      var r = roleOf(p);
      if (r) { parent = this.regionCache.get(p) || this.record(p, r, frame); break; }
      if (p.tagName === "BODY") break;
    }
    rec.region = parent ? parent.ref : null;
    this.regions.push(rec);
    return rec;
  };

  /** The <form> a control belongs to (its form owner, or the nearest form around it). */
  function formElementOf(el) {
    var f = null;
    try { f = el.form || null; } catch (e) { f = null; }
    if (f && f.tagName === "FORM") return f;
    var c = el.closest ? el.closest("form") : null;
    return c || null;
  }

  /** The first submit button of a form (its own elements, `form=` owners included). */
  function submitOf(form) {
    var els = form.elements || [];
    for (var i = 0; i < els.length; i++) {
      var e = els[i];
      if (e.tagName === "BUTTON" && (e.getAttribute("type") || "submit").toLowerCase() === "submit") return e;
      if (e.tagName === "INPUT" && SUBMIT_TYPES[U.inputType(e)]) return e;
    }
    return null;
  }

  function buttonText(b) {
    var t = b.tagName === "INPUT" ? b.value || b.getAttribute("alt") : U.textOf(b, null, 200);
    t = U.collapse(t || b.getAttribute("aria-label") || b.getAttribute("title") || "");
    return t ? U.truncate(t, 200) : null;
  }

  /**
   * The record of the form `el` belongs to, created on first sight; null outside any form.
   * `section` is the heading above the control (a form's title often sits just before it).
   */
  Tracker.prototype.formOf = function (el, frame) {
    var form = formElementOf(el);
    return form ? this.formRecord(form, frame, null) : null;
  };

  /**
   * The record of a <form>, created on first sight. The walk meets each form in document
   * order and passes the heading above it (a sign-in box's "Sign in" often sits just
   * before its form); a form first met through a control's `form=` owner has none.
   */
  Tracker.prototype.formRecord = function (form, frame, section) {
    var rec = this.formCache.get(form);
    if (rec) return rec;
    var submit = submitOf(form);
    var region = this.regionOf(form, frame);
    rec = {
      ref: J.refs.refFor(form),
      frame: frame,
      id: form.id || null,
      name: form.getAttribute("name"),
      action: form.getAttribute("action"),
      method: (form.getAttribute("method") || "get").toLowerCase(),
      label: ownName(form),
      heading: headingIn(form) || section || null,
      attrs: U.attrsOf(form),
      submit_ref: submit ? J.refs.refFor(submit) : null,
      submit_text: submit ? buttonText(submit) : null,
      region: region ? region.ref : null,
      visible: this.checker.isShown(form) || this.checker.rendered(form),
      fields: 0,
      password: !!form.querySelector("input[type=password]"),
      search: form.getAttribute("role") === "search" || !!form.querySelector("input[type=search]"),
    };
    this.formCache.set(form, rec);
    this.forms.push(rec);
    return rec;
  };

  /** Stamp `form` and `region` refs on a field (counted on its form) or button record. */
  Tracker.prototype.place = function (rec, el, frame, isField) {
    var f = this.formOf(el, frame);
    var r = this.regionOf(el, frame);
    rec.form = f ? f.ref : null;
    rec.region = r ? r.ref : null;
    if (f && isField) f.fields++;
  };

  J.regions = {
    tracker: function (checker) { return new Tracker(checker); },
    roleOf: roleOf,
  };
})();
