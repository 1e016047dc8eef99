/*
 * JobPilot DOM layer — upload.js
 *
 * Files arrive as base64 (the extension cannot hand the page a path, and the runner
 * prefers Playwright's set_input_files when it can). A real <input type=file> gets the
 * files through a DataTransfer plus input/change events; a drop zone without an input gets
 * dragenter/dragover/drop carrying the same DataTransfer, as a person dragging would.
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

  /** Upload into a file input, a container holding one, or a drop zone. */
  function upload(el, specs) {
    if (!specs || !specs.length) return { ok: false, error: "no file given", value: null };
    var target = isFileInput(el) ? el : el.querySelector && el.querySelector("input[type=file]");
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

  J.upload = { upload: upload, isFileInput: isFileInput, transfer: transfer };
})();
