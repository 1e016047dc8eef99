/*
 * JobPilot DOM layer — inject.js
 *
 * Executes fill-plan actions (`jobpilot.models.plan.Action` as dicts) and returns one
 * `ActionResult` dict per action. Values go in the way a person's typing would (native
 * setter + input/change/blur) so React, Vue and Angular register them, and every result
 * reports the value the page holds *afterwards*: a controlled component that rejects the
 * value shows up as ok:false, never as a silent success. Options are matched exactly
 * (value, then case/space-insensitive text) — never a guessed neighbour. A `select` with
 * an empty list on a custom dropdown chooses nothing and reports the dropdown's options as
 * its value (see combobox.listOptions): through `apply`, the one call every transport has,
 * a flow can read options that exist only while the menu is open.
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.inject) return;
  var U = J.util;
  var E = J.events;
  var G = J.groups;
  var L = J.labels;

  var TRUE = /^(true|1|yes|on|checked|y)$/i;

  function result(ref, ok, value, error) {
    return { ref: ref, ok: ok, value: value == null ? null : value, error: error || null };
  }

  function asList(v) {
    if (v == null) return [];
    return Array.isArray(v) ? v.map(String) : [String(v)];
  }

  function alnum(s) {
    return String(s || "").replace(/[^0-9a-z]/gi, "").toLowerCase();
  }

  function tick() {
    return U.sleep(0); // one task for the page's reaction, without the nested-timeout clamp
  }

  function isCombobox(el) {
    if (el.getAttribute("role") === "combobox") return true;
    return !!(el.closest && el.closest(".select__control, [class*=select__control]")) ||
      !!(el.parentElement && el.parentElement.closest("[role=combobox]"));
  }

  function describe(el) {
    return "<" + el.tagName.toLowerCase() + (el.type ? " type=" + el.type : "") + ">";
  }

  // --- fill ---

  async function fillEditable(el, value) {
    E.focus(el);
    var doc = el.ownerDocument;
    var sel = doc.defaultView.getSelection();
    sel.selectAllChildren(el);
    var done = false;
    try { done = doc.execCommand("insertText", false, value); } catch (e) { done = false; }
    if (!done || U.collapse(el.innerText) !== U.collapse(value)) {
      el.textContent = value;
      E.fire(el, "input", { inputType: "insertText", data: value });
    }
    E.blur(el);
    await tick();
    return U.collapse(el.innerText || el.textContent);
  }

  async function fill(el, value, ref) {
    value = value == null ? "" : Array.isArray(value) ? value.join(", ") : String(value);
    if (el.tagName === "SELECT") return select(el, value, ref);
    var type = el.tagName === "INPUT" ? U.inputType(el) : "";
    if (type === "file") return result(ref, false, null, "use an upload action for file inputs");
    if (type === "checkbox" || type === "radio") return check(el, value, ref);
    if (J.captcha.isWidget(el)) {
      // A solved CAPTCHA token (from a solver the person opted into) goes to the widget's
      // response fields; the token is not echoed back into results and evidence.
      var d = J.captcha.deliver(el, value);
      return result(ref, d.ok, d.ok ? "token delivered to " + d.count + " field(s)" : null, d.error);
    }
    if (el.isContentEditable) {
      var got = await fillEditable(el, value);
      var okE = got === U.collapse(value);
      return result(ref, okE, got, okE ? null : 'the editor holds "' + got + '"');
    }
    if (el.tagName !== "INPUT" && el.tagName !== "TEXTAREA") {
      return result(ref, false, null, "cannot fill " + describe(el) + "; use select or click");
    }
    if (el.disabled || el.readOnly) return result(ref, false, el.value, "the control is disabled or read-only");
    typeInto(el, value);
    await tick();
    return kept(el, value, ref);
  }

  /** The events of a person typing ``value`` into a text box (synchronous). */
  function typeInto(el, value) {
    E.scrollIntoView(el);
    E.focus(el);
    E.fire(el, "beforeinput", { inputType: "insertText", data: value });
    E.setValue(el, value);
    E.fire(el, "input", { inputType: "insertText", data: value });
    E.fire(el, "change");
    // Typing into an autocomplete leaves its suggestions open, as a person's typing does, so
    // the caller can read them from a snapshot and click one; an empty value closes it.
    if (!(value && isCombobox(el))) E.blur(el);
  }

  /** The result of typing ``value``: what the box holds once the page has reacted. */
  function kept(el, value, ref) {
    var now = el.value;
    // Exact, or the same characters re-formatted by an input mask ("(555) 123-4567").
    var ok = now === value || (alnum(now) !== "" && alnum(now) === alnum(value));
    return result(ref, ok, now, ok ? null : 'the page did not keep the value: it holds "' + now + '"');
  }

  /** The box a plain ``fill`` types into, when nothing about it needs the general path:
   * an enabled text-like input or textarea that is no dropdown, editor or CAPTCHA field. */
  function plainBox(a) {
    if (!a || a.kind !== "fill" || !a.ref || a.ref.charAt(0) === "g" || Array.isArray(a.value)) return null;
    var el = J.refs.resolve(a.ref);
    if (!el || !el.isConnected || el.nodeType !== 1) return null;
    if (el.tagName !== "INPUT" && el.tagName !== "TEXTAREA") return null;
    if (el.tagName === "INPUT" && /^(file|checkbox|radio|button|submit|reset|image|hidden)$/.test(U.inputType(el))) return null;
    if (el.disabled || el.readOnly || el.isContentEditable || isCombobox(el) || J.captcha.isWidget(el)) return null;
    return el;
  }

  /**
   * A run of plain text boxes, typed one after another with one task for the page at the
   * end instead of one per box (a task per box was a third of a 30-field fill, more on a
   * busy machine). The page's microtasks still run between boxes (a framework's
   * synchronous re-render of a controlled input, React's included), and every box is
   * checked after the page's task ran, so a value the page did not keep is still reported.
   */
  async function typeRun(actions) {
    var typed = [];
    for (var i = 0; i < actions.length; i++) {
      var el = plainBox(actions[i]);
      if (!el) {
        // The page's reaction to a box before changed this one (removed, disabled, made a
        // dropdown): the general path says what happened.
        typed.push(await applyOne(actions[i]));
        continue;
      }
      try { typeInto(el, String(actions[i].value == null ? "" : actions[i].value)); } catch (e) { /* checked below */ }
      typed.push(el);
      await Promise.resolve();
    }
    await tick();
    return actions.map(function (a, k) {
      var el = typed[k];
      if (el.nodeType !== 1) return el; // a result of the general path
      if (!el.isConnected) {
        return result(a.ref, false, null, "unknown or removed ref " + a.ref + " (take a new snapshot: the page changed)");
      }
      return kept(el, String(a.value == null ? "" : a.value), a.ref);
    });
  }

  // --- select ---

  function findNativeOption(sel, wanted) {
    var opts = sel.options;
    var i;
    for (i = 0; i < opts.length; i++) if (opts[i].value === wanted) return opts[i];
    var w = U.norm(wanted);
    for (i = 0; i < opts.length; i++) if (U.norm(opts[i].text) === w) return opts[i];
    for (i = 0; i < opts.length; i++) if (U.norm(opts[i].value) === w) return opts[i];
    return null;
  }

  function availableNative(sel) {
    return Array.prototype.slice.call(sel.options, 0, 30)
      .map(function (o) { return U.collapse(o.text) || o.value; }).join(" | ");
  }

  async function selectNative(el, value, ref) {
    var wanted = asList(value);
    if (!wanted.length) return result(ref, false, null, "no option given");
    if (!el.multiple && wanted.length > 1) return result(ref, false, null, "single select, got " + wanted.length + " options");
    var picks = [];
    for (var i = 0; i < wanted.length; i++) {
      var o = findNativeOption(el, wanted[i]);
      if (!o) {
        return result(ref, false, el.value, 'no option matching "' + wanted[i] + '" (available: ' + availableNative(el) + ")");
      }
      picks.push(o);
    }
    E.focus(el);
    if (el.multiple) {
      for (var k = 0; k < el.options.length; k++) el.options[k].selected = picks.indexOf(el.options[k]) >= 0;
    } else {
      E.setProp(el, "selectedIndex", picks[0].index);
    }
    E.fire(el, "input");
    E.fire(el, "change");
    E.blur(el);
    await tick();
    var selected = Array.prototype.filter.call(el.options, function (o) { return o.selected; });
    var ok = picks.every(function (p) { return p.selected; }) && selected.length === picks.length;
    var vals = selected.map(function (o) { return o.value; });
    return result(ref, ok, el.multiple ? vals : vals[0] || "", ok ? null : "the page did not keep the selection");
  }

  function memberMatch(members, wanted) {
    var w = U.norm(wanted);
    var i;
    for (i = 0; i < members.length; i++) if (members[i].getAttribute("value") === wanted) return members[i];
    for (i = 0; i < members.length; i++) if (U.norm(L.memberLabel(members[i])) === w) return members[i];
    for (i = 0; i < members.length; i++) if (U.norm(G.optionValue(members[i], L.memberLabel(members[i]))) === w) return members[i];
    return null;
  }

  function availableMembers(members) {
    return members.map(function (m) { return L.memberLabel(m) || m.value; }).join(" | ");
  }

  function checkedValues(members) {
    return members.filter(function (m) { return m.checked; })
      .map(function (m) { return G.optionValue(m, L.memberLabel(m)); });
  }

  async function selectGroup(desc, value, ref) {
    if (desc.kind === "toggle") return J.toggles.select(desc, value, ref);
    var members = G.membersOf(desc);
    if (!members.length) return result(ref, false, null, "the group has no members any more");
    var wanted = asList(value);
    var picks = [];
    for (var i = 0; i < wanted.length; i++) {
      var m = memberMatch(members, wanted[i]);
      if (!m) {
        return result(ref, false, checkedValues(members).join(", ") || null,
          'no option matching "' + wanted[i] + '" (available: ' + availableMembers(members) + ")");
      }
      picks.push(m);
    }
    if (desc.type === "radio") {
      if (picks.length !== 1) return result(ref, false, null, "a radio group takes exactly one option");
      if (!picks[0].checked) { E.scrollIntoView(picks[0]); picks[0].click(); }
    } else {
      members.forEach(function (m) {
        var want = picks.indexOf(m) >= 0;
        if (m.checked !== want) { E.scrollIntoView(m); m.click(); }
      });
    }
    await tick();
    var okAll = members.every(function (m) { return m.checked === (picks.indexOf(m) >= 0); });
    var vals = checkedValues(members);
    return result(ref, okAll, desc.type === "radio" ? vals[0] || null : vals, okAll ? null : "the page did not keep the choice");
  }

  async function select(target, value, ref, opts) {
    if (target.nodeType !== 1) return selectGroup(target, value, ref);
    var el = target;
    if (el.tagName === "SELECT") return selectNative(el, value, ref);
    var wanted = asList(value);
    var type = el.tagName === "INPUT" ? U.inputType(el) : "";
    var button = el.getAttribute("aria-haspopup") === "listbox" && !isCombobox(el);
    if (!wanted.length) {
      // Nothing to choose on a custom dropdown: report its options (they exist only while it
      // is open), leaving it as it was. Anything else needs an option.
      if (!button && !isCombobox(el)) return result(ref, false, null, "no option given");
      var listed = await J.combobox.listOptions(el, { button: button, timeoutMs: opts && opts.timeoutMs });
      return result(ref, listed.ok, listed.value, listed.error);
    }
    if (type === "checkbox" || type === "radio") return check(el, wanted[0], ref);
    var fn = null;
    if (button) fn = J.combobox.selectListbox;
    else if (isCombobox(el)) fn = J.combobox.selectCombobox;
    if (!fn) return result(ref, false, null, "cannot select on " + describe(el));
    var last = null;
    for (var i = 0; i < wanted.length; i++) {
      last = await fn(el, wanted[i], opts);
      if (!last.ok) return result(ref, false, last.value, last.error);
    }
    return result(ref, true, last.value, null);
  }

  // --- check ---

  async function check(el, value, ref) {
    var want = typeof value === "boolean" ? value : TRUE.test(String(value == null ? "true" : value));
    if (el.tagName === "INPUT") {
      var type = U.inputType(el);
      if (type !== "checkbox" && type !== "radio") return result(ref, false, null, "cannot check " + describe(el));
      if (type === "radio" && !want && el.checked) return result(ref, false, "true", "a radio cannot be unchecked; choose another option");
      if (el.checked !== want) { E.scrollIntoView(el); el.click(); }
      await tick();
      var ok = el.checked === want;
      return result(ref, ok, String(el.checked), ok ? null : "the page did not keep the state");
    }
    var role = el.getAttribute("role");
    if (role === "checkbox" || role === "switch" || role === "radio" || role === "menuitemcheckbox") {
      var is = el.getAttribute("aria-checked") === "true";
      if (is !== want) E.mouseClick(el);
      await U.sleep(20);
      var now = el.getAttribute("aria-checked") === "true";
      return result(ref, now === want, String(now), now === want ? null : "the page did not keep the state");
    }
    return result(ref, false, null, "cannot check " + describe(el));
  }

  // --- click / upload ---

  async function click(el, ref) {
    E.mouseClick(el);
    await tick();
    return result(ref, true, null, null);
  }

  /** Run one action dict; never throws (errors become ok:false results). */
  async function applyOne(a) {
    var ref = a.ref || null;
    try {
      if (a.kind === "wait") {
        await U.sleep(Number(a.value) || 0);
        return result(ref, true, null, null);
      }
      if (!ref) return result(ref, false, null, "action " + a.kind + " needs a ref");
      var target = ref.charAt(0) === "g" ? J.refs.resolveGroup(ref) : J.refs.resolve(ref);
      var isGroup = ref.charAt(0) === "g";
      if (!target || (!isGroup && !target.isConnected)) {
        return result(ref, false, null, "unknown or removed ref " + ref + " (take a new snapshot: the page changed)");
      }
      switch (a.kind) {
        case "fill":
          if (isGroup) return select(target, a.value, ref, a);
          return await fill(target, a.value, ref);
        case "select":
          return await select(target, a.value, ref, { timeoutMs: a.timeout_ms });
        case "check":
          if (isGroup) return result(ref, false, null, "use select on a group");
          return await check(target, a.value, ref);
        case "upload":
          if (isGroup) return result(ref, false, null, "cannot upload into a group");
          var r = await J.upload.upload(target, (a.payload && a.payload.files) || []);
          return result(ref, r.ok, r.value, r.error);
        case "click":
          if (isGroup) return result(ref, false, null, "click a member ref, not the group");
          return await click(target, ref);
        default:
          return result(ref, false, null, "unknown action kind " + a.kind);
      }
    } catch (e) {
      return result(ref, false, null, String((e && e.message) || e));
    }
  }

  function isListing(a) {
    return !!a && a.kind === "select" && Array.isArray(a.value) && a.value.length === 0 &&
      !!a.ref && a.ref.charAt(0) !== "g";
  }

  /**
   * Options of several dropdowns in a row. A menu that fetches its list when it opens is
   * closed while "Loading..." and come back to after the others, so those requests run
   * side by side instead of one after another (a widget that starts its request again on
   * reopening costs one more request, not more time); reading options changes nothing on
   * the page, so the order they are read in is not the caller's concern.
   */
  async function listRun(actions) {
    var out = new Array(actions.length);
    var later = [];
    for (var i = 0; i < actions.length; i++) {
      var a = actions[i];
      var el = J.refs.resolve(a.ref);
      var custom = el && el.isConnected && el.nodeType === 1 && el.tagName !== "SELECT" &&
        (isCombobox(el) || el.getAttribute("aria-haspopup") === "listbox");
      if (!custom) { out[i] = await applyOne(a); continue; }
      var button = el.getAttribute("aria-haspopup") === "listbox" && !isCombobox(el);
      var r;
      try {
        r = await J.combobox.listOptions(el, { button: button, deferLoading: true });
      } catch (e) {
        r = { ok: false, value: null, error: String((e && e.message) || e) };
      }
      if (r.loading) later.push(i);
      else out[i] = result(a.ref, r.ok, r.value, r.error);
    }
    for (var k = 0; k < later.length; k++) out[later[k]] = await applyOne(actions[later[k]]);
    return out;
  }

  /** Run actions in order; one result per action. */
  async function apply(actions) {
    var list = actions || [];
    var out = [];
    for (var i = 0; i < list.length;) {
      if (isListing(list[i]) && isListing(list[i + 1])) {
        var j = i;
        while (j < list.length && isListing(list[j])) j++;
        out.push.apply(out, await listRun(list.slice(i, j)));
        i = j;
        continue;
      }
      if (plainBox(list[i]) && plainBox(list[i + 1]) && list[i + 1].ref !== list[i].ref) {
        // each box once per run: a box typed twice is checked after each time
        var k = i;
        var seen = {};
        while (k < list.length && plainBox(list[k]) && !seen[list[k].ref]) seen[list[k++].ref] = true;
        out.push.apply(out, await typeRun(list.slice(i, k)));
        i = k;
        continue;
      }
      out.push(await applyOne(list[i]));
      i++;
    }
    return out;
  }

  J.inject = { apply: apply, applyOne: applyOne, fill: fill, select: select, check: check };
})();
