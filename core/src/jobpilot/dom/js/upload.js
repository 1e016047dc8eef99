/*
 * JobPilot DOM layer — upload.js
 *
 * Files arrive as base64 (the extension cannot hand the page a path, and the runner
 * prefers Playwright's set_input_files when it can). A real <input type=file> gets the
 * files through a DataTransfer plus input/change events (hidden or not: display:none,
 * zero-size and opacity-0 inputs behind a styled button take files the same way); a drop
 * zone without an input gets dragenter/dragover/drop carrying the same DataTransfer, as a
 * person dragging would.
 *
 * A button that creates its <input type=file> only when clicked (and calls its click() to
 * open the file chooser) gets the files through that input: the click is made with the
 * input's click()/showPicker() answered here, the files set and `change` fired, instead of
 * a chooser opening. That needs this script in the page's own world (Playwright injects it
 * there; an extension content script runs in an isolated world and does not see the
 * page's calls).
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.upload) return;
  var U = J.util;
  var E = J.events;

  function bytes(b64) {
    var bin = atob(b64 || "");
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  /** specs: [{name, mime, data (base64)}] -> a DataTransfer of File objects in el's window. */
  function transfer(el, specs) {
    var w = U.winOf(el);
    var dt = new w.DataTransfer();
    specs.forEach(function (s) {
      dt.items.add(new w.File([bytes(s.data)], s.name || "file", { type: s.mime || "application/octet-stream" }));
    });
    return dt;
  }

  function names(files) {
    return Array.prototype.map.call(files || [], function (f) { return f.name; });
  }

  function isFileInput(el) {
    return el && el.tagName === "INPUT" && U.inputType(el) === "file";
  }

  function isPickerButton(el) {
    var tag = el.tagName;
    return tag === "BUTTON" || tag === "A" || el.getAttribute("role") === "button" ||
      (tag === "INPUT" && (U.inputType(el) === "button" || U.inputType(el) === "submit"));
  }

  /**
   * Click `el` with file inputs' click()/showPicker() answered by setting `specs` as their
   * files; resolves once an input took them (or after `timeoutMs`).
   */
  function viaPicker(el, specs, timeoutMs) {
    var w = U.winOf(el);
    var proto = w.HTMLInputElement.prototype;
    var origClick = proto.click;
    var origPicker = proto.showPicker;
    var wanted = specs.map(function (s) { return s.name || "file"; });
    var got = null;
    function answer(input) {
      if (!isFileInput(input)) return false;
      if (!input.multiple && specs.length > 1) { got = { error: "input accepts one file, got " + specs.length }; return true; }
      E.setProp(input, "files", transfer(input, specs).files);
      E.fire(input, "input");
      E.fire(input, "change");
      got = { names: names(input.files) };
      return true;
    }
    function restore() {
      proto.click = origClick;
      if (origPicker) proto.showPicker = origPicker;
    }
    proto.click = function () {
      if (!got && answer(this)) return;
      return origClick.apply(this, arguments);
    };
    if (origPicker) {
      proto.showPicker = function () {
        if (!got && answer(this)) return;
        return origPicker.apply(this, arguments);
      };
    }
    try {
      E.mouseClick(el);
    } catch (e) {
      restore();
      return Promise.resolve({ ok: false, value: null, error: String((e && e.message) || e) });
    }
    return U.poll(function () { return got; }, timeoutMs || 2000, 25).then(function () {
      restore();
      if (!got) return { ok: false, value: null, error: "the click opened no file input" };
      if (got.error) return { ok: false, value: null, error: got.error };
      var ok = got.names.join("\n") === wanted.join("\n");
      return { ok: ok, value: got.names, error: ok ? null : "the input holds " + JSON.stringify(got.names) };
    });
  }

  /**
   * Upload into a file input, a container holding one, a button that opens a file input
   * it creates, or a drop zone. Returns a result, or a promise of one (the picker path).
   */
  function upload(el, specs) {
    if (!specs || !specs.length) return { ok: false, error: "no file given", value: null };
    var target = isFileInput(el) ? el : el.querySelector && el.querySelector("input[type=file]");
    if (!target && isPickerButton(el)) return viaPicker(el, specs);
    var dt = transfer(el, specs);
    var wanted = specs.map(function (s) { return s.name || "file"; });
    if (target) {
      if (!target.multiple && specs.length > 1) {
        return { ok: false, error: "input accepts one file, got " + specs.length, value: null };
      }
      E.setProp(target, "files", dt.files);
      E.fire(target, "input");
      E.fire(target, "change");
      var got = names(target.files);
      var ok = got.join("\n") === wanted.join("\n");
      return { ok: ok, value: got, error: ok ? null : "the input holds " + JSON.stringify(got) };
    }
    var w = U.winOf(el);
    E.scrollIntoView(el);
    ["dragenter", "dragover", "drop"].forEach(function (type) {
      el.dispatchEvent(new w.DragEvent(type, {
        bubbles: true, cancelable: true, composed: true, dataTransfer: dt,
      }));
    });
    return { ok: true, value: wanted, error: null };
  }

  J.upload = { upload: upload, isFileInput: isFileInput, isPickerButton: isPickerButton, transfer: transfer };
})();
