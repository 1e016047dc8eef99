/*
 * JobPilot DOM layer — util.js
 *
 * The namespace (globalThis.__jobpilot), element refs, text helpers and small DOM helpers
 * every other file uses. Plain browser script: no modules, no Node APIs, so the same file
 * runs as an extension content script and through Playwright's add_init_script/evaluate.
 * Load order: util, events, visibility, labels, groups, toggles, captcha, templates, regions,
 * snapshot, combobox, upload, inject, observe, index.
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.util) return; // double-injection guard

  // Input types that are never fields (hidden carries no question; the rest are buttons).
  var SKIP_TYPES = { hidden: 1, submit: 1, button: 1, image: 1, reset: 1 };
  var CHECKABLE = { radio: 1, checkbox: 1 };

  // Elements whose text never belongs to a label.
  var TEXT_SKIP = {
    SCRIPT: 1, STYLE: 1, NOSCRIPT: 1, TEMPLATE: 1, SELECT: 1, OPTION: 1, TEXTAREA: 1,
    INPUT: 1, SVG: 1, svg: 1, IFRAME: 1, OBJECT: 1, CANVAS: 1, DATALIST: 1,
  };
  // Inline tags: no word break at their boundaries ("First Name<span>*</span>").
  var INLINE = {
    A: 1, ABBR: 1, B: 1, BDI: 1, BDO: 1, CITE: 1, CODE: 1, EM: 1, I: 1, KBD: 1, MARK: 1,
    Q: 1, S: 1, SMALL: 1, SPAN: 1, STRONG: 1, SUB: 1, SUP: 1, U: 1, VAR: 1, FONT: 1,
    LABEL: 1, TIME: 1, DATA: 1,
  };

  /** Collapse every run of whitespace (incl. nbsp and zero-width) to one space. */
  function collapse(s) {
    return String(s == null ? "" : s).replace(/[\s\u00a0\u200b\u200c\u200d\ufeff]+/g, " ").trim();
  }

  /** Case- and space-insensitive form used for every exact match (never fuzzy). */
  function norm(s) {
    return collapse(s).toLowerCase();
  }

  function truncate(s, n) {
    s = String(s);
    return s.length > n ? s.slice(0, n) : s;
  }

  // Required markers as ATS pages print them; removed from label text, remembered as "required".
  var MARKER_TAIL = [
    /\s*[*✱＊]+$/,
    /\s*\((?:required|obligatoire|pflichtfeld|obligatorio|obrigatório|obbligatorio|verplicht|wymagane)\)$/i,
    /\s+Required$/,
    /^Required$/,
  ];
  var MARKER_HEAD = /^[*✱＊]+\s*/;

  /**
   * Clean raw label text: collapse whitespace, strip required markers and trailing colons.
   * Returns {text, required} so the marker still counts as evidence of "required".
   */
  // Unrendered template bindings ("{{ question.text }}"): what a page shows before its
  // script runs, never the question (templates.js). An untranslated i18n key
  // ("%HEADER_EXPERIENCE_SUMMARY%") is kept: its words still say what is asked.
  var UNRENDERED = /\{\{[^{}]{0,200}\}\}/g;

  function cleanLabel(raw) {
    var t = collapse(String(raw == null ? "" : raw).replace(UNRENDERED, " "));
    var required = false;
    var changed = true;
    while (changed && t) {
      changed = false;
      var before = t;
      t = t.replace(/\s*[:：]+$/, "");
      for (var i = 0; i < MARKER_TAIL.length; i++) {
        var next = t.replace(MARKER_TAIL[i], "");
        if (next !== t) { t = next; required = true; }
      }
      var head = t.replace(MARKER_HEAD, "");
      if (head !== t) { t = head; required = true; }
      t = t.trim();
      changed = t !== before;
    }
    return { text: t, required: required };
  }

  var HIDDEN_CLASS = /(^|\s)(ng-hide|hidden|d-none|is-hidden|hide)(\s|$)/;

  /**
   * Hidden by its own markup (Angular's ng-hide, utility classes, inline display:none) —
   * e.g. Breezy's "*" marker on questions that are *not* required. Cheap: no layout.
   */
  function hiddenByMarkup(n) {
    var cls = n.getAttribute("class");
    if (cls && HIDDEN_CLASS.test(cls)) return true;
    var st = n.getAttribute("style");
    return !!st && /display\s*:\s*none/i.test(st);
  }

  /**
   * The children a person sees rendered under `n` (the flat tree): an element with an open
   * shadow root shows its shadow tree (its own children only where a <slot> places them), a
   * <slot> shows the nodes assigned to it (else its fallback content). Web components
   * (SmartRecruiters' spl-*) put a checkbox's label text or a button's caption in the page
   * and the element that shows it in their shadow tree.
   */
  function renderedChildren(n) {
    if (n.nodeType === 1) {
      if (n.shadowRoot) return n.shadowRoot.childNodes;
      if (n.tagName === "SLOT" && n.assignedNodes) {
        var assigned = n.assignedNodes({ flatten: true });
        if (assigned.length) return assigned;
      }
    }
    return n.childNodes;
  }

  /**
   * Text content of a node as a person reads it: skips scripts, styles, nested controls and
   * [hidden] parts, separates block elements with spaces, stops after `max` characters, and
   * reads web components as rendered (renderedChildren).
   * `exclude` is an element whose subtree is left out (the control inside a wrapping label).
   */
  function textOf(node, exclude, max) {
    max = max || 1000;
    var parts = [];
    var len = 0;
    function rec(n) {
      if (len > max) return;
      if (n.nodeType === 3) {
        parts.push(n.nodeValue);
        len += n.nodeValue.length;
        return;
      }
      if (n.nodeType !== 1 && n.nodeType !== 11) return;
      if (n === exclude) return;
      if (n.nodeType === 1) {
        if (TEXT_SKIP[n.tagName]) return;
        if (n.hasAttribute("hidden") || hiddenByMarkup(n)) return;
      }
      var block = n.nodeType === 1 && !INLINE[n.tagName];
      if (block) parts.push(" ");
      var kids = renderedChildren(n);
      for (var i = 0; i < kids.length; i++) rec(kids[i]);
      if (block) parts.push(" ");
    }
    rec(node);
    return collapse(parts.join(""));
  }

  /**
   * Elements matching `selector` in `root`'s flat tree: its light descendants, the shadow
   * trees of open shadow hosts and the nodes slotted into them (an option list whose rows
   * are web components, each row in its own shadow root). Document order, no duplicates.
   */
  function deepQueryAll(root, selector) {
    var out = [];
    var seen = new Set();
    function rec(n) {
      var kids = renderedChildren(n);
      for (var i = 0; i < kids.length; i++) {
        var c = kids[i];
        if (c.nodeType !== 1 || seen.has(c)) continue;
        seen.add(c);
        if (c.matches(selector)) out.push(c);
        rec(c);
      }
    }
    rec(root);
    return out;
  }

  /**
   * getElementById within the element's own tree (document or shadow root), then in each
   * tree around it: a web component's control may name (aria-controls) a list its
   * enclosing component renders, across the shadow boundary between them.
   */
  function byId(ctxEl, id) {
    if (!id) return null;
    var root = ctxEl.getRootNode ? ctxEl.getRootNode() : ctxEl.ownerDocument;
    while (root) {
      var found = root.getElementById ? root.getElementById(id) : null;
      if (found) return found;
      root = root.host && root.host.getRootNode ? root.host.getRootNode() : null;
    }
    return ctxEl.ownerDocument ? ctxEl.ownerDocument.getElementById(id) : null;
  }

  function cssEscape(s) {
    return globalThis.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/["\\\]]/g, "\\$&");
  }

  /** Parent element, crossing an open shadow root boundary to its host. */
  function parentOf(el) {
    if (el.parentElement) return el.parentElement;
    var root = el.parentNode;
    return root && root.nodeType === 11 && root.host ? root.host : null;
  }

  /** The window an element lives in (differs from globalThis inside same-origin iframes). */
  function winOf(el) {
    return (el.ownerDocument && el.ownerDocument.defaultView) || globalThis;
  }

  function isTag(el, tag) {
    return !!el && el.nodeType === 1 && el.tagName === tag;
  }

  /** A text-like, fillable input/textarea (by tag name: instanceof fails across frames). */
  function inputType(el) {
    return String(el.getAttribute("type") || "text").toLowerCase();
  }

  function sleep(ms) {
    if (!ms) return yieldTask();
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  /**
   * Let the page run one task, then go on: what `setTimeout(0)` is for, without its clamp.
   * A chain of zero timeouts (one per action of a batch) is clamped to 4 ms each after five
   * levels, which alone was a third of a 30-field fill; a message on a channel is a task of
   * its own, runs after the page's already queued tasks (React's scheduler uses the same),
   * and is not clamped.
   */
  function yieldTask() {
    return new Promise(function (resolve) {
      if (typeof MessageChannel !== "function") return setTimeout(resolve, 0);
      var ch = new MessageChannel();
      ch.port1.onmessage = function () { ch.port1.close(); resolve(); };
      ch.port2.postMessage(0);
    });
  }

  /** Poll `fn` until it returns a truthy value or `timeoutMs` passes; resolves that value. */
  function poll(fn, timeoutMs, intervalMs) {
    var deadline = Date.now() + (timeoutMs || 3000);
    intervalMs = intervalMs || 50;
    return new Promise(function (resolve) {
      (function tick() {
        var v;
        try { v = fn(); } catch (e) { v = null; }
        if (v) return resolve(v);
        if (Date.now() >= deadline) return resolve(null);
        setTimeout(tick, intervalMs);
      })();
    });
  }

  var ATTR_KEEP = [
    "role", "aria-label", "aria-haspopup", "aria-expanded", "aria-controls", "aria-owns", "aria-autocomplete",
    "inputmode", "pattern", "maxlength", "minlength", "accept", "min", "max", "step", "lang",
    "dir", "for", "href", "target",
  ];

  /** Selected attributes adapters read: data-*, role, class (200 chars), aria-*, limits. */
  function attrsOf(el) {
    var out = {};
    var attrs = el.attributes;
    for (var i = 0; i < attrs.length; i++) {
      var a = attrs[i];
      if (a.name.lastIndexOf("data-", 0) === 0) out[a.name] = truncate(a.value, 200);
    }
    for (var k = 0; k < ATTR_KEEP.length; k++) {
      var v = el.getAttribute(ATTR_KEEP[k]);
      if (v != null) out[ATTR_KEEP[k]] = truncate(v, 200);
    }
    var cls = el.getAttribute("class");
    if (cls) out["class"] = truncate(collapse(cls), 200);
    return out;
  }

  /** Up to five nearest ancestors carrying an id, a class or data-* (wrapper conventions). */
  function ancestorsOf(el) {
    var out = [];
    for (var p = parentOf(el); p && out.length < 5; p = parentOf(p)) {
      if (p.tagName === "BODY" || p.tagName === "HTML") break;
      var d = null;
      var attrs = p.attributes;
      for (var i = 0; i < attrs.length; i++) {
        var a = attrs[i];
        if (a.name === "id" || a.name === "class" || a.name.lastIndexOf("data-", 0) === 0) {
          if (!a.value && a.name !== "id") continue;
          d = d || { tag: p.tagName.toLowerCase() };
          d[a.name] = truncate(a.name === "class" ? collapse(a.value) : a.value, 200);
        }
      }
      if (d) out.push(d);
    }
    return out;
  }

  // --- refs: stable handles for the life of the page, no attributes written to the DOM ---

  var HAS_WEAKREF = typeof WeakRef === "function";
  var refByEl = new WeakMap();
  var elByRef = new Map();
  var groupByRef = new Map();
  var groupScopes = new WeakMap();
  var counter = { e: 0, g: 0 };

  /** The ref of an element, created on first sight and kept while the element lives. */
  function refFor(el) {
    var r = refByEl.get(el);
    if (!r) {
      r = "e" + ++counter.e;
      refByEl.set(el, r);
      elByRef.set(r, HAS_WEAKREF ? new WeakRef(el) : el);
    }
    return r;
  }

  /**
   * The ref of a logical group (radios sharing a name, a checkbox set) keyed by its scope
   * element and a key, so a re-snapshot finds the same group under the same ref.
   */
  function groupRefFor(scope, key, desc) {
    var m = groupScopes.get(scope);
    if (!m) { m = new Map(); groupScopes.set(scope, m); }
    var r = m.get(key);
    if (!r) {
      r = "g" + ++counter.g;
      m.set(key, r);
    }
    desc.ref = r;
    groupByRef.set(r, desc);
    return r;
  }

  /** Element for a ref, or null when unknown or garbage-collected. */
  function resolve(ref) {
    var v = elByRef.get(ref);
    if (!v) return null;
    var el = HAS_WEAKREF && v instanceof WeakRef ? v.deref() : v;
    return el || null;
  }

  function resolveGroup(ref) {
    return groupByRef.get(ref) || null;
  }

  function peekRef(el) {
    return refByEl.get(el) || null;
  }

  /**
   * Identity of this document: a new one on every page load (each document runs the DOM
   * layer afresh), the same for the document's whole life. A flow that clicked can tell
   * "the page answered with a new document" from "this is still the page I clicked on".
   */
  J.documentId = Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);

  J.util = {
    SKIP_TYPES: SKIP_TYPES,
    CHECKABLE: CHECKABLE,
    collapse: collapse,
    norm: norm,
    truncate: truncate,
    cleanLabel: cleanLabel,
    textOf: textOf,
    renderedChildren: renderedChildren,
    deepQueryAll: deepQueryAll,
    byId: byId,
    cssEscape: cssEscape,
    parentOf: parentOf,
    winOf: winOf,
    isTag: isTag,
    inputType: inputType,
    sleep: sleep,
    poll: poll,
    attrsOf: attrsOf,
    ancestorsOf: ancestorsOf,
    hiddenByMarkup: hiddenByMarkup,
  };
  J.refs = {
    refFor: refFor,
    groupRefFor: groupRefFor,
    resolve: resolve,
    resolveGroup: resolveGroup,
    peek: peekRef,
  };
})();
