/*
 * JobPilot DOM layer — combobox.js
 *
 * Choosing an option in custom dropdowns whose options are not in the DOM until opened,
 * and often arrive asynchronously: react-select style comboboxes (Greenhouse, many React
 * ATSs) and aria-haspopup=listbox buttons (Workday). The option is chosen only on an
 * exact (case/space-insensitive) text match — never a "close enough" guess — and the
 * result reports what the widget shows afterwards, so a silent non-commit is a failure.
 *
 * `listOptions` reads such a widget's options without choosing (open, wait for the list,
 * read it, close) in one call: a caller that must pick among the real options (a country
 * worded "United States +1", an EEO "decline" option) needs them before it can decide, and
 * a snapshot of the closed form has none.
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.combobox) return;
  var U = J.util;
  var E = J.events;

  var SETTLE_MS = 400; // options unchanged this long with no match -> give up early
  var NO_RESULTS = /no (options|results|matches)|nothing found|aucun résultat|keine (ergebnisse|optionen)/i;
  var LOADING = /loading|chargement|laden|cargando/i;
  var LIST_POLL_MS = 4; // listing: how often the open menu is looked at (menus render a task later)

  function shellOf(el) {
    var ctl = el.closest(".select__control, [class*=select__control], [class*=-control]");
    if (ctl) return { control: ctl, shell: ctl.parentElement || ctl };
    var box = el.closest("[role=combobox]");
    if (box && box !== el) return { control: box, shell: box.parentElement || box };
    return { control: el, shell: el.parentElement || el };
  }

  function visibleListboxes(doc) {
    var out = [];
    var all = doc.querySelectorAll("[role=listbox]");
    for (var i = 0; i < all.length; i++) {
      var r = all[i].getBoundingClientRect();
      if (r.width > 0 && r.height > 0) out.push(all[i]);
    }
    return out;
  }

  /** The open popup of `el`: aria-controls/aria-owns, else inside the widget, else new. */
  function findPopup(el, input, shell, before) {
    var owners = [input, el];
    for (var o = 0; o < owners.length; o++) {
      if (!owners[o]) continue;
      var ids = ((owners[o].getAttribute("aria-controls") || "") + " " +
        (owners[o].getAttribute("aria-owns") || "")).split(/\s+/).filter(Boolean);
      for (var i = 0; i < ids.length; i++) {
        var lb = U.byId(owners[o], ids[i]);
        if (lb) return lb;
      }
    }
    var p = shell;
    for (var up = 0; p && up < 3; up++, p = p.parentElement) {
      var inner = p.querySelector("[role=listbox], .select__menu, [class*=select__menu]");
      if (inner) return inner;
      if (p.tagName === "FORM" || p.tagName === "BODY") break;
    }
    if (before) {
      var now = visibleListboxes(el.ownerDocument);
      for (var k = now.length - 1; k >= 0; k--) if (before.indexOf(now[k]) < 0) return now[k];
      if (now.length === 1) return now[0];
    }
    return null;
  }

  function optionsIn(popup) {
    var items = popup.querySelectorAll("[role=option]");
    if (!items.length) items = popup.querySelectorAll(".select__option, [class*=select__option]");
    if (!items.length) items = U.deepQueryAll(popup, "[role=option]"); // rows that are web components
    var out = [];
    for (var i = 0; i < items.length; i++) {
      if (items[i].getAttribute("aria-disabled") === "true") continue;
      out.push(items[i]);
    }
    return out;
  }

  function optionText(o) {
    return U.textOf(o, null, 300);
  }

  function matchOption(items, wanted) {
    var w = U.norm(wanted);
    var i;
    for (i = 0; i < items.length; i++) if (U.norm(optionText(items[i])) === w) return items[i];
    for (i = 0; i < items.length; i++) {
      var v = items[i].getAttribute("data-value") || items[i].getAttribute("value");
      if (v != null && U.norm(v) === w) return items[i];
    }
    return null;
  }

  function available(items) {
    var names = items.slice(0, 25).map(optionText);
    return names.length ? names.join(" | ") + (items.length > 25 ? " | ..." : "") : "none";
  }

  /** Wait for the popup to offer an exact match, to settle without one, or to time out. */
  function waitForOption(find, wanted, timeoutMs) {
    var sig = null;
    var since = 0;
    return soon(function () {
      var popup = find();
      if (!popup) return null;
      var items = optionsIn(popup);
      var m = matchOption(items, wanted);
      if (m) return { match: m, items: items };
      var text = U.textOf(popup, null, 300);
      var loading = !items.length && LOADING.test(text);
      if (loading) { sig = null; return null; }
      var s = items.map(optionText).join("|") + "#" + text;
      if (s !== sig) { sig = s; since = Date.now(); return null; }
      if (Date.now() - since >= SETTLE_MS && (items.length || NO_RESULTS.test(text))) {
        return { match: null, items: items };
      }
      return null;
    }, timeoutMs, 8);
  }

  function committedText(el, input) {
    return J.snapshotter.comboValue(input || el);
  }

  function clearSearch(input) {
    if (!input || input.readOnly) return;
    E.setValue(input, "");
    E.fire(input, "input", { inputType: "deleteContentBackward" });
  }

  /**
   * Select `wanted` (option text or value) in a react-select-like combobox: open, type to
   * filter, wait for options, click the exact match with mouse-like events, blur, verify.
   */
  async function selectCombobox(el, wanted, opts) {
    opts = opts || {};
    var timeout = opts.timeoutMs || 8000;
    var input = el.tagName === "INPUT" || el.tagName === "TEXTAREA" ? el : el.querySelector("input, textarea");
    var sh = shellOf(input || el);
    var before = visibleListboxes(el.ownerDocument);
    var popup = function () { return findPopup(el, input, sh.shell, before); };
    E.scrollIntoView(sh.control);
    E.focus(input || el);
    if (input && !input.readOnly && input.getAttribute("inputmode") !== "none") {
      E.pointer(sh.control, "mousedown", 0, 0, 1);
      E.pointer(sh.control, "mouseup", 0, 0, 0);
      E.setValue(input, String(wanted));
      E.fire(input, "input", { inputType: "insertText", data: String(wanted) });
    } else if (!(await press(sh.control, input, popup))) {
      E.key(input || el, "ArrowDown");
    }
    var found = await waitForOption(popup, wanted, timeout);
    if (!found || !found.match) {
      var items = found ? found.items : [];
      var typed = input && !input.readOnly && input.value;
      clearSearch(input);
      if (found && typed) {
        // The typed filter hid everything: list the unfiltered options in the error instead.
        var all = await waitForOption(function () { return findPopup(el, input, sh.shell, before); }, "\u0000", 1500);
        if (all && all.items.length) items = all.items;
      }
      E.key(input || el, "Escape");
      E.blur(input || el);
      return {
        ok: false,
        error: 'no option matching "' + wanted + '" (available: ' + available(items) + ")" +
          (found ? "" : " — the option list did not open within " + timeout + " ms"),
        value: committedText(el, input) || null,
      };
    }
    var chosen = optionText(found.match);
    var shows = function () { return U.norm(committedText(el, input)).indexOf(U.norm(chosen)) >= 0; };
    E.mouseClick(found.match);
    // Wait for the widget to commit the choice (usually within a task), not a fixed delay.
    await soon(shows, 300, 4);
    E.blur(input || el);
    // Read the value back only after the blur's own re-render (a task later): a widget that
    // drops an uncommitted choice on blur does it there, and must not pass as chosen.
    await U.sleep(0);
    await U.poll(shows, 150, 4);
    var shown = committedText(el, input);
    var ok = shows();
    return {
      ok: ok,
      value: shown || null,
      error: ok ? null : 'clicked option "' + chosen + '" but the widget shows "' + shown + '"',
    };
  }

  /**
   * Open a combobox with a press: mousedown/mouseup opens react-select-like widgets. One
   * without a text box that stays closed then gets the click a person's press ends with
   * (UI5's sap.m.Select and other design systems open on click), sent only when the press
   * opened nothing, so a widget that toggles on both is never closed again. True once open.
   */
  async function press(control, input, find) {
    E.pointer(control, "mousedown", 0, 0, 1);
    E.pointer(control, "mouseup", 0, 0, 0);
    if (input) return false;
    var kind = widgetKind(control);
    if (!clickOpens.has(kind) && (await soon(find, 80, 4))) return true;
    E.pointer(control, "click", 0, 0, 0);
    var opened = !!(await soon(find, 300, 4));
    if (opened) clickOpens.add(kind);
    return opened;
  }

  /**
   * Widgets of one kind (tag, role and classes) that stayed closed after a press and opened
   * on the click: the next press of that kind ends with its click at once instead of waiting
   * 80 ms for a menu that never opens on a press (a UI5 form has ten such selects, each
   * listed and then chosen: two seconds of waiting on a loaded machine). Per document.
   */
  var clickOpens = new Set();
  function widgetKind(control) {
    return control.tagName + "|" + (control.getAttribute("role") || "") + "|" +
      String(control.className || "").replace(/\s+/g, " ").trim();
  }

  /** Select in an aria-haspopup=listbox button: click to open, click the exact option. */
  async function selectListbox(btn, wanted, opts) {
    opts = opts || {};
    var timeout = opts.timeoutMs || 5000;
    var before = visibleListboxes(btn.ownerDocument);
    E.mouseClick(btn);
    var found = await waitForOption(function () { return findPopup(btn, null, btn.parentElement || btn, before); }, wanted, timeout);
    if (!found || !found.match) {
      E.key(btn, "Escape");
      return {
        ok: false,
        error: 'no option matching "' + wanted + '" (available: ' + available(found ? found.items : []) + ")",
        value: U.textOf(btn, null, 300) || null,
      };
    }
    var chosen = optionText(found.match);
    E.mouseClick(found.match);
    await U.sleep(50);
    var shown = U.textOf(btn, null, 300);
    var ok = U.norm(shown).indexOf(U.norm(chosen)) >= 0 || found.match.getAttribute("aria-selected") === "true";
    return {
      ok: ok,
      value: shown || chosen,
      error: ok ? null : 'clicked option "' + chosen + '" but the button shows "' + shown + '"',
    };
  }

  /**
   * `fn` once the page's own reaction to the last event ran, else polled. React (and Vue)
   * render a discrete event's update in a microtask: looking there first saves a timer
   * round per step, which on a loaded machine is most of a dropdown's time.
   */
  async function soon(fn, timeoutMs, intervalMs) {
    for (var i = 0; i < 2; i++) {
      await null;
      var v;
      try { v = fn(); } catch (e) { v = null; }
      if (v) return v;
    }
    return U.poll(fn, timeoutMs, intervalMs);
  }

  /**
   * Wait until the open popup shows its list: options with no loading notice left in the
   * menu, or a "no options" notice that stayed for SETTLE_MS (a menu may flash it before its
   * request starts). "Loading..." keeps waiting.
   */
  function waitForList(find, timeoutMs, deferLoading) {
    var sig = null;
    var since = 0;
    return soon(function () {
      var popup = find();
      if (!popup) return null;
      var items = optionsIn(popup);
      var text = U.textOf(popup, null, 300);
      if (!items.length && LOADING.test(text)) {
        if (deferLoading) return { loading: true, items: [] };
        sig = null;
        return null;
      }
      if (items.length) {
        if (popup.querySelector("[class*=loading], [aria-busy=true]")) return null; // more to come
        return { items: items };
      }
      if (text !== sig) { sig = text; since = Date.now(); return null; }
      if (NO_RESULTS.test(text) && Date.now() - since >= SETTLE_MS) return { items: [] };
      return null;
    }, timeoutMs, LIST_POLL_MS);
  }

  /**
   * The options of a react-select-like combobox (or, with `opts.button`, an
   * aria-haspopup=listbox button), read by opening it without typing; the menu is closed
   * again (Escape, blur) and nothing is chosen. `value` lists the option texts. With
   * `opts.deferLoading` a menu that shows "Loading..." is closed at once and reported as
   * `loading: true` (its request goes on; see inject.js, which comes back to it).
   */
  async function listOptions(el, opts) {
    opts = opts || {};
    var timeout = opts.timeoutMs || 3000;
    var doc = el.ownerDocument;
    var before = visibleListboxes(doc);
    var input = null;
    var find;
    if (opts.button) {
      E.mouseClick(el);
      find = function () { return findPopup(el, null, el.parentElement || el, before); };
    } else {
      input = el.tagName === "INPUT" || el.tagName === "TEXTAREA" ? el : el.querySelector("input, textarea");
      var sh = shellOf(input || el);
      E.scrollIntoView(sh.control);
      E.focus(input || el);
      find = function () { return findPopup(el, input, sh.shell, before); };
      await press(sh.control, input, find);
    }
    var found = await waitForList(find, timeout, !!opts.deferLoading);
    var texts = found ? found.items.map(optionText) : [];
    E.key(input || el, "Escape");
    if (input) E.blur(input);
    if (found && found.loading) return { ok: false, loading: true, value: null, error: "still loading" };
    if (!found) {
      return { ok: false, value: null, error: "the option list did not open within " + timeout + " ms" };
    }
    return { ok: true, value: texts, error: null };
  }

  J.combobox = {
    selectCombobox: selectCombobox,
    selectListbox: selectListbox,
    listOptions: listOptions,
    matchOption: matchOption,
  };
})();
