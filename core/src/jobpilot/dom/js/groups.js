/*
 * JobPilot DOM layer — groups.js
 *
 * Radio buttons and checkboxes become *logical* fields, because a question like "Are you
 * authorised to work here?" is one field whatever number of inputs it is drawn with:
 *
 * - Radios sharing a `name` within the same form (or the same document/shadow root when
 *   outside any form) are ONE field of type "radio" with `members` and `options`.
 * - Checkboxes sharing a `name` with two or more members (`question_1[]`, `choices[]`) are
 *   ONE field of type "checkbox"; a shared name in different fieldsets / role=group
 *   containers is one name per container (Ashby names boxes by option text: "Other").
 * - Checkbox sets whose names all differ (Ashby names each box by its option text) are one
 *   field when at least two of them sit in the same nearest <fieldset> / role=group /
 *   role=radiogroup container and that container holds no other field except at most one
 *   free-text "Other" box. Otherwise each is a lone checkbox. Boxes that are separate
 *   questions sharing a fieldset ("Legal agreements": each required on its own, or named
 *   `...agreements.0.consent`, `...agreements.1.consent`) stay lone checkboxes.
 * - A lone checkbox (consent boxes) is its own field labelled by its own label.
 *
 * A group's ref ("g<N>") is keyed by (form or root, name) or by its container element, so a
 * re-snapshot returns the same ref; `membersOf` re-reads the members at action time.
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.groups) return;
  var U = J.util;
  var L = J.labels;

  /** The current member inputs of a group descriptor (re-read: pages re-render). */
  function membersOf(desc) {
    var out = [];
    if (desc.kind === "name") {
      var scope = desc.scope;
      var list;
      if (scope.tagName === "FORM") {
        list = Array.prototype.slice.call(scope.elements);
      } else {
        list = Array.prototype.slice.call(
          scope.querySelectorAll('input[name="' + U.cssEscape(desc.name) + '"]')
        ).filter(function (e) { return scope.nodeType === 1 || !e.form; });
      }
      list.forEach(function (e) {
        if (e.tagName === "INPUT" && e.getAttribute("name") === desc.name && U.inputType(e) === desc.type) {
          out.push(e);
        }
      });
    } else {
      var boxes = desc.container.querySelectorAll("input[type=" + desc.type + "]");
      for (var i = 0; i < boxes.length; i++) out.push(boxes[i]);
    }
    return out;
  }

  var PATH_NAME = /^[\w-]+(?:(?:\.|\[)[\w-]+\]?)+$/;

  /** `candidate.agreements.0.consent` -> ["candidate.agreements.0", "consent"]; null for
   * a name that is not a field path (an option's text, a bare id). */
  function pathParts(name) {
    if (!name || !PATH_NAME.test(name)) return null;
    var segs = name.split(/[.\[\]]+/).filter(Boolean);
    if (segs.length < 2) return null;
    return [segs.slice(0, -1).join("."), segs[segs.length - 1]];
  }

  var STATEMENT_WORDS = 4;
  /** A box labelled by a sentence ("I agree to the privacy policy") states something. */

  function ownRequired(el) {
    return !!el.required || el.getAttribute("aria-required") === "true";
  }

  /**
   * Differently named boxes in one container that are separate questions, not the options
   * of one: each required on its own and labelled by a statement (nobody must tick every
   * option of a multi-choice; some sites mark every option `required` all the same), or
   * named as properties of different records (`candidate.agreements.0.consent` and
   * `candidate.agreements.1.consent`: agreement 0 and agreement 1, each its own consent).
   * Options named by their text (Ashby: "Python", "Go") or by an option id stay one field.
   */
  function separateQuestions(items) {
    var statements = 0;
    for (var i = 0; i < items.length; i++) {
      var words = L.memberLabel(items[i].el).split(" ").filter(Boolean).length;
      if (ownRequired(items[i].el) && words >= STATEMENT_WORDS) statements++;
    }
    if (statements === items.length) return true;
    var records = new Set();
    for (var k = 0; k < items.length; k++) {
      var parts = pathParts(items[k].el.getAttribute("name"));
      if (!parts) return false;
      records.add(parts[0]);
    }
    return records.size > 1;
  }

  function optionValue(el, text) {
    var v = el.getAttribute("value");
    if (v != null && v !== "") return v;
    return text || el.getAttribute("name") || "on";
  }

  /**
   * Turn the collected radios/checkboxes into fields. `items` are {el, ctx, order} in
   * document order; `single(item)` builds a lone-checkbox field. Returns field records.
   */
  function build(items, checker, single) {
    var out = [];
    var byScope = new Map();
    var loners = [];
    items.forEach(function (it) {
      var el = it.el;
      var type = U.inputType(el);
      var name = el.getAttribute("name");
      var scope = el.form || el.getRootNode();
      if (type === "checkbox" && name) {
        // Ashby names each checkbox by its option text: "Other" in two questions' fieldsets
        // is two questions, so a fieldset/group container scopes a shared name.
        var box = el.closest("fieldset, [role=group], [role=radiogroup]");
        if (box && scope.contains(box)) scope = box;
      }
      if (!name) {
        var rg = type === "radio" ? el.closest("[role=radiogroup], fieldset") : null;
        if (rg) {
          scope = rg;
          name = "\u0000container";
        } else {
          loners.push(it);
          return;
        }
      }
      var m = byScope.get(scope);
      if (!m) { m = new Map(); byScope.set(scope, m); }
      var key = type + "|" + name;
      var b = m.get(key);
      if (!b) { b = { scope: scope, name: name, type: type, items: [] }; m.set(key, b); }
      b.items.push(it);
    });
    byScope.forEach(function (m) {
      m.forEach(function (b) {
        if (b.type === "checkbox" && b.items.length < 2) {
          loners.push(b.items[0]);
          return;
        }
        var desc = b.name === "\u0000container"
          ? { kind: "container", type: b.type, container: b.scope }
          : { kind: "name", type: b.type, name: b.name, scope: b.scope };
        out.push(groupField(desc, b.items, checker));
      });
    });
    // Differently named checkboxes inside one labelled container -> one group field.
    var byContainer = new Map();
    var rest = [];
    loners.forEach(function (it) {
      if (U.inputType(it.el) !== "checkbox") { rest.push(it); return; }
      var c = it.el.closest("fieldset, [role=group], [role=radiogroup]");
      if (!c) { rest.push(it); return; }
      var arr = byContainer.get(c);
      if (!arr) { arr = []; byContainer.set(c, arr); }
      arr.push(it);
    });
    byContainer.forEach(function (arr, c) {
      var boxes = c.querySelectorAll(L.CONTROL_SEL);
      var other = 0;
      for (var i = 0; i < boxes.length; i++) {
        var t = boxes[i].tagName === "INPUT" ? U.inputType(boxes[i]) : "";
        if (t !== "checkbox" && !L.isHelper(boxes[i])) other++;
      }
      if (arr.length >= 2 && other <= 1 && !separateQuestions(arr)) {
        out.push(groupField({ kind: "container", type: "checkbox", container: c }, arr, checker));
      } else {
        arr.forEach(function (it) { rest.push(it); });
      }
    });
    rest.forEach(function (it) { out.push(single(it)); });
    return out;
  }

  function groupField(desc, items, checker) {
    var els = items.map(function (it) { return it.el; });
    var first = items[0];
    var scopeEl = desc.kind === "name" ? desc.scope : desc.container;
    var ref = J.refs.groupRefFor(scopeEl, desc.kind === "name" ? desc.type + "|" + desc.name : "box", desc);
    var container = desc.kind === "container" ? desc.container : L.commonAncestor(els);
    if (els.length === 1) container = els[0].parentElement || container;
    var lab = L.forGroup(els, container, checker);
    var members = [];
    var options = [];
    var checkedVals = [];
    var required = lab.required;
    var visible = false;
    var disabled = true;
    els.forEach(function (el) {
      var mref = J.refs.refFor(el);
      var text = L.memberLabel(el);
      var val = optionValue(el, text);
      members.push({
        ref: mref, id: el.id || null, name: el.getAttribute("name"), value: val,
        label: text || null, checked: !!el.checked,
      });
      options.push({ value: val, text: text || val, selected: !!el.checked, ref: mref });
      if (el.checked) checkedVals.push(val);
      if (el.required || el.getAttribute("aria-required") === "true") required = true;
      if (!el.disabled) disabled = false;
      if (!visible) visible = checker.fieldVisible(el, desc.type, el.labels ? Array.prototype.slice.call(el.labels) : []);
    });
    var cont = container.closest("[aria-required=true]");
    if (cont && container.contains(els[0]) && cont.contains(container)) {
      var role = cont.getAttribute("role");
      if (role === "radiogroup" || role === "group" || cont.tagName === "FIELDSET") required = true;
    }
    var attrs = U.attrsOf(els[0]);
    var gattrs = U.attrsOf(container);
    Object.keys(gattrs).forEach(function (k) {
      if (k.lastIndexOf("data-", 0) === 0 && !(k in attrs)) attrs[k] = gattrs[k];
    });
    if (container.getAttribute("role")) attrs["group_role"] = container.getAttribute("role");
    return {
      _order: first.order,
      ref: ref,
      frame: first.ctx.frame,
      tag: "input",
      type: desc.type,
      id: desc.kind === "container" ? container.id || null : null,
      name: desc.kind === "name" ? desc.name : null,
      label: lab.label,
      label_source: lab.label_source,
      labels: lab.labels,
      description: L.description(container) || L.description(els[0]),
      placeholder: null,
      aria_label: container.getAttribute("aria-label"),
      autocomplete: null,
      title: container.getAttribute("title"),
      required: required,
      visible: visible,
      disabled: disabled,
      readonly: false,
      multiple: desc.type === "checkbox",
      value: checkedVals.length ? checkedVals.join(", ") : null,
      checked: null,
      options: options,
      members: members,
      section: first.section,
      attrs: attrs,
      ancestors: U.ancestorsOf(els[0]),
      in_shadow: first.ctx.inShadow,
    };
  }

  J.groups = { build: build, membersOf: membersOf, optionValue: optionValue };
})();
