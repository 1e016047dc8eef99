/*
 * JobPilot DOM layer — templates.js
 *
 * Templates are never fields. Pages carry the prototypes their scripts clone: an
 * "Add another employer" row kept hidden for cloning, AngularJS `ng-repeat` blocks of a
 * page whose bindings never ran (`{{ question.text }}`, `section_{{section._id}}_question`),
 * Vue `v-for` blocks (Vue removes the directive from everything it renders, so one still in
 * the DOM was never rendered), and inputs whose names still hold a placeholder
 * (`education[__INDEX__][school]`, Django's `form-__prefix__-name`, Symfony's `__name__`).
 * Filling one types the applicant's data into nothing, or into a copy the server rejects.
 * `<template>` content is never walked (it is not part of the document).
 *
 * Three checks, all cheap: the walk skips a prototype's whole subtree, a name
 * check for single controls, and label text cleaned of unrendered bindings (util.cleanLabel).
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.templates) return;

  var PLACEHOLDER = /\{\{|\}\}|\$\{|<%|%>|__(?:index|name|prefix|i|id|n|num|key)__|\$index\b|\{\d+\}/i;
  var ROW_TOKEN = /^(?:(?:row|item|entry|field|line|repeat|repeater|clone|add|new|blank)[-_]?)?(?:template|tmpl|prototype|blueprint)(?:[-_]?(?:row|item|entry|field|line|form))?$|^empty[-_]?form$/i;
  var BINDING = /\{\{[^{}]{1,200}\}\}/;
  var SKIP_TEXT = { SCRIPT: 1, STYLE: 1, NOSCRIPT: 1, TEMPLATE: 1, TEXTAREA: 1 };

  /** A control whose name or id still holds a template placeholder. */
  function placeholderName(el) {
    var n = el.getAttribute("name");
    if (n && PLACEHOLDER.test(n)) return true;
    return !!el.id && PLACEHOLDER.test(el.id);
  }

  /** Does the document show an unrendered `{{ binding }}` as text (its app never ran)? */
  function showsBindings(doc) {
    if (!doc.body) return false;
    var w = doc.createTreeWalker(doc.body, 4 /* SHOW_TEXT */);
    var t;
    var n = 0;
    while ((t = w.nextNode()) && n++ < 200000) {
      var p = t.parentNode;
      if (p && SKIP_TEXT[p.nodeName]) continue;
      if (t.nodeValue.indexOf("{{") >= 0 && BINDING.test(t.nodeValue)) return true;
    }
    return false;
  }

  var ROW_HINT = /templ|tmpl|prototype|blueprint|empty.?form/i;

  function rowToken(el) {
    if (el.id && ROW_TOKEN.test(el.id)) return true;
    var cls = el.getAttribute("class");
    if (!cls || !ROW_HINT.test(cls)) return false;
    var toks = cls.split(/\s+/);
    for (var i = 0; i < toks.length; i++) if (toks[i] && ROW_TOKEN.test(toks[i])) return true;
    return false;
  }

  /**
   * Per-document state: whether the page shows unrendered bindings is computed once, the
   * first time a repeat directive is met.
   */
  function Scope(doc, checker) {
    this.doc = doc;
    this.checker = checker;
    this.bindings = null;
  }

  /** Is `el` the root of a prototype whose whole subtree is to be skipped? */
  Scope.prototype.isPrototype = function (el) {
    if (!el.attributes.length) return false;
    if (el.hasAttribute("v-for")) return true;
    if (el.hasAttribute("ng-repeat") || el.hasAttribute("data-ng-repeat") || el.hasAttribute("ng-repeat-start")) {
      if (this.bindings === null) this.bindings = showsBindings(this.doc);
      if (this.bindings) return true;
    }
    if ((el.hasAttribute("data-template") || el.hasAttribute("data-prototype") || rowToken(el)) &&
        !this.checker.rendered(el)) {
      return true;
    }
    return false;
  };

  /**
   * Move `walker` (standing on a prototype's root) past that root's subtree; returns the
   * next element in document order, or null at the end. Cheaper than a NodeFilter, which
   * costs a call from the browser into script for every element of the page.
   */
  function skipSubtree(walker) {
    var next = walker.nextSibling();
    while (!next) {
      if (!walker.parentNode()) return null;
      next = walker.nextSibling();
    }
    return next;
  }

  J.templates = {
    scope: function (doc, checker) { return new Scope(doc, checker); },
    placeholderName: placeholderName,
    skipSubtree: skipSubtree,
    showsBindings: showsBindings,
  };
})();
