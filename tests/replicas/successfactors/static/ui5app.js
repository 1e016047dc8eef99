// The SuccessFactors replica's application page (invented content), written like the UI5
// app SuccessFactors Recruiting renders: it loads its form definition, renders sap.m-style
// controls with generated ids (view prefix "__xmlview0--", list clones
// "<template>-<list>-<n>"), inner <input>s with labels, sap.m.Select dropdowns whose list is
// rendered into a popover only while open, sap.m.CheckBox divs around a native checkbox,
// DatePickers, a FileUploader whose resume is parsed to prefill the form (with a parser's
// mistakes), Work Experience / Education lists with Add and Delete, value-state errors from
// the server, and an in-page confirmation.
(function () {
  "use strict";
  var root = document.getElementById("sfApplyApp");
  if (!root) return;
  var V = "__xmlview0--";
  var req = root.getAttribute("data-req"), sid = root.getAttribute("data-sid");
  var state = { values: {}, files: {}, rows: { outsideWorkExperience: [], education: [] } };
  var def = null;
  var fileInputs = {};

  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
      if (k === "text") el.textContent = attrs[k];
      else el.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) el.appendChild(c); });
    return el;
  }

  function label(id, text, required, forId) {
    return h("label", { id: id + "-label", "class": "sapMLabel" + (required ? " sapMLabelRequired" : ""), "for": forId || null }, [
      h("span", { "class": "sapMLabelTextWrapper" }, [h("bdi", { text: text })]),
    ]);
  }

  // --- controls ------------------------------------------------------------------------
  function input(id, f, value, onChange) {
    var inner = h("input", {
      id: id + "-inner", "class": "sapMInputBaseInner", type: f.type || "text", value: value || "",
      "aria-required": f.required ? "true" : null, readonly: f.readonly ? "readonly" : null,
      placeholder: f.kind === "date" ? "MM/dd/yyyy" : null, "aria-labelledby": id + "-label",
    });
    inner.addEventListener("input", function () { onChange(inner.value); });
    inner.addEventListener("change", function () { onChange(inner.value); });
    var cls = f.kind === "date" ? "sapMInputBase sapMDP" : "sapMInputBase sapMInput";
    return h("div", { "class": "sapMField" }, [label(id, f.label, f.required, id + "-inner"),
      h("div", { id: id, "class": cls }, [h("div", { "class": "sapMInputBaseContentWrapper" }, [inner])])]);
  }

  function closePopovers(onlyOwner) {
    var area = document.getElementById("sap-ui-static");
    Array.prototype.slice.call(area.children).forEach(function (p) {
      if (onlyOwner && p.getAttribute("data-owner") !== onlyOwner) return;
      var owner = document.getElementById(p.getAttribute("data-owner"));
      if (owner) { owner.setAttribute("aria-expanded", "false"); owner.removeAttribute("aria-controls"); }
      p.remove();
    });
  }

  function select(id, f, value, onChange) {
    var shown = h("span", { id: id + "-text", "class": "sapMSelectListItemText", text: value || "" });
    var box = h("div", {
      id: id, "class": "sapMSelect", role: "combobox", "aria-haspopup": "listbox", "aria-expanded": "false",
      "aria-labelledby": id + "-label", "aria-required": f.required ? "true" : null, tabindex: "0",
    }, [shown, h("span", { "class": "sapMSltArrow", "aria-hidden": "true" })]);
    box.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" || ev.key === "Tab") closePopovers(id); // UI5 closes the picker
    });
    // The picker closes when the focus left the select for good: not when it went into the
    // picker, nor when it came back to the select meanwhile (a list opened since then stays).
    box.addEventListener("focusout", function () { setTimeout(function () {
      var now = document.activeElement;
      if (!now || (now !== box && !now.closest("#sap-ui-static"))) closePopovers(id);
    }, 150); });
    box.addEventListener("click", function (ev) {
      ev.stopPropagation();
      if (box.getAttribute("aria-expanded") === "true") { closePopovers(); return; }
      closePopovers();
      // The list exists only while open, a moment after the click (UI5 renders it lazily).
      setTimeout(function () {
        var list = h("ul", { id: id + "-list", role: "listbox", "class": "sapMSelectList", "aria-labelledby": id + "-label" });
        (f.options || []).forEach(function (text, n) {
          var item = h("li", { id: id + "-item-" + n, role: "option", "class": "sapMSelectListItem",
            "aria-selected": text === shown.textContent ? "true" : "false", text: text });
          item.addEventListener("click", function (e2) {
            e2.stopPropagation();
            shown.textContent = text;
            onChange(text);
            closePopovers();
            box.dispatchEvent(new Event("change", { bubbles: true }));
          });
          list.appendChild(item);
        });
        var r = box.getBoundingClientRect();
        var pop = h("div", { "class": "sapMPopover sapMSltPicker", "data-owner": id,
          style: "position:absolute;left:" + (r.left + window.scrollX) + "px;top:" + (r.bottom + window.scrollY) + "px" }, [list]);
        document.getElementById("sap-ui-static").appendChild(pop);
        box.setAttribute("aria-expanded", "true");
        box.setAttribute("aria-controls", id + "-list");
      }, 30);
    });
    return h("div", { "class": "sapMField" }, [label(id, f.label, f.required, null), box]);
  }

  function checkbox(id, f, checked, onChange) {
    var cb = h("input", { type: "checkbox", id: id + "-CB", "class": "sapMCbInput", tabindex: "-1" });
    cb.checked = !!checked;
    var box = h("div", { id: id, role: "checkbox", "aria-checked": checked ? "true" : "false", "class": "sapMCb",
      tabindex: "0", "aria-labelledby": id + "-label", "aria-required": f.required ? "true" : null },
      [h("div", { "class": "sapMCbBg" }, [cb]), label(id, f.label, f.required, id + "-CB")]);
    function sync() { box.setAttribute("aria-checked", cb.checked ? "true" : "false"); onChange(cb.checked); }
    cb.addEventListener("change", sync);
    box.addEventListener("click", function (ev) {
      if (ev.target === cb || (ev.target.closest && ev.target.closest("label"))) return; // native toggle
      cb.checked = !cb.checked; sync();
    });
    return box;
  }

  function fileUploader(id, f, chosenName, onFile) {
    var name = h("input", { id: id + "-fu_input-inner", "class": "sapMInputBaseInner", readonly: "readonly",
      placeholder: "No file selected", "aria-hidden": "true", tabindex: "-1", value: chosenName || "" });
    // Like UI5's FileUploader, the native input survives re-rendering (it holds the file).
    var file = fileInputs[id];
    if (file) return h("div", { "class": "sapMField" }, [label(id, f.label, f.required, id + "-fu"),
      h("div", { id: id, "class": "sapUiFup" }, [name, h("span", { "class": "sapMBtn sapUiFupBtn" }, [h("bdi", { text: "Browse..." })]), file])]);
    file = fileInputs[id] = h("input", { type: "file", id: id + "-fu", name: id, "class": "sapUiFupInputMask",
      "aria-required": f.required ? "true" : null });
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) return;
      name.value = chosen.name;
      var reader = new FileReader();
      reader.onload = function () { onFile(chosen, String(reader.result).split(",", 2)[1] || ""); };
      reader.readAsDataURL(chosen);
    });
    return h("div", { "class": "sapMField" }, [label(id, f.label, f.required, id + "-fu"),
      h("div", { id: id, "class": "sapUiFup" }, [name, h("span", { "class": "sapMBtn sapUiFupBtn" }, [h("bdi", { text: "Browse..." })]), file])]);
  }

  function control(id, f, get, set) {
    if (f.kind === "select") return select(id, f, get(), set);
    if (f.kind === "checkbox") return checkbox(id, f, get(), set);
    return input(id, f, get(), set);
  }

  // --- rows ----------------------------------------------------------------------------
  function renderRows(kind, container) {
    container.innerHTML = "";
    var title = def.rowTitles[kind];
    var list = V + (kind === "education" ? "eduRows" : "workRows");
    state.rows[kind].forEach(function (row, n) {
      var item = h("div", { id: list + "-" + n, "class": "sapMLIB sapMCLI sfRow" }, [h("h3", { "class": "sapMTitle", text: title + " " + (n + 1) })]);
      def.rows[kind].forEach(function (f) {
        var id = V + f.id + "-" + list + "-" + n;
        item.appendChild(control(id, f, function () { return row[f.id]; }, function (v) { row[f.id] = v; }));
      });
      var del = h("button", { type: "button", id: V + "delete-" + list + "-" + n, "class": "sapMBtn sapMBtnTransparent",
        "aria-label": "Delete " + title + " " + (n + 1) }, [h("span", { "class": "sapMBtnInner" }, [h("bdi", { text: "Delete" })])]);
      del.addEventListener("click", function () { state.rows[kind].splice(n, 1); renderRows(kind, container); });
      item.appendChild(del);
      container.appendChild(item);
    });
  }

  function rowsPanel(section) {
    var kind = section.rows;
    var container = h("div", { id: V + section.id + "-list", "class": "sapMList" });
    var add = h("button", { type: "button", id: V + "add-" + kind, "class": "sapMBtn" },
      [h("span", { "class": "sapMBtnInner" }, [h("bdi", { text: "Add " + def.rowTitles[kind] })])]);
    add.addEventListener("click", function () { state.rows[kind].push({}); renderRows(kind, container); });
    renderRows(kind, container);
    return [container, add];
  }

  // --- parsing ---------------------------------------------------------------------------
  function prefill(data) {
    Object.keys(data.values || {}).forEach(function (k) { state.values[k] = data.values[k]; });
    state.rows.outsideWorkExperience = data.outsideWorkExperience || [];
    state.rows.education = data.education || [];
    render();
    var strip = document.getElementById(V + "parseStrip");
    if (strip) strip.textContent = "We filled in your application from your resume. Please review it.";
  }

  function onResume(fieldId, file, b64) {
    state.files[fieldId] = { filename: file.name, mime: file.type, data: b64 };
    fetch("/careerapi/parse?sid=" + encodeURIComponent(sid), {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ filename: file.name, data: b64 }),
    }).then(function (r) { return r.json(); }).then(prefill).catch(function () {});
  }

  // --- page ------------------------------------------------------------------------------
  function render() {
    var page = h("div", { id: V + "page", "class": "sapMPage" }, [
      h("h1", { "class": "sapMTitle sapMTitleStyleH2", text: "Apply: " + def.title }),
      h("div", { id: V + "messageStrip", "class": "sapMMsgStrip", role: "alert", hidden: true }),
      h("div", { id: V + "parseStrip", "class": "sapMMsgStrip sapMMsgStripInformation" }),
    ]);
    def.sections.forEach(function (section) {
      var panel = h("section", { id: V + section.id, "class": "sapMPanel" }, [h("h2", { "class": "sapMTitle", text: section.title })]);
      if (section.rows) {
        rowsPanel(section).forEach(function (c) { panel.appendChild(c); });
      } else {
        section.fields.forEach(function (f) {
          var id = V + f.id;
          if (f.kind === "file") {
            var chosen = state.files[f.id] && state.files[f.id].filename;
            panel.appendChild(fileUploader(id, f, chosen, function (file, b64) {
              if (f.parse) onResume(f.id, file, b64); else state.files[f.id] = { filename: file.name, mime: file.type, data: b64 };
            }));
          } else {
            panel.appendChild(control(id, f, function () { return state.values[f.id]; }, function (v) { state.values[f.id] = v; }));
          }
        });
      }
      page.appendChild(panel);
    });
    var apply = h("button", { type: "button", id: V + "applyButton", "class": "sapMBtn sapMBtnEmphasized" },
      [h("span", { "class": "sapMBtnInner" }, [h("bdi", { text: "Apply" })])]);
    var draft = h("button", { type: "button", id: V + "saveDraftButton", "class": "sapMBtn" },
      [h("span", { "class": "sapMBtnInner" }, [h("bdi", { text: "Save Draft" })])]);
    apply.addEventListener("click", submit);
    draft.addEventListener("click", function () { fetch("/careerapi/draft?sid=" + encodeURIComponent(sid), { method: "POST", body: "{}" }); });
    page.appendChild(h("footer", { "class": "sapMPageFooter sapMBar" }, [draft, apply]));
    root.innerHTML = "";
    root.appendChild(page);
  }

  function showErrors(errors) {
    var strip = document.getElementById(V + "messageStrip");
    strip.hidden = false;
    strip.textContent = "Please correct the " + errors.length + " error(s) below.";
    errors.forEach(function (err) {
      var id = V + err.field;
      var ctl = document.getElementById(id + "-inner") || document.getElementById(id + "-fu") ||
        document.getElementById(id + "-CB") || document.getElementById(id);
      var holder = document.getElementById(id);
      if (holder) holder.classList.add("sapMInputBaseErrorState");
      var msg = h("div", { id: id + "-message", "class": "sapMValueStateMessage sapMValueStateMessageError", text: err.message });
      (holder ? holder.parentElement : root).appendChild(msg);
      if (ctl) { ctl.setAttribute("aria-invalid", "true"); ctl.setAttribute("aria-describedby", id + "-message"); }
    });
  }

  var sending = false;
  function submit() {
    if (sending) return;
    sending = true;
    closePopovers();
    fetch("/careerapi/apply?sid=" + encodeURIComponent(sid), {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ req: req, values: state.values, rows: state.rows, files: state.files }),
    }).then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        sending = false;
        if (!res.ok) { render(); showErrors(res.body.errors || []); return; }
        root.innerHTML = "";
        root.appendChild(h("div", { "class": "sapMMessagePage", role: "status" }, [
          h("h2", { "class": "sapMTitle", text: "Thank you for applying" }),
          h("p", { text: "Your application for " + def.title + " has been submitted. We will contact you by e-mail." }),
        ]));
      }).catch(function () { sending = false; });
  }

  document.addEventListener("click", function () { closePopovers(); });
  fetch("/careerapi/form?req=" + encodeURIComponent(req) + "&sid=" + encodeURIComponent(sid))
    .then(function (r) { return r.json(); })
    .then(function (d) { def = d; Object.keys(d.values || {}).forEach(function (k) { state.values[k] = d.values[k]; }); render(); });
})();
