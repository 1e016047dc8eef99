/*
 * JobPilot DOM layer — toggles.js
 *
 * Toggle-button groups: a question answered by clicking one of a few buttons ("Yes" / "No",
 * "Remote" / "Hybrid" / "On-site") whose state lives in the buttons (aria-pressed, or a
 * "selected"/"active" class) and often in a visually hidden input beside them (Ashby's
 * yes/no: two <button>s plus a hidden checkbox named by the field). Setting the hidden input
 * does not answer the question, and "No" is often indistinguishable from "not answered" in
 * that input; the only faithful way in is to click the right button, as a person would.
 *
 * The snapshot exposes such a group as ONE field of type "radio" (one choice among several)
 * whose options/members are the buttons, named and labelled like its backing input, with
 * attrs.widget = "toggle-buttons". `select` on its ref clicks the matching button and
 * verifies that the group now shows that button selected.
 *
 * A container is a toggle group when (conservative on purpose; upload widgets and button
 * bars must not match):
 *   - it holds 2-6 buttons with short, non-empty texts, none a popup opener or an explicit
 *     submit/reset button, and no other form control except
 *   - either exactly one visually hidden checkbox/radio (the backing input), or
 *   - every button carries aria-pressed (a backing type=hidden input is allowed then).
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.toggles) return;
  var U = J.util;
  var E = J.events;
  var L = J.labels;

  var BUTTON_SEL = "button, [role=button]";
  var MAX_BUTTONS = 6;
  var MAX_TEXT = 40;
  var MAX_PRESSED_TEXT = 160;
  var SELECTED_CLASS = /(^|[\s_-])(active|selected|checked|pressed|is-active|is-selected)([\s_-]|$)/i;
  var SELECTED_STATE = /^(on|active|checked|selected|pressed|true)$/i;
  var UPLOADISH = /upload|attach|browse|drop|dropbox|google drive|enter manually|file/i;

  function buttonText(b) {
    return U.collapse(U.textOf(b, null, 200) || b.getAttribute("aria-label") || b.getAttribute("value") || "");
  }

  /** Whether a button shows itself selected; null when it carries no state at all. */
  function pressedState(b) {
    var aria = b.getAttribute("aria-pressed") || b.getAttribute("aria-checked") || b.getAttribute("aria-selected");
    if (aria != null) return aria === "true" || aria === "mixed";
    var ds = b.getAttribute("data-state") || b.getAttribute("data-selected") || b.getAttribute("data-active");
    if (ds != null) return SELECTED_STATE.test(ds) || ds === "";
    return SELECTED_CLASS.test(b.getAttribute("class") || "");
  }

  function isPressed(b) {
    return pressedState(b) === true;
  }

  /** The buttons of a candidate container, or null when it is not a toggle group. */
  function groupButtons(c) {
    var list = c.querySelectorAll(BUTTON_SEL);
    if (list.length < 2 || list.length > MAX_BUTTONS) return null;
    var out = [];
    var allAria = true;
    var long = false;
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      if (b.parentElement && b.parentElement.closest(BUTTON_SEL)) return null; // nested
      if (b.getAttribute("aria-haspopup") && b.getAttribute("aria-haspopup") !== "false") return null;
      var t = (b.getAttribute("type") || "").toLowerCase();
      if (t === "submit" || t === "reset") return null;
      var text = buttonText(b);
      if (!text || text.length > MAX_PRESSED_TEXT || UPLOADISH.test(text)) return null;
      if (text.length > MAX_TEXT) long = true;
      if (!b.hasAttribute("aria-pressed")) allAria = false;
      out.push(b);
    }
    // Sentence-long answers (Oracle's pill lists: "Yes, my expectations are within the
    // range") count only where every button says it is a toggle (aria-pressed).
    if (long && !allAria) return null;
    return { buttons: out, allAria: allAria };
  }

  /** Form controls in the container: {backing, others}. */
  function controlsIn(c) {
    var list = c.querySelectorAll("input, select, textarea");
    var checkables = [];
    var hidden = [];
    var others = 0;
    for (var i = 0; i < list.length; i++) {
      var el = list[i];
      if (L.isHelper(el)) continue;
      var t = el.tagName === "INPUT" ? U.inputType(el) : "";
      if (t === "checkbox" || t === "radio") checkables.push(el);
      else if (t === "hidden") hidden.push(el);
      else others++;
    }
    return { checkables: checkables, hidden: hidden, others: others };
  }

  function visuallyHidden(el, checker) {
    if (el.getAttribute("tabindex") === "-1" || el.getAttribute("aria-hidden") === "true") return true;
    return checker ? !checker.isShown(el) : false;
  }

  /**
   * Decide whether `c` is a toggle group; returns {container, buttons, input} or null.
   * `cache` (a Map, per snapshot) keeps the answer per container.
   */
  function describe(c, checker, cache) {
    if (cache && cache.has(c)) return cache.get(c);
    var res = null;
    var g = groupButtons(c);
    if (g) {
      var ctl = controlsIn(c);
      if (ctl.others === 0) {
        if (ctl.checkables.length === 1 && ctl.hidden.length === 0 && visuallyHidden(ctl.checkables[0], checker)) {
          res = { container: c, buttons: g.buttons, input: ctl.checkables[0] };
        } else if (ctl.checkables.length === 0 && g.allAria && ctl.hidden.length <= 1) {
          res = { container: c, buttons: g.buttons, input: ctl.hidden[0] || null };
        }
      }
    }
    if (cache) cache.set(c, res);
    return res;
  }

  /**
   * The toggle group `el` belongs to (a button of it, or its backing input), or null.
   * Looks at most two levels up: the buttons and the input are siblings or cousins.
   */
  function groupOf(el, checker, cache) {
    var p = el.parentElement;
    for (var up = 0; p && up < 2; up++, p = p.parentElement) {
      if (p.tagName === "FORM" || p.tagName === "BODY" || p.tagName === "FIELDSET" || p.tagName === "LABEL") break;
      var d = describe(p, checker, cache);
      if (d) return d;
      if (p.querySelectorAll(BUTTON_SEL).length > MAX_BUTTONS) break;
    }
    return null;
  }

  function buttonsOf(desc) {
    var g = desc.container.isConnected ? groupButtons(desc.container) : null;
    return g ? g.buttons : [];
  }

  /** One field record for a toggle group (the shape snapshot.js builds for every field). */
  function field(g, ctx, section, order, checker) {
    var c = g.container;
    var input = g.input;
    var desc = { kind: "toggle", container: c, input: input };
    var ref = J.refs.groupRefFor(c, "toggle", desc);
    var lab = input && input.getAttribute("name") ? L.forControl(input, checker) : L.forControl(c, checker);
    var members = [];
    var options = [];
    var value = null;
    var visible = false;
    var disabled = true;
    g.buttons.forEach(function (b) {
      var text = buttonText(b);
      var on = isPressed(b);
      var mref = J.refs.refFor(b);
      members.push({ ref: mref, id: b.id || null, name: b.getAttribute("name"), value: text, label: text, checked: on });
      options.push({ value: text, text: text, selected: on, ref: mref });
      if (on && value == null) value = text;
      if (!visible && checker.isShown(b)) visible = true;
      if (!b.disabled && b.getAttribute("aria-disabled") !== "true") disabled = false;
    });
    var required = lab.required || c.getAttribute("aria-required") === "true" ||
      !!(input && (input.required || input.getAttribute("aria-required") === "true"));
    var attrs = U.attrsOf(c);
    attrs.widget = "toggle-buttons";
    return {
      _order: order,
      ref: ref,
      frame: ctx.frame,
      tag: c.tagName.toLowerCase(),
      type: "radio",
      id: (input && input.id) || c.id || null,
      name: input ? input.getAttribute("name") : null,
      label: lab.label,
      label_source: lab.label_source,
      labels: lab.labels,
      description: L.description(c) || (input ? L.description(input) : null),
      placeholder: null,
      aria_label: c.getAttribute("aria-label"),
      autocomplete: null,
      title: c.getAttribute("title"),
      required: required,
      visible: visible,
      disabled: disabled,
      readonly: false,
      multiple: false,
      value: value,
      checked: null,
      options: options,
      members: members,
      section: section,
      attrs: attrs,
      ancestors: U.ancestorsOf(c),
      in_shadow: ctx.inShadow,
    };
  }

  function result(ref, ok, value, error) {
    return { ref: ref, ok: ok, value: value == null ? null : value, error: error || null };
  }

  function backingState(input) {
    if (!input) return null;
    return input.type === "checkbox" || input.type === "radio" ? String(input.checked) : input.value;
  }

  /** Click the button whose text (or value) is `value`; verify the group shows it selected. */
  async function select(desc, value, ref) {
    var wanted = Array.isArray(value) ? value : [value];
    if (wanted.length !== 1 || wanted[0] == null) return result(ref, false, null, "a toggle group takes exactly one option");
    var buttons = buttonsOf(desc);
    if (!buttons.length) return result(ref, false, null, "the toggle group is gone (take a new snapshot)");
    var w = U.norm(wanted[0]);
    var pick = null;
    for (var i = 0; i < buttons.length && !pick; i++) if (U.norm(buttonText(buttons[i])) === w) pick = buttons[i];
    if (!pick) {
      var current = buttons.filter(isPressed).map(buttonText)[0] || null;
      return result(ref, false, current, 'no option matching "' + wanted[0] + '" (available: ' +
        buttons.map(buttonText).join(" | ") + ")");
    }
    var before = backingState(desc.input);
    var stateless = buttons.every(function (b) { return pressedState(b) === false; }) &&
      !buttons.some(function (b) { return b.hasAttribute("aria-pressed"); });
    if (!isPressed(pick)) {
      E.scrollIntoView(pick);
      E.mouseClick(pick);
    }
    await U.sleep(30);
    buttons = buttonsOf(desc);
    var shown = buttons.filter(isPressed).map(buttonText);
    var pickText = buttonText(pick);
    if (shown.length === 1 && U.norm(shown[0]) === w) return result(ref, true, shown[0], null);
    if (!shown.length && stateless && backingState(desc.input) !== before) {
      // The page marks the choice nowhere but in its backing input, which did change.
      return result(ref, true, pickText, null);
    }
    return result(ref, false, shown.join(", ") || null,
      'clicked "' + pickText + '" but the group shows ' + (shown.length ? '"' + shown.join(", ") + '"' : "nothing selected"));
  }

  J.toggles = {
    groupOf: groupOf,
    field: field,
    select: select,
    isPressed: isPressed,
  };
})();
