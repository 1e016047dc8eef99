/*
 * JobPilot DOM layer — labels.js
 *
 * The question text of a control. ATS pages label their controls in many ways: <label for>,
 * aria-labelledby, aria-label, a wrapping <label>, a fieldset <legend> or labelled
 * role=group, table rows, definition lists, and — very often (Breezy, Workable, Ashby,
 * Lever) — a sibling <div>/<p>/<h3> before the control that is no <label> at all. Every
 * source found is returned (mappers weigh them); `label` is the best one by priority:
 *
 *   single control: for > aria-labelledby > wrap > aria-label > legend > table > dl >
 *                   preceding > placeholder > title
 *   group:          legend > aria-labelledby > aria-label > for > table > dl > preceding > title
 *
 * A label that is only an action word ("Attach", "Upload", "Enter manually") is demoted
 * below the question text (Greenhouse hides <label for=resume>Attach</label> next to the
 * real "Resume/CV" group label). `legend` also covers an enclosing role=group/radiogroup
 * named by aria-labelledby/aria-label, when that group holds only this field.
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.labels) return;
  var U = J.util;

  var SINGLE_ORDER = [
    "for", "aria-labelledby", "wrap", "aria-label", "legend", "table", "dl", "preceding",
    "placeholder", "title",
  ];
  var GROUP_ORDER = [
    "legend", "aria-labelledby", "aria-label", "for", "table", "dl", "preceding", "title",
  ];
  var GENERIC = new RegExp(
    "^(attach|upload|browse|choose( a)? files?|select( a)? files?|add( a)? files?|" +
      "drop files?( here)?|enter manually|upload( a)? files?|attach( a)? files?|" +
      "click to upload|ajouter un fichier|parcourir|datei (auswählen|hochladen)|durchsuchen|" +
      "seleccionar archivo|subir archivo)$",
    "i"
  );
  var CONTROL_SEL =
    "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=image])" +
    ":not([type=reset]), select, textarea";
  var LABELISH_TAG = { LABEL: 1, LEGEND: 1, H1: 1, H2: 1, H3: 1, H4: 1, H5: 1, H6: 1, DT: 1, TH: 1, STRONG: 1, B: 1 };
  var LABELISH_CLASS = /label|question|title|heading|prompt|caption/i;
  var DESCISH_CLASS = /desc|hint|help|note|error|instruction|subtitle|body|detail/i;
  var REQUIRED_CLASS = /(^|[\s_-])required([\s_-]|$)/i;

  function requiredClass(el) {
    if (!el || el.nodeType !== 1) return false;
    if (REQUIRED_CLASS.test(el.getAttribute("class") || "")) return true;
    var marks = el.querySelectorAll(".required, [class*=_required], abbr[title=required i]");
    for (var i = 0; i < marks.length; i++) if (!U.hiddenByMarkup(marks[i])) return true;
    return false;
  }

  /** Elements referenced by an id-list attribute (aria-labelledby, aria-describedby). */
  function idRefs(el, attr) {
    var v = el.getAttribute(attr);
    if (!v) return [];
    var out = [];
    v.split(/\s+/).forEach(function (id) {
      var t = U.byId(el, id);
      if (t && t !== el) out.push(t);
    });
    return out;
  }

  function idRefsText(el, attr) {
    return U.collapse(
      idRefs(el, attr)
        .map(function (t) { return U.textOf(t, null, 800); })
        .join(" ")
    );
  }

  function isControl(n) {
    return n.nodeType === 1 && n.matches(CONTROL_SEL);
  }

  /** A control of another field (not `own`) in or at `n` means: stop, that is another field. */
  function hasForeign(n, isOwn) {
    if (n.nodeType !== 1) return false;
    if (isControl(n) && !isOwn(n)) return true;
    if (!n.firstElementChild) return false;
    var list = n.querySelectorAll(CONTROL_SEL);
    for (var i = 0; i < list.length; i++) if (!isOwn(list[i])) return true;
    return false;
  }

  /** 2: a heading/label element, 1: a wrapper whose class says label/question, 0: text. */
  function labelScore(n) {
    if (n.nodeType !== 1) return 0;
    if (LABELISH_TAG[n.tagName] || n.getAttribute("role") === "heading") return 2;
    var first = n.firstElementChild;
    if (first && first === n.lastElementChild && LABELISH_TAG[first.tagName] === 1) return 2;
    var cls = (n.getAttribute("class") || "") + " " + (n.id || "");
    if (LABELISH_CLASS.test(cls) && !DESCISH_CLASS.test(cls)) return 1;
    return 0;
  }

  /**
   * Nearest preceding text block within the field's wrapper: scan previous siblings, then
   * climb while the parent holds no other field's control. Among the nearest three text
   * blocks a heading/<label> beats a class-named label, which beats a plain paragraph (the
   * question usually sits above its description), ties going to the nearest.
   */
  function precedingText(start, isOwn, checker) {
    var cur = start;
    for (var level = 0; cur && level < 7; level++) {
      var first = null;
      var found = 0;
      var seen = 0;
      for (var s = cur.previousSibling; s && seen < 6; s = s.previousSibling) {
        var t = "";
        var node = s;
        if (s.nodeType === 3) {
          t = U.collapse(s.nodeValue);
        } else if (s.nodeType === 1) {
          var tag = s.tagName;
          if (tag === "SCRIPT" || tag === "STYLE" || tag === "BR" || tag === "HR" || tag === "TEMPLATE") continue;
          if (hasForeign(s, isOwn)) return first;
          seen++;
          if (checker && !checker.rendered(s)) continue;
          if (tag === "BUTTON" || s.getAttribute("role") === "button") continue;
          t = U.textOf(s, null, 800);
        } else {
          continue;
        }
        if (!t) continue;
        var c = { text: t, node: node, score: labelScore(node) };
        if (c.score === 2) return c;
        if (!first || c.score > first.score) first = c;
        if (++found >= 3) break;
      }
      if (first) return first;
      var p = cur.parentElement;
      if (!p || p.tagName === "FORM" || p.tagName === "BODY" || p.tagName === "HTML") return null;
      if (hasForeign(p, isOwn)) return null;
      cur = p;
    }
    return null;
  }

  function tableText(el) {
    var cell = el.closest("td, th");
    if (!cell) return null;
    for (var c = cell.previousElementSibling; c; c = c.previousElementSibling) {
      if (c.querySelector(CONTROL_SEL)) return null;
      var t = U.textOf(c, null, 500);
      if (t) return { text: t, node: c };
    }
    return null;
  }

  function dlText(el) {
    var dd = el.closest("dd");
    if (!dd) return null;
    for (var c = dd.previousElementSibling; c; c = c.previousElementSibling) {
      if (c.tagName === "DT") return { text: U.textOf(c, null, 500), node: c };
      if (c.tagName === "DD" && c.querySelector(CONTROL_SEL)) return null;
    }
    return null;
  }

  /** Count the distinct fields inside a container: radios sharing a name count once. */
  function fieldCount(container, limit) {
    var list = container.querySelectorAll(CONTROL_SEL);
    var names = {};
    var n = 0;
    for (var i = 0; i < list.length && n <= limit; i++) {
      var c = list[i];
      if (c.getAttribute("aria-hidden") === "true" && c.getAttribute("tabindex") === "-1") continue;
      var t = U.inputType(c);
      if (c.tagName === "INPUT" && (t === "radio" || t === "checkbox") && c.name) {
        if (names[c.name]) continue;
        names[c.name] = 1;
      }
      n++;
    }
    return n;
  }

  /** The text naming a fieldset or a role=group/radiogroup container. */
  function containerLabel(c) {
    if (c.tagName === "FIELDSET") {
      for (var k = c.firstElementChild; k; k = k.nextElementSibling) {
        if (k.tagName === "LEGEND") return { text: U.textOf(k, null, 800), node: k };
      }
    }
    if (c.hasAttribute("aria-labelledby")) {
      var refs = idRefs(c, "aria-labelledby");
      if (refs.length) return { text: idRefsText(c, "aria-labelledby"), node: refs[0] };
    }
    if (c.getAttribute("aria-label")) return { text: c.getAttribute("aria-label"), node: null };
    return null;
  }

  function Collector() {
    this.labels = {};
    this.raw = {};
    this.required = false;
    this.nodes = [];
  }
  Collector.prototype.add = function (source, raw, node) {
    if (raw == null) return;
    var c = U.cleanLabel(raw);
    if (c.required) this.required = true;
    if (node && node.nodeType === 1 && requiredClass(node)) this.required = true;
    if (node && node.nodeType === 1) this.nodes.push(node);
    if (!c.text || source in this.labels) return;
    this.labels[source] = U.truncate(c.text, 500);
  };
  Collector.prototype.best = function (order) {
    var i;
    var s;
    for (i = 0; i < order.length; i++) {
      s = order[i];
      if (this.labels[s] && !GENERIC.test(this.labels[s])) return s;
    }
    for (i = 0; i < order.length; i++) {
      s = order[i];
      if (this.labels[s]) return s;
    }
    return null;
  };
  Collector.prototype.result = function (order) {
    var src = this.best(order);
    return {
      labels: this.labels,
      label: src ? this.labels[src] : null,
      label_source: src,
      required: this.required,
      nodes: this.nodes,
    };
  };

  /** Labels of one control (input, select, textarea, combobox, listbox button, editable). */
  function forControl(el, checker) {
    var L = new Collector();
    var id = el.id;
    var wrap = el.closest("label");
    var forLabels = [];
    var all = el.labels ? Array.prototype.slice.call(el.labels) : [];
    if (!all.length && id) {
      var root = el.getRootNode();
      if (root.querySelectorAll) {
        all = Array.prototype.slice.call(root.querySelectorAll('label[for="' + U.cssEscape(id) + '"]'));
      }
    }
    all.forEach(function (l) { if (l !== wrap) forLabels.push(l); });
    if (!forLabels.length && !id && el.name) {
      // Ashby yes/no: <label for="<uuid>"> names a checkbox that only has name="<uuid>".
      var r2 = el.getRootNode();
      if (r2.querySelector && !U.byId(el, el.name)) {
        var l2 = r2.querySelector('label[for="' + U.cssEscape(el.name) + '"]');
        if (l2) forLabels.push(l2);
      }
    }
    forLabels.sort(function (a, b) {
      return GENERIC.test(U.textOf(a, el)) - GENERIC.test(U.textOf(b, el));
    });
    forLabels.forEach(function (l) { L.add("for", U.textOf(l, el), l); });
    var lb = idRefs(el, "aria-labelledby");
    if (lb.length) L.add("aria-labelledby", idRefsText(el, "aria-labelledby"), lb[0]);
    if (wrap) L.add("wrap", U.textOf(wrap, el), wrap);
    if (el.getAttribute("aria-label")) L.add("aria-label", el.getAttribute("aria-label"), null);

    // A small group (Personio's "Name *" over First/Last) names and marks its fields.
    var group = el.closest("fieldset, [role=group], [role=radiogroup]");
    if (group && fieldCount(group, 3) <= 3) {
      var gl = containerLabel(group);
      if (gl) L.add("legend", gl.text, gl.node);
      if (group.getAttribute("aria-required") === "true") L.required = true;
    }
    var tt = tableText(el);
    if (tt) L.add("table", tt.text, tt.node);
    var dl = dlText(el);
    if (dl) L.add("dl", dl.text, dl.node);
    var pre = precedingText(el, function (c) { return c === el || isHelper(c); }, checker);
    if (pre) L.add("preceding", pre.text, pre.node);
    if (el.getAttribute("placeholder")) L.add("placeholder", el.getAttribute("placeholder"), null);
    if (el.getAttribute("title")) L.add("title", el.getAttribute("title"), null);
    return L.result(SINGLE_ORDER);
  }

  /** react-select's hidden "required" companion input: part of the widget, not a field. */
  function isHelper(c) {
    return (
      c.tagName === "INPUT" &&
      c.getAttribute("aria-hidden") === "true" &&
      c.getAttribute("tabindex") === "-1" &&
      !c.id &&
      !c.getAttribute("name")
    );
  }

  /** Lowest common ancestor of several elements in one tree. */
  function commonAncestor(els) {
    var a = els[0].parentElement;
    while (a) {
      var ok = true;
      for (var i = 1; i < els.length; i++) {
        if (!a.contains(els[i])) { ok = false; break; }
      }
      if (ok) return a;
      a = a.parentElement;
    }
    return els[0].parentElement;
  }

  /**
   * Labels of a radio/checkbox group: the question, never the first option's label.
   * `extra` lets one free-text "Other" box live inside the group's container.
   */
  function forGroup(members, container, checker) {
    var L = new Collector();
    var own = new Set(members);
    function isOwn(c) { return own.has(c) || isHelper(c); }
    function foreignCount(c) {
      var list = c.querySelectorAll(CONTROL_SEL);
      var n = 0;
      for (var i = 0; i < list.length; i++) if (!isOwn(list[i])) n++;
      return n;
    }
    var g = container.closest("fieldset, [role=radiogroup], [role=group]");
    if (g && foreignCount(g) > 1) g = null;
    if (g) {
      var gl = containerLabel(g);
      if (gl) {
        var src = g.tagName === "FIELDSET" && gl.node && gl.node.tagName === "LEGEND"
          ? "legend" : (g.hasAttribute("aria-labelledby") ? "aria-labelledby" : "aria-label");
        L.add(src, gl.text, gl.node);
      }
      if (g.getAttribute("aria-required") === "true") L.required = true;
    }
    var name = members[0].getAttribute("name");
    var root = container.getRootNode();
    if (root.querySelector) {
      var forIds = [container.id, g && g.id, name].filter(Boolean);
      for (var k = 0; k < forIds.length; k++) {
        var fl = root.querySelector('label[for="' + U.cssEscape(forIds[k]) + '"]');
        if (fl && !own.has(U.byId(fl, forIds[k]))) { L.add("for", U.textOf(fl), fl); break; }
      }
    }
    var tt = tableText(container);
    if (tt) L.add("table", tt.text, tt.node);
    var dl = dlText(container);
    if (dl) L.add("dl", dl.text, dl.node);
    // Start from the first member's own wrapper inside the container, so a question label
    // placed inside the container (Ashby fieldsets) is found before climbing out of it.
    var start = members[0];
    while (start.parentElement && start.parentElement !== container && start.parentElement.contains(start)) {
      var p = start.parentElement;
      var holdsOther = false;
      for (var m = 1; m < members.length; m++) if (p.contains(members[m])) { holdsOther = true; break; }
      if (holdsOther) break;
      start = p;
    }
    var pre = precedingText(start, isOwn, checker);
    if (pre) L.add("preceding", pre.text, pre.node);
    if (container.getAttribute("title")) L.add("title", container.getAttribute("title"), null);
    return L.result(GROUP_ORDER);
  }

  /** The visible text of one radio/checkbox option. */
  function memberLabel(el) {
    var wrap = el.closest("label");
    var t = "";
    var ls = el.labels ? Array.prototype.slice.call(el.labels) : [];
    // Nested labels (Lever wraps a whole radio question in a <label> around each option's
    // own <label>): the innermost one is the option's; the outer one holds the question.
    if (wrap && ls.indexOf(wrap) > 0) ls = [wrap].concat(ls.filter(function (l) { return l !== wrap; }));
    for (var i = 0; i < ls.length && !t; i++) t = U.cleanLabel(U.textOf(ls[i], el)).text;
    if (!t && wrap) t = U.cleanLabel(U.textOf(wrap, el)).text;
    if (!t && el.getAttribute("aria-label")) t = el.getAttribute("aria-label");
    if (!t && el.hasAttribute("aria-labelledby")) t = idRefsText(el, "aria-labelledby");
    if (!t) {
      // Breezy: <input type=checkbox><span>Option text</span>
      for (var s = el.nextSibling, n = 0; s && n < 3 && !t; s = s.nextSibling, n++) {
        if (s.nodeType === 3) t = U.collapse(s.nodeValue);
        else if (s.nodeType === 1) {
          if (isControl(s) || s.querySelector(CONTROL_SEL)) break;
          t = U.textOf(s, null, 300);
        }
      }
    }
    return U.collapse(t);
  }

  function description(el) {
    var t = idRefsText(el, "aria-describedby");
    return t ? U.truncate(t, 500) : null;
  }

  J.labels = {
    CONTROL_SEL: CONTROL_SEL,
    forControl: forControl,
    forGroup: forGroup,
    memberLabel: memberLabel,
    description: description,
    commonAncestor: commonAncestor,
    isHelper: isHelper,
    fieldCount: fieldCount,
    idRefs: idRefs,
    isGeneric: function (t) { return GENERIC.test(t || ""); },
  };
})();
