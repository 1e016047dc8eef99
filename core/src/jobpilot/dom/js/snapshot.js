/*
 * JobPilot DOM layer — snapshot.js
 *
 * One pass over the page in document order — the top document, open shadow roots
 * (recursively) and same-origin iframes (frame paths "0", "0.1") — producing the JSON the
 * Python side validates as `FormSnapshot`. Cross-origin frames are listed but not entered:
 * the runner snapshots them itself. Walking once in order gives each field its section
 * (nearest preceding heading) for free and keeps the whole thing well under 100 ms for a
 * 100-field page. Nothing is written to the page: refs live in a WeakMap (util.js).
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.snapshotter) return;
  var U = J.util;
  var L = J.labels;

  var HEADING = { H1: 1, H2: 1, H3: 1, H4: 1 };
  var DROPZONE = /(^|[\s_-])(drop-?zone|drop_zone|file-?drop|dropzone)/i;
  var MAX_OPTIONS = 1000;
  var MAX_LINKS = 300;
  // Links that are not page actions: mail, phone, and in-page anchors ("#main"; a bare "#"
  // with a script behind it and a hash route "#/apply" are actions).
  var NOT_ACTION_HREF = /^\s*(mailto:|tel:|sms:|#[^/!]+$)/i;
  // Words of a button that opens a file chooser (normalised, lower case).
  var UPLOAD_WORDS = new RegExp(
    "\\b(upload|attach|browse|choose (a )?files?|select (a )?files?|add (a )?files?|hochladen|" +
      "anhängen|datei auswählen|télécharger|joindre|ajouter un fichier|parcourir|subir|adjuntar|" +
      "cargar archivo|caricare|allegare|uploaden|bijvoegen|carregar|anexar)\\b"
  );

  /** Options of an ARIA listbox the control owns, when they are in the DOM already. */
  function ariaOptions(el) {
    var ids = ((el.getAttribute("aria-controls") || "") + " " + (el.getAttribute("aria-owns") || ""))
      .split(/\s+/).filter(Boolean);
    var out = [];
    for (var i = 0; i < ids.length && !out.length; i++) {
      var lb = U.byId(el, ids[i]);
      if (!lb) continue;
      var opts = lb.querySelectorAll("[role=option]");
      if (!opts.length) opts = U.deepQueryAll(lb, "[role=option]"); // rows that are web components
      for (var k = 0; k < opts.length && k < MAX_OPTIONS; k++) {
        var o = opts[k];
        var text = U.textOf(o, null, 300);
        var sub = o.getAttribute("aria-haspopup");
        out.push({
          value: o.getAttribute("data-value") || o.getAttribute("value") || text,
          text: text,
          selected: o.getAttribute("aria-selected") === "true",
          ref: J.refs.refFor(o),
          // A category row of a hierarchical list: choosing it opens a sub-list.
          submenu: (!!sub && sub !== "false") || o.hasAttribute("aria-expanded"),
        });
      }
    }
    return out;
  }

  /** The committed value a custom combobox shows (react-select single/multi value). */
  function comboValue(el) {
    var ctl = el.closest(".select__control, [class*=select__control], [class*=-control]");
    if (ctl) {
      var vals = ctl.querySelectorAll(
        ".select__single-value, [class*=singleValue], [class*=single-value], " +
          ".select__multi-value__label, [class*=multiValue] [class*=label]"
      );
      if (vals.length) {
        return Array.prototype.map.call(vals, function (v) { return U.textOf(v, null, 300); }).join(", ");
      }
    }
    if (el.tagName === "INPUT" || el.tagName === "TEXTAREA") return el.value;
    return U.textOf(el, null, 300);
  }

  function fieldValue(el, type) {
    var tag = el.tagName;
    if (tag === "SELECT") {
      var sel = [];
      for (var i = 0; i < el.options.length; i++) if (el.options[i].selected) sel.push(el.options[i].value);
      return sel.join(", ");
    }
    if (type === "combobox") return comboValue(el);
    if (type === "listbox") return U.textOf(el, null, 300);
    if (type === "contenteditable") return U.collapse(el.innerText || el.textContent);
    if (type === "file" && tag === "INPUT") {
      return Array.prototype.map.call(el.files || [], function (f) { return f.name; }).join(", ");
    }
    if (tag === "INPUT" || tag === "TEXTAREA") return el.value;
    return null;
  }

  function fieldOptions(el, type) {
    var out = [];
    if (el.tagName === "SELECT") {
      for (var i = 0; i < el.options.length && i < MAX_OPTIONS; i++) {
        var o = el.options[i];
        out.push({ value: o.value, text: U.collapse(o.text), selected: o.selected });
      }
      return out;
    }
    if (type === "combobox" || type === "listbox") return ariaOptions(el);
    var list = el.getAttribute && el.getAttribute("list");
    if (list) {
      var dl = U.byId(el, list);
      if (dl) {
        var opts = dl.querySelectorAll("option");
        for (var k = 0; k < opts.length && k < MAX_OPTIONS; k++) {
          out.push({ value: opts[k].value, text: U.collapse(opts[k].label || opts[k].value), selected: false });
        }
      }
    }
    return out;
  }

  /**
   * The nearest preceding heading that is not a field's question: Breezy and others print
   * each question as an <h3> (or a legend), which names a field, not a section.
   */
  function pickSection(sec, questions) {
    if (!sec) return null;
    var arr = sec[0];
    for (var i = sec[1] - 1; i >= 0 && i >= sec[1] - 50; i--) {
      if (!questions.has(arr[i])) return arr[i];
    }
    return null;
  }

  function Walk(state) {
    this.s = state;
  }

  /** Build one field record for a single control. */
  Walk.prototype.field = function (el, type, ctx, section, order) {
    var s = this.s;
    var lab = L.forControl(el, s.checker);
    var proxies = el.labels ? Array.prototype.slice.call(el.labels) : [];
    if (type === "combobox") {
      var shell = el.closest(".select__control, [class*=select__control], [role=combobox]");
      if (shell && shell !== el) proxies.push(shell);
    }
    var isCheck = type === "checkbox" || type === "radio";
    var rec = {
      _order: order,
      ref: J.refs.refFor(el),
      frame: ctx.frame,
      tag: el.tagName.toLowerCase(),
      type: type,
      id: el.id || null,
      name: el.getAttribute("name") || null,
      label: lab.label,
      label_source: lab.label_source,
      labels: lab.labels,
      description: L.description(el),
      placeholder: el.getAttribute("placeholder"),
      aria_label: el.getAttribute("aria-label"),
      autocomplete: el.getAttribute("autocomplete"),
      title: el.getAttribute("title"),
      required: !!el.required || el.getAttribute("aria-required") === "true" || lab.required,
      visible: s.checker.fieldVisible(el, type, proxies),
      disabled: !!el.disabled || el.getAttribute("aria-disabled") === "true",
      readonly: !!el.readOnly || el.getAttribute("aria-readonly") === "true",
      multiple: !!el.multiple || el.getAttribute("aria-multiselectable") === "true",
      value: isCheck ? el.getAttribute("value") || "on" : fieldValue(el, type),
      checked: isCheck ? !!el.checked : null,
      options: fieldOptions(el, type),
      members: [],
      section: section,
      attrs: U.attrsOf(el),
      ancestors: U.ancestorsOf(el),
      in_shadow: ctx.inShadow,
    };
    if (rec.value != null) rec.value = U.truncate(rec.value, 5000);
    return rec;
  };

  Walk.prototype.add = function (el, type, ctx) {
    if (J.templates.placeholderName(el)) return; // a prototype's control (templates.js)
    this.s.fields.push(this.field(el, type, ctx, [ctx.d.sections, ctx.d.sections.length], this.s.order++));
  };

  /**
   * A button that opens a file chooser for an <input type=file> it creates only when
   * clicked: an upload button with no file input (or drop zone) around it. It becomes a
   * "file" field of its own; upload.js answers the input the click creates.
   */
  Walk.prototype.isPicker = function (el, ctx) {
    var type = el.tagName === "BUTTON" ? (el.getAttribute("type") || "submit").toLowerCase() : "button";
    if (type !== "button" || el.closest("label")) return false;
    var text = U.norm(U.textOf(el, null, 120) || el.getAttribute("aria-label") || el.getAttribute("title") || "");
    if (!text || text.length > 60 || !UPLOAD_WORDS.test(text)) return false;
    if (ctx.d.dropzone && ctx.d.dropzone.contains(el)) return false;
    var p = U.parentOf(el);
    for (var i = 0; p && i < 4; i++, p = U.parentOf(p)) {
      if (p.tagName === "FORM" || p.tagName === "BODY") {
        // The whole form holds the other fields' inputs: only its own direct ones count.
        if (p.querySelector(":scope > input[type=file]")) return false;
        break;
      }
      if (p.querySelector && p.querySelector("input[type=file]")) return false;
    }
    return true;
  };

  Walk.prototype.button = function (el, ctx) {
    var s = this.s;
    if (this.isPicker(el, ctx)) this.add(el, "file", ctx);
    if (s.buttons.length >= 500) return;
    var tag = el.tagName;
    var text = tag === "INPUT" ? el.value : U.textOf(el, null, 200);
    text = U.collapse(text || el.getAttribute("aria-label") || el.getAttribute("title") || "");
    s.buttons.push({
      ref: J.refs.refFor(el),
      frame: ctx.frame,
      tag: tag.toLowerCase(),
      type: tag === "INPUT" || tag === "BUTTON" ? el.type : el.getAttribute("role"),
      text: U.truncate(text, 200),
      id: el.id || null,
      name: el.getAttribute("name") || null,
      attrs: U.attrsOf(el),
      visible: s.checker.isShown(el),
      disabled: !!el.disabled || el.getAttribute("aria-disabled") === "true",
    });
  };

  /**
   * A link (<a href>): real sites start an application with one ("I'm interested", "Apply
   * for this job online") and continue steps with others. Kept apart from the buttons so
   * that no button rule (the submit button, "Next") ever picks a navigation link; flows
   * that look for an apply/continue action read `links` too. Mail, phone and in-page
   * anchors are left out; an href of `#` or `javascript:` stays (a script link is an action).
   */
  Walk.prototype.link = function (el, ctx) {
    var s = this.s;
    if (s.links.length >= MAX_LINKS) return;
    var raw = el.getAttribute("href");
    if (raw == null || NOT_ACTION_HREF.test(raw)) return;
    var text = U.collapse(U.textOf(el, null, 200) || el.getAttribute("aria-label") || el.getAttribute("title") || "");
    if (!text) {
      var img = el.querySelector("img[alt]");
      text = img ? U.collapse(img.getAttribute("alt")) : "";
    }
    s.links.push({
      ref: J.refs.refFor(el),
      frame: ctx.frame,
      text: U.truncate(text, 200),
      href: U.truncate(String(el.href || raw), 2000),
      target: el.getAttribute("target") || null,
      id: el.id || null,
      attrs: U.attrsOf(el),
      visible: s.checker.isShown(el),
    });
  };

  /** Walk one document (top or same-origin iframe) with its own frame path. */
  Walk.prototype.document = function (doc, frame, inShadow) {
    var s = this.s;
    var dctx = {
      frame: frame, inShadow: inShadow, doc: doc,
      d: { sections: [], frames: 0, dropzone: null, tpl: J.templates.scope(doc, s.checker) },
    };
    J.captcha.detect(doc, frame, s.checker).forEach(function (c) { s.captchas.push(c); });
    this.root(doc, dctx);
  };

  Walk.prototype.root = function (root, ctx) {
    var s = this.s;
    var doc = ctx.doc;
    var walker = doc.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
    var tpl = ctx.d.tpl;
    var el = walker.nextNode();
    for (; el; el = walker.nextNode()) {
      while (el && tpl.isPrototype(el)) el = J.templates.skipSubtree(walker); // templates.js
      if (!el) break;
      s.elements++;
      var tag = el.tagName;
      if (el.id && s.ids.length < 3000) s.ids.push(el.id);
      var role = el.getAttribute("role");
      if (HEADING[tag] || role === "heading") {
        var ht = U.cleanLabel(U.textOf(el, null, 300)).text;
        if (ht) {
          ctx.d.sections.push(U.truncate(ht, 200));
          if (s.headings.length < 100) s.headings.push(U.truncate(ht, 200));
        }
      } else if (tag === "LEGEND") {
        var fs = el.parentElement;
        if (fs && fs.tagName === "FIELDSET" && L.fieldCount(fs, 3) > 2) {
          var lt = U.cleanLabel(U.textOf(el, null, 300)).text;
          if (lt) ctx.d.sections.push(U.truncate(lt, 200));
        }
      } else if (tag === "INPUT") {
        this.input(el, ctx);
      } else if (tag === "FORM") {
        var secs = ctx.d.sections;
        s.regions.formRecord(el, ctx.frame, secs.length ? secs[secs.length - 1] : null);
      } else if (tag === "SELECT") {
        this.add(el, el.multiple ? "select-multiple" : "select-one", ctx);
      } else if (tag === "TEXTAREA") {
        this.add(el, "textarea", ctx);
      } else if (tag === "BUTTON") {
        if (el.getAttribute("aria-haspopup") === "listbox") this.add(el, "listbox", ctx);
        else { this.toggle(el, ctx); this.button(el, ctx); }
      } else if (tag === "IFRAME" || tag === "FRAME") {
        this.frame(el, ctx);
      } else if (tag === "SCRIPT") {
        var src = el.src;
        if (src && !s.scriptSeen[src]) { s.scriptSeen[src] = 1; s.scripts.push(src); }
      } else if (tag === "META") {
        var mk = el.getAttribute("name") || el.getAttribute("property");
        if (mk && el.hasAttribute("content") && !(mk in s.meta)) s.meta[mk] = U.truncate(el.getAttribute("content"), 500);
      } else if (role === "combobox") {
        if (!el.querySelector("input, textarea")) this.add(el, "combobox", ctx);
      } else if (el.getAttribute("aria-haspopup") === "listbox" && role !== "listbox") {
        this.add(el, "listbox", ctx);
      } else if (role === "button") {
        this.toggle(el, ctx);
        this.button(el, ctx);
      } else if (tag === "A" && (!role || role === "link")) {
        this.link(el, ctx);
      } else if (el.isContentEditable && el.hasAttribute("contenteditable")) {
        var p = el.parentElement;
        if (!p || !p.isContentEditable) this.add(el, "contenteditable", ctx);
      } else if (this.isDropzone(el, ctx)) {
        ctx.d.dropzone = el;
        this.add(el, "file", ctx);
      }
      if (el.shadowRoot) {
        this.root(el.shadowRoot, { frame: ctx.frame, inShadow: true, doc: doc, d: ctx.d });
      }
    }
  };

  /** A drop zone without a file input inside: the drop path of upload.js targets it. */
  Walk.prototype.isDropzone = function (el, ctx) {
    var hint = (el.getAttribute("class") || "") + " " + (el.id || "") + " " +
      (el.getAttribute("data-testid") || "") + (el.hasAttribute("data-dropzone") ? " dropzone" : "");
    if (!DROPZONE.test(hint)) return false;
    if (ctx.d.dropzone && ctx.d.dropzone.contains(el)) return false;
    if (el.querySelector("input[type=file]")) return false;
    return !el.closest("label");
  };

  Walk.prototype.input = function (el, ctx) {
    var s = this.s;
    var type = U.inputType(el);
    if (type === "submit" || type === "button") return this.button(el, ctx);
    if (J.templates.placeholderName(el)) return; // a prototype's control (templates.js)
    if ((U.CHECKABLE[type] || type === "hidden") && this.toggle(el, ctx)) return; // toggles.js
    if (U.SKIP_TYPES[type]) return;
    if (U.CHECKABLE[type]) {
      s.checkables.push({ el: el, ctx: ctx, order: s.order++, section: [ctx.d.sections, ctx.d.sections.length] });
      return;
    }
    if (L.isHelper(el)) return; // react-select "required" shadow input
    if (el.getAttribute("role") === "combobox" || (el.parentElement && el.parentElement.closest("[role=combobox]"))) {
      type = "combobox";
    }
    this.add(el, type, ctx);
  };

  /**
   * A toggle-button group (toggles.js) that `el` (a button or the hidden backing input) is
   * part of becomes one field, added once at its first element; true when `el` belongs to one.
   */
  Walk.prototype.toggle = function (el, ctx) {
    var s = this.s;
    var g = J.toggles.groupOf(el, s.checker, s.toggleCache);
    if (!g) return false;
    if (!s.toggleSeen.has(g.container)) {
      s.toggleSeen.add(g.container);
      s.fields.push(J.toggles.field(g, ctx, [ctx.d.sections, ctx.d.sections.length], s.order++, s.checker));
    }
    return true;
  };

  Walk.prototype.frame = function (el, ctx) {
    var s = this.s;
    var i = ctx.d.frames++;
    var path = ctx.frame ? ctx.frame + "." + i : String(i);
    var cdoc = null;
    try { cdoc = el.contentDocument; } catch (e) { cdoc = null; }
    var info = {
      path: path, url: "", name: el.getAttribute("name"), id: el.id || null, same_origin: !!cdoc, document_id: null,
    };
    s.frames.push(info);
    if (cdoc && cdoc.documentElement) {
      info.url = cdoc.location.href;
      var cj = cdoc.defaultView && cdoc.defaultView.__jobpilot;
      info.document_id = (cj && cj.documentId) || null;
      this.document(cdoc, path, false);
    } else {
      info.url = el.src || el.getAttribute("src") || "";
    }
  };

  /** Snapshot the page; the result validates as jobpilot.models.snapshot.FormSnapshot. */
  function snapshot(opts) {
    opts = opts || {};
    var t0 = performance.now();
    var checker = J.visibility.checker();
    var state = {
      checker: checker, regions: J.regions.tracker(checker), fields: [], buttons: [], links: [], checkables: [], captchas: [],
      frames: [], scripts: [], scriptSeen: {}, ids: [], meta: {}, headings: [], order: 0, elements: 0,
      toggleCache: new Map(), toggleSeen: new Set(),
    };
    var w = new Walk(state);
    w.document(document, "", false);
    var extra = J.groups.build(state.checkables, state.checker, function (it) {
      return w.field(it.el, U.inputType(it.el), it.ctx, it.section, it.order);
    });
    var fields = state.fields.concat(extra);
    fields.sort(function (a, b) { return a._order - b._order; });
    var questions = new Set();
    fields.forEach(function (f) { if (f.label) questions.add(f.label); });
    fields.forEach(function (f) {
      delete f._order;
      f.section = pickSection(f.section, questions);
      var el = J.refs.resolve(f.members.length ? f.members[0].ref : f.ref);
      if (el) state.regions.place(f, el, f.frame, true);
    });
    state.buttons.concat(state.links).forEach(function (b) {
      var el = J.refs.resolve(b.ref);
      if (el) state.regions.place(b, el, b.frame, false);
    });
    return {
      url: location.href,
      document_id: J.documentId,
      title: document.title || "",
      lang: document.documentElement.getAttribute("lang"),
      frames: state.frames,
      fields: fields,
      buttons: state.buttons,
      links: state.links,
      captchas: state.captchas,
      forms: state.regions.forms,
      regions: state.regions.regions,
      scripts: state.scripts,
      element_ids: state.ids,
      meta: state.meta,
      headings: state.headings,
      stats: { ms: Math.round((performance.now() - t0) * 10) / 10, elements: state.elements },
    };
  }

  J.snapshotter = { snapshot: snapshot, comboValue: comboValue, fieldValue: fieldValue };
})();
