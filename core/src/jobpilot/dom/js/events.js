/*
 * JobPilot DOM layer — events.js
 *
 * The event sequences frameworks listen to. React tracks an input's value on the element
 * instance, so `el.value = x` is invisible to it; the *prototype* setter plus a bubbling
 * `input` event is what a keystroke looks like. react-select opens and picks on
 * `mousedown`, so clicks are sent as pointer/mouse down-up-click. Events are built from the
 * element's own window so same-origin iframes work too.
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.events) return;
  var U = J.util;

  /** The native setter of `prop` from the prototype chain (skipping instance overrides). */
  function nativeSetter(el, prop) {
    for (var p = Object.getPrototypeOf(el); p; p = Object.getPrototypeOf(p)) {
      var d = Object.getOwnPropertyDescriptor(p, prop);
      if (d && d.set) return d.set;
    }
    return null;
  }

  function setValue(el, value) {
    var set = nativeSetter(el, "value");
    if (set) set.call(el, value);
    else el.value = value;
  }

  function setProp(el, prop, value) {
    var set = nativeSetter(el, prop);
    if (set) set.call(el, value);
    else el[prop] = value;
  }

  function fire(el, type, init) {
    var w = U.winOf(el);
    var opts = { bubbles: true, cancelable: true, composed: true };
    if (init) for (var k in init) opts[k] = init[k];
    var Ctor = w.Event;
    if ((type === "input" || type === "beforeinput") && w.InputEvent) Ctor = w.InputEvent;
    else if (type === "focus" || type === "blur" || type === "focusin" || type === "focusout") Ctor = w.FocusEvent;
    return el.dispatchEvent(new Ctor(type, opts));
  }

  function focus(el) {
    try { el.focus({ preventScroll: true }); } catch (e) { /* not focusable */ }
  }

  function blur(el) {
    try { el.blur(); } catch (e) { /* ignore */ }
  }

  function scrollIntoView(el) {
    try { el.scrollIntoView({ block: "center", inline: "nearest" }); } catch (e) { /* detached */ }
  }

  function pointer(el, type, x, y, buttons) {
    var w = U.winOf(el);
    var init = {
      bubbles: true, cancelable: true, composed: true, view: w, clientX: x, clientY: y,
      button: 0, buttons: buttons, detail: 1,
    };
    if (type.lastIndexOf("pointer", 0) === 0) {
      if (!w.PointerEvent) return;
      init.pointerId = 1;
      init.pointerType = "mouse";
      init.isPrimary = true;
      el.dispatchEvent(new w.PointerEvent(type, init));
    } else {
      el.dispatchEvent(new w.MouseEvent(type, init));
    }
  }

  /** A mouse-like click: pointerdown, mousedown, pointerup, mouseup, click at the centre. */
  function mouseClick(el) {
    scrollIntoView(el);
    var r = el.getBoundingClientRect();
    var x = r.left + r.width / 2;
    var y = r.top + r.height / 2;
    pointer(el, "pointerover", x, y, 0);
    pointer(el, "mouseover", x, y, 0);
    pointer(el, "pointerdown", x, y, 1);
    pointer(el, "mousedown", x, y, 1);
    pointer(el, "pointerup", x, y, 0);
    pointer(el, "mouseup", x, y, 0);
    if (typeof el.click === "function") el.click();
    else pointer(el, "click", x, y, 0);
  }

  function key(el, k) {
    var w = U.winOf(el);
    var init = { key: k, code: k, bubbles: true, cancelable: true, composed: true };
    el.dispatchEvent(new w.KeyboardEvent("keydown", init));
    el.dispatchEvent(new w.KeyboardEvent("keyup", init));
  }

  J.events = {
    nativeSetter: nativeSetter,
    setValue: setValue,
    setProp: setProp,
    fire: fire,
    focus: focus,
    blur: blur,
    scrollIntoView: scrollIntoView,
    mouseClick: mouseClick,
    pointer: pointer,
    key: key,
  };
})();
