// The Oracle Recruiting Cloud replica's Candidate Experience app (invented content), written
// like Oracle's knockout/JET single-page app: routes under /hcmUI/CandidateExperience/... with
// history.pushState; the e-mail step (terms in a dialog, a honeypot); a 6-digit PIN e-mailed to
// a returning candidate; the apply flow's sections of input-rows (input-row__control), pill
// lists (cx-select-pills-container: buttons with aria-pressed), cx-select comboboxes (an input
// whose list filters as you type and renders only while open), visually hidden radios with
// labels, an experience timeline where each job or school is added through an editor and
// saved as a card, supporting documents, diversity questions, the e-signature; Submit, then
// the thank-you page.
(function () {
  "use strict";
  var app = document.getElementById("cx-app");
  var base = app.getAttribute("data-base"); // /hcmUI/CandidateExperience/en/sites/CX_4
  var st = { email: "", token: "", def: null, values: {}, items: { experience: [], education: [] }, files: {} };
  var uid = 30;

  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") el.textContent = v; else el.setAttribute(k, v === true ? "" : v);
    });
    (kids || []).forEach(function (c) { if (c) el.appendChild(c); });
    return el;
  }
  function api(path, body) {
    return fetch(base + "/api/" + path, { method: "POST", headers: { "Content-Type": "application/json", "X-Token": st.token },
      body: JSON.stringify(body || {}) }).then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); });
  }
  function go(path) { history.pushState({}, "", base + path); route(); }
  window.addEventListener("popstate", route);

  function row(kind, labelText, control, id, required) {
    return h("div", { "class": "input-row input-row--" + kind, "data-qa": id }, [
      h("label", { "class": "input-row__label" + (required ? " input-row__label--required" : ""), "for": id + "-" + uid, id: "labelText-" + id + "-" + uid },
        [h("span", { "class": "input-row__linebreak", text: labelText })]),
      control]);
  }
  function text(f, value, onChange) {
    var id = f.id + "-" + (++uid);
    var input = h("input", { "class": "input-row__control", id: id, name: f.id, type: f.type || "text", value: value || "",
      "aria-required": f.required ? "true" : null, readonly: f.readonly ? "readonly" : null, autocomplete: f.autocomplete || null });
    input.addEventListener("input", function () { onChange(input.value); });
    uid--; var r = row("text", f.label, input, f.id, f.required); uid++;
    r.querySelector("label").setAttribute("for", id);
    return r;
  }
  function pills(f, value, onChange) {
    var buttons = f.options.map(function (o) {
      var b = h("button", { type: "button", "aria-pressed": o === value ? "true" : "false", "class": "cx-select-pill-section" + (o === value ? " cx-select-pill-section--selected" : "") },
        [h("span", { "class": "cx-select-pill-name", text: o })]);
      b.addEventListener("click", function () {
        buttons.forEach(function (x) { x.setAttribute("aria-pressed", "false"); x.classList.remove("cx-select-pill-section--selected"); });
        b.setAttribute("aria-pressed", "true"); b.classList.add("cx-select-pill-section--selected"); onChange(o);
      });
      return b;
    });
    var list = h("ul", { role: "list", "aria-label": f.label, "class": "cx-select-pills-container" }, buttons.map(function (b) { return h("li", { role: "listitem" }, [b]); }));
    var id = f.id + "-" + (++uid);
    return h("div", { "class": "input-row input-row--has-picker" }, [
      h("label", { "class": "input-row__label" + (f.required ? " input-row__label--required" : ""), "for": id }, [h("span", { "class": "input-row__linebreak", text: f.label })]),
      h("div", { "class": "input-row__control-container", "data-qa": f.id }, [list])]);
  }
  function radios(f, value, onChange) {
    var name = f.id + "-" + (++uid);
    var kids = [];
    f.options.forEach(function (o, n) {
      var rid = name + "-" + n;
      var r = h("input", { type: "radio", "class": "input-row__hidden-control apply-flow-input-radio-control", value: o, id: rid, name: name, required: f.required ? "true" : null });
      r.checked = o === value;
      r.addEventListener("change", function () { if (r.checked) onChange(o); });
      kids.push(r, h("label", { "class": "apply-flow-input-radio", "for": rid }, [h("span", { "class": "apply-flow-input-radio__label", text: o })]));
    });
    return h("div", { "class": "input-row input-row--radiogroup", role: "radiogroup", "aria-labelledby": name + "-label" }, [
      h("label", { "class": "input-row__label" + (f.required ? " input-row__label--required" : ""), id: name + "-label" }, [h("span", { "class": "input-row__linebreak", text: f.label })]),
      h("div", { "class": "input-row__control-container" }, kids)]);
  }
  // Close every open list, or only `owner`'s (a field's own blur must not close another's).
  function closeLists(owner) {
    document.querySelectorAll(".cx-select__dropdown").forEach(function (d) { if (!owner || d.getAttribute("data-owner") === owner) d.remove(); });
    document.querySelectorAll(".cx-select-input[aria-expanded=true]").forEach(function (i) { if (!owner || i.id === owner) i.setAttribute("aria-expanded", "false"); });
  }
  function combo(f, value, onChange) {
    var id = f.id + "-" + (++uid);
    var input = h("input", { autocomplete: "none", name: f.id, id: id, type: "text", role: "combobox", "aria-autocomplete": "list",
      "aria-expanded": "false", "aria-required": f.required ? "true" : null, "class": "cx-select-input", value: value || "" });
    var committed = value || "";
    function open(filter) {
      closeLists();
      var q = (filter || "").toLowerCase();
      var list = h("ul", { role: "listbox", id: id + "-list", "class": "cx-select__list" });
      f.options.filter(function (o) { return !q || o.toLowerCase().indexOf(q) >= 0; }).forEach(function (o, n) {
        var li = h("li", { role: "option", id: id + "-opt-" + n, "class": "cx-select__list-item", "aria-selected": o === committed ? "true" : "false", text: o });
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
        li.addEventListener("click", function () { committed = o; input.value = o; onChange(o); closeLists(id);
          input.dispatchEvent(new Event("change", { bubbles: true })); });
        list.appendChild(li);
      });
      var r = input.getBoundingClientRect();
      document.body.appendChild(h("div", { "class": "cx-select__dropdown", "data-owner": id, style: "position:absolute;left:" + (r.left + scrollX) + "px;top:" + (r.bottom + scrollY) + "px" }, [list]));
      input.setAttribute("aria-expanded", "true");
      input.setAttribute("aria-controls", id + "-list");
    }
    input.addEventListener("mousedown", function () { setTimeout(function () { open(""); }, 20); });
    input.addEventListener("input", function () { setTimeout(function () { open(input.value); }, 40); });
    input.addEventListener("keydown", function (ev) { if (ev.key === "Escape") closeLists(id); });
    // Like the knockout component: text that is not a chosen option does not stay. A blur
    // whose field has the focus again by then is over: the list opened since stays open.
    input.addEventListener("blur", function () { setTimeout(function () {
      if (document.activeElement === input) return;
      if (input.value !== committed) input.value = committed;
      closeLists(id);
    }, 200); });
    uid--; var r = row("has-picker", f.label, h("div", { "class": "input-row__control-container", "data-qa": f.id }, [input]), f.id, f.required); uid++;
    r.querySelector("label").setAttribute("for", id);
    return r;
  }
  function phone(f) {
    // As Oracle renders it: the dial-code picker carries the name and the row's label, the
    // number box only an aria-label.
    var code = combo({ id: "phoneCountryCode", label: "Country code", options: f.options, required: f.required },
      st.values.phoneCountryCode, function (v) { st.values.phoneCountryCode = v; });
    var input = code.querySelector("input");
    input.id = "country-codes-dropdownphoneNumber"; input.name = "phoneNumber"; input.setAttribute("aria-label", "Country code");
    var tel = h("input", { type: "tel", "class": "input-row__control phone-row__input", "aria-label": "Phone Number",
      "aria-required": f.required ? "true" : null, value: st.values.phoneNumber || "" });
    tel.addEventListener("input", function () { st.values.phoneNumber = tel.value; });
    return h("div", { "class": "input-row input-row--with-placeholder input-row--has-picker" }, [
      h("label", { "class": "input-row__label", "for": "country-codes-dropdownphoneNumber", id: "phoneNumberGroupLabel" },
        [h("span", { "class": "input-row__linebreak", text: f.label })]),
      h("div", { "class": "input-row-composite__inputs phone-row", role: "group", "aria-labelledby": "phoneNumberGroupLabel" }, [
        h("div", { "class": "phone-row__prefix" }, [input]), h("div", { "class": "phone-row__number" }, [tel])])]);
  }
  function checkbox(f, value, onChange) {
    var id = f.id;
    var cb = h("input", { type: "checkbox", "class": "input-row__hidden-control", id: id, required: f.required ? "" : null });
    cb.checked = !!value;
    cb.addEventListener("change", function () { onChange(cb.checked); });
    return h("label", { "class": "input-row apply-flow-agreement", "for": id }, [cb, h("span", { "class": "input-row__checkbox-label", id: id + "-label", text: f.label })]);
  }
  function fileRow(f) {
    var id = f.id + "-upload";
    var input = h("input", { type: "file", id: id, name: f.id, "class": "file-form-element__input input-row__hidden-control", accept: ".pdf,.doc,.docx" });
    var name = h("span", { "class": "file-form-element__name", text: (st.files[f.id] || {}).filename || "" });
    input.addEventListener("change", function () {
      var file = input.files && input.files[0]; if (!file) return;
      var reader = new FileReader();
      reader.onload = function () { st.files[f.id] = { filename: file.name, data: String(reader.result).split(",", 2)[1] || "" }; name.textContent = file.name; };
      reader.readAsDataURL(file);
    });
    return h("div", { "class": "input-row file-form-element" }, [
      h("label", { "class": "input-row__label" + (f.required ? " input-row__label--required" : ""), "for": id, text: f.label }),
      h("span", { "class": "button file-form-element__button" }, [h("span", { text: "Upload Resume" }), input]), name]);
  }
  function control(f, get, set) {
    if (f.kind === "pills") return pills(f, get(), set);
    if (f.kind === "radios") return radios(f, get(), set);
    if (f.kind === "combo") return combo(f, get(), set);
    if (f.kind === "checkbox") return checkbox(f, get(), set);
    if (f.kind === "file") return fileRow(f);
    if (f.kind === "phone") return phone(f);
    return text(f, get(), set);
  }

  // --- pages --------------------------------------------------------------------------
  function page(title, kids) {
    app.innerHTML = "";
    app.appendChild(h("main", { id: "main", "class": "app-content" }, [h("h1", { "class": "apply-flow__title", text: title })].concat(kids)));
  }
  function errorBox(messages) {
    return h("div", { "class": "apply-flow-errors", role: "alert" }, messages.map(function (m) { return h("p", { "class": "input-row__validation-message", text: m }); }));
  }

  function jobPage(job) {
    var apply = h("button", { type: "button", "class": "button apply-now-button theme-color-1", "data-qa": "applyNowBtn", text: "Apply Now" });
    apply.addEventListener("click", function () { go("/job/" + job + "/apply/email"); });
    page(st.def ? st.def.title : "Job", [h("div", { "class": "job-details__description", text: "Northstar Freight runs cold-chain logistics across the Midwest. You will build the services dispatchers and drivers rely on." }), apply]);
  }

  function emailPage(job, problems) {
    var email = text({ id: "primary-email", label: "Email Address", type: "email", required: true, autocomplete: "email" }, st.email, function (v) { st.email = v; });
    var honey = text({ id: "honey-pot", label: "Leave this empty" }, "", function (v) { st.honey = v; });
    honey.classList.add("input-row--invisible"); honey.setAttribute("aria-hidden", "true");
    honey.querySelector("input").setAttribute("tabindex", "-1");
    var terms = checkbox({ id: "legal-disclaimer-checkbox", label: "I agree with the terms and conditions", required: true }, st.terms, function (v) { st.terms = v; });
    var next = h("button", { type: "submit", "class": "button buttons-bar__button theme-color-1", text: "Next" });
    var form = h("form", { "class": "apply-flow__content apply-flow-email" }, [problems ? errorBox(problems) : null, email, honey, terms,
      h("button", { type: "button", id: "legal-disclaimer-link", "class": "link", text: "Read the terms and conditions" }), next]);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      api("email", { email: st.email, terms: !!st.terms, honey: st.honey || "", job: job }).then(function (r) {
        if (!r.ok) { emailPage(job, r.body.errors); return; }
        st.token = r.body.token || "";
        go("/job/" + job + (r.body.pin ? "/apply/pin" : "/apply/section/1"));
      });
    });
    page("Apply for " + (st.def ? st.def.title : "this job"), [form]);
  }

  function pinPage(job, problems) {
    var pin = text({ id: "pin-code", label: "Verification Code", required: true, autocomplete: "one-time-code" }, "", function (v) { st.pin = v; });
    pin.querySelector("input").setAttribute("inputmode", "numeric"); pin.querySelector("input").setAttribute("maxlength", "6");
    if (problems) { pin.querySelector("input").setAttribute("aria-invalid", "true"); pin.querySelector("input").setAttribute("aria-describedby", "pin-error"); }
    var verify = h("button", { type: "submit", "class": "button theme-color-1", text: "Verify" });
    var form = h("form", { "class": "apply-flow__content pin-code-form" }, [
      h("p", { "class": "pin-code__message", text: "We sent a 6-digit verification code to " + st.email.replace(/^(.).*(@.*)$/, "$1***$2") + ". Enter it to continue your application." }),
      pin, problems ? h("p", { id: "pin-error", "class": "input-row__validation-message", text: problems[0] }) : null, verify,
      h("button", { type: "button", "class": "link", text: "Send a new code" })]);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      api("pin", { pin: st.pin || "" }).then(function (r) { if (!r.ok) pinPage(job, r.body.errors); else { st.token = r.body.token; go("/job/" + job + "/apply/section/1"); } });
    });
    page("Confirm Your Identity", [form]);
  }

  function applyFlow(job, problems) {
    var def = st.def;
    var sections = def.sections.map(function (s, n) {
      var kids = [h("h2", { "class": "apply-flow-block__title", text: s.title })];
      if (s.timeline) kids.push(timeline(s.timeline));
      (s.fields || []).forEach(function (f) {
        kids.push(control(f, function () { return st.values[f.id]; }, function (v) { st.values[f.id] = v; }));
      });
      return h("div", { "class": "apply-flow-section", "data-section-number": String(n + 1) }, [
        h("div", { "class": "apply-flow-block apply-flow-block--" + s.block }, [h("div", { "class": "apply-flow-block__form-list" }, kids)])]);
    });
    var submit = h("button", { type: "submit", "class": "button buttons-bar__button theme-color-1", "data-qa": "applyFlowSubmitButton", text: "Submit" });
    var form = h("form", { "class": "apply-flow__content apply-flow__content-form standard-apply-flow", novalidate: "" },
      [problems ? errorBox(problems) : null].concat(sections, [h("div", { "class": "buttons-bar" }, [submit])]));
    var sending = false;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (sending) return; sending = true;
      api("apply", { values: st.values, items: st.items, files: st.files }).then(function (r) {
        sending = false;
        if (!r.ok) { applyFlow(job, r.body.errors); return; }
        go("/job/" + job + "/apply/thank-you");
      });
    });
    page("Apply for " + def.title, [form]);
  }

  function timeline(kind) {
    var title = kind === "experience" ? "Experience" : "Education";
    var wrap = h("div", { "class": "timeline timeline--" + kind, "data-qa": kind + "-timeline" });
    st.items[kind].forEach(function (item, n) {
      var del = h("button", { type: "button", "class": "timeline-item__delete", "aria-label": "Delete " + title + " " + (n + 1), text: "Delete" });
      del.addEventListener("click", function () { st.items[kind].splice(n, 1); redraw(kind); });
      var sub = kind === "experience" ? item.JobTitle + " at " + item.EmployerName : (item.DegreeName || "") + " " + item.EducationalEstablishment;
      wrap.appendChild(h("div", { "class": "timeline-item", "data-qa": kind + "-item-" + n }, [h("span", { "class": "timeline-item__title", text: sub }), del]));
    });
    var add = h("button", { type: "button", "class": "button timeline__add-button", text: "Add " + title });
    add.addEventListener("click", function () { editor(kind, wrap, add); });
    wrap.appendChild(add);
    return wrap;
  }
  function editor(kind, wrap, add) {
    var item = {};
    var fields = st.def.timelineFields[kind];
    var title = kind === "experience" ? "Experience" : "Education";
    var box = h("div", { "class": "timeline-editor", role: "group", "aria-label": "New " + title }, fields.map(function (f) {
      return control(f, function () { return item[f.id]; }, function (v) { item[f.id] = v; });
    }));
    var save = h("button", { type: "button", "class": "button theme-color-1", text: "Save " + title });
    var cancel = h("button", { type: "button", "class": "button", text: "Cancel" });
    save.addEventListener("click", function () {
      var missing = fields.filter(function (f) { return f.required && !item[f.id]; });
      if (missing.length) { box.appendChild(errorBox(missing.map(function (f) { return f.label + " is required."; }))); return; }
      st.items[kind].push(item); redraw(kind);
    });
    cancel.addEventListener("click", function () { redraw(kind); });
    box.appendChild(save); box.appendChild(cancel);
    add.replaceWith(box);
  }
  // Like the knockout component, a saved or deleted entry redraws its own timeline only.
  function redraw(kind) {
    var old = document.querySelector(".timeline--" + kind);
    if (old) old.replaceWith(timeline(kind));
  }

  function thankYou() {
    page("Thank you for applying", [h("p", { "class": "apply-flow-thank-you", text: "Your application for " + st.def.title + " was submitted. We'll be in touch." })]);
  }

  function route() {
    closeLists();
    var rest = location.pathname.slice(base.length);
    var m = rest.match(/^\/job\/(\d+)(\/apply\/(email|pin|section\/\d+|thank-you))?\/?$/);
    if (!m) { page("Page not found", []); return; }
    var job = m[1], step = m[3];
    var load = st.def && st.def.job === job ? Promise.resolve() :
      fetch(base + "/api/definition?job=" + job).then(function (r) { return r.json(); }).then(function (d) { st.def = d; });
    load.then(function () {
      if (!step) jobPage(job);
      else if (step === "email") emailPage(job);
      else if (step === "pin") pinPage(job);
      else if (step === "thank-you") thankYou();
      else if (!st.token) go("/job/" + job + "/apply/email");
      else applyFlow(job);
    });
  }
  document.addEventListener("mousedown", function (ev) { if (!(ev.target instanceof Element) || !ev.target.closest(".cx-select__dropdown, .cx-select-input")) closeLists(); });
  route();
})();
