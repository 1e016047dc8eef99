/*
 * SmartRecruiters one-click replica — the `oc-*` application (invented company, job and
 * questions; no captured markup or text).
 *
 * What it reproduces from the real one-click UI, because that is what makes it hard:
 * - an Angular-style app of `oc-*` elements in the light DOM around `spl-*` components with
 *   open shadow roots (components.js); the app keeps its own model, fed only by the
 *   components' `spl-change` events;
 * - page 1 "personal information": Easy Apply (a resume drop zone whose file the server
 *   parses, prefilling the form and adding experience/education entries, with the mistakes
 *   a parser makes), personal information with "Confirm your email", a city autocomplete
 *   fed by the server after typing, a phone field with a searchable country-code listbox,
 *   Experience and Education entries (cards with Edit/Delete, one entry form open at a
 *   time, Save/Cancel), web profiles, the Resume drop zone (uploaded at once), the message
 *   to the hiring team and the required privacy acknowledgement;
 * - page 2 screening questions (radios, selects, text, textarea; EEO questions), page 3
 *   review, then Submit, each page validated on Next with per-field errors and a summary;
 * - the pages swap in place (no reload); one submission per e-mail and publication (a second
 *   one is refused by the server).
 */
(function () {
  "use strict";
  var C = window.SR_REPLICA;
  var root = document.getElementById("oc-root");
  var S = {
    page: "personal",
    personal: { firstName: "", lastName: "", email: "", confirmEmail: "", location: "", phone: { country: C.defaultCountry, number: "" } },
    web: { linkedin: "", facebook: "", twitter: "", website: "" },
    experience: [],
    education: [],
    editing: null,
    resume: null,
    message: "",
    consent: false,
    answers: {},
    parsed: false,
  };
  window.SR_STATE = S; // for people debugging the replica by hand

  function esc(s) { return String(s == null ? "" : s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  function $(sel, scope) { return (scope || root).querySelector(sel); }
  function on(el, type, fn) { if (el) el.addEventListener(type, fn); }
  function button(test, text, kind, aria) {
    return '<oc-button data-test="' + test + '"><spl-button type="' + (kind || "primary") + '"' + (aria ? ' aria-label="' + esc(aria) + '"' : "") + ">" + esc(text) + "</spl-button></oc-button>";
  }
  function input(wrapTest, innerTest, id, label, opts) {
    opts = opts || {};
    return '<div data-test="' + wrapTest + '" class="spl-w-full"><oc-input data-test="' + innerTest + '">' +
      '<spl-input id="' + id + '" label="' + esc(label) + '" type="' + (opts.type || "text") + '"' + (opts.required ? " required" : "") +
      (opts.autocomplete ? ' inner-autocomplete="' + opts.autocomplete + '"' : "") + (opts.placeholder ? ' inner-placeholder="' + esc(opts.placeholder) + '"' : "") +
      "></spl-input></oc-input></div>";
  }
  /** Bind a component to a model slot: its value is set from the model, its changes go back. */
  function bind(sel, get, set, scope) {
    var el = $(sel, scope);
    if (!el) return;
    customElements.whenDefined(el.localName).then(function () { el.value = get(); });
    el.addEventListener("spl-change", function (ev) { if (ev.target === el) set(ev.detail.value); });
  }
  function api(method, url, body) {
    var init = { method: method, headers: {} };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) { init.body = JSON.stringify(body); init.headers["Content-Type"] = "application/json"; }
    return fetch(url, init).then(function (r) { return r.json().then(function (j) { return { status: r.status, body: j }; }); });
  }

  // --- page 1: personal information ---------------------------------------------------

  var MONTH_YEAR = /^(0[1-9]|1[0-2])\/(19|20)\d\d$/;
  var SECTIONS = {
    experience: {
      title: "Experience", add: "Add experience entry", entryLabel: "experience",
      fields: [
        ["title", "Title", true], ["company", "Company", true], ["location", "Office location", false],
        ["description", "Description", false, "textarea"], ["start", "From", true, "date"], ["end", "To", false, "date"],
      ],
      ids: { title: "title-input", company: "company-input", location: "office-location-input", description: "description-input", start: "start-date-input", end: "end-date-input", current: "current-job-input" },
      current: "I currently work here",
      summary: function (e) { return [e.title, e.company].filter(Boolean).join(" at ") + " · " + e.start + " – " + (e.current ? "Present" : e.end); },
    },
    education: {
      title: "Education", add: "Add education entry", entryLabel: "education",
      fields: [
        ["institution", "Institution", true], ["major", "Major", false], ["degree", "Degree", false],
        ["location", "School location", false], ["description", "Description", false, "textarea"],
        ["start", "From", false, "date"], ["end", "To", false, "date"],
      ],
      ids: { institution: "institution-input", major: "major-input", degree: "degree-input", location: "school-location-input", description: "description-input", start: "start-date-input", end: "end-date-input", current: "current-school-input" },
      current: "I currently attend",
      summary: function (e) { return [e.degree, e.major, e.institution].filter(Boolean).join(", ") + " · " + (e.start || "") + " – " + (e.current ? "Present" : e.end || ""); },
    },
  };

  function personalPage() {
    var countries = JSON.stringify(C.countries).replace(/"/g, "&quot;");
    return '<oc-oneclick-form>' +
      '<oc-easy-apply><div data-test="easy-apply-container" class="form-section">' +
      '<h3 class="c-spl-typography-title">Easy Apply</h3><p>Choose an option to autocomplete your application. You can still fill your profile manually.</p>' +
      '<oc-apply-with-resume class="spl-w-full"><spl-dropzone data-test="apply-with-resume-container" caption="Choose a file"></spl-dropzone></oc-apply-with-resume>' +
      "</div></oc-easy-apply>" +
      '<oc-prefill-success-banner>' + (S.parsed ? '<div role="status" data-test="prefill-banner">We filled in your profile from your resume. Please review it.</div>' : "") + "</oc-prefill-success-banner>" +
      '<oc-personal-information><div data-test="personal-information" class="form-section">' +
      '<h3 class="c-spl-typography-title">Personal information</h3><p>Fields marked with * are required.</p>' +
      input("personal-info-first-name", "personal-info-first-name-input", "first-name-input", "First name", { required: true, autocomplete: "given-name" }) +
      input("personal-info-last-name", "personal-info-last-name-input", "last-name-input", "Last name", { required: true, autocomplete: "family-name" }) +
      input("personal-info-email", "personal-info-email-input", "email-input", "Email", { required: true, type: "email", autocomplete: "email" }) +
      input("personal-info-email-confirm", "personal-info-email-confirm-input", "confirm-email-input", "Confirm your email", { required: true, type: "email", autocomplete: "email" }) +
      '<div data-test="personal-info-location" class="spl-w-full"><oc-location-autocomplete>' +
      '<spl-autocomplete data-test="location-autocomplete" label="City" source="/api/locations"></spl-autocomplete></oc-location-autocomplete></div>' +
      '<div data-test="personal-info-phone" class="spl-w-full"><oc-phone-number>' +
      '<spl-phone-field label="Phone number" country="' + esc(S.personal.phone.country) + '" countries="' + countries + '"></spl-phone-field></oc-phone-number></div>' +
      "</div></oc-personal-information>" +
      '<oc-experience><div data-test="experience" class="form-section"></div></oc-experience>' +
      '<oc-education><div data-test="education" class="form-section"></div></oc-education>' +
      '<oc-web><div data-test="web" class="form-section"><h3 class="c-spl-typography-title">Your Profiles</h3>' +
      '<oc-input data-test="web-profiles-linkedin"><spl-input id="linkedin-input" label="LinkedIn"></spl-input></oc-input>' +
      '<oc-input data-test="web-profiles-facebook"><spl-input id="facebook-input" label="Facebook"></spl-input></oc-input>' +
      '<oc-input data-test="web-profiles-twitter"><spl-input id="twitter-input" label="X (fka Twitter)"></spl-input></oc-input>' +
      '<oc-input data-test="web-profiles-website"><spl-input id="website-input" label="Website"></spl-input></oc-input>' +
      "</div></oc-web>" +
      '<oc-resume-upload><div data-test="resume-upload-container" class="form-section"><h3 class="c-spl-typography-title">Resume</h3>' +
      '<spl-dropzone data-test="resume-upload" caption="Choose a file"></spl-dropzone></div></oc-resume-upload>' +
      '<oc-hiring-manager-message><div data-test="hiring-manager-message-container" class="form-section">' +
      '<h3 class="c-spl-typography-title">Message to the Hiring Team</h3>' +
      '<oc-textarea data-test="hiring-manager-message-text"><spl-textarea id="hiring-manager-message-input" label="Let the company know about your interest working there"></spl-textarea></oc-textarea>' +
      "</div></oc-hiring-manager-message>" +
      '<oc-consent><div data-test="consent" class="form-section form-section--clean"><oc-no-policy-decision>' +
      '<oc-checkbox name="noPolicy" data-test="consent-box"><spl-checkbox id="noPolicy" required>' +
      '<span slot="label-content" data-test="checkbox-label">Please be informed that your application to this job offer will trigger some processing of your personal data by ' +
      esc(C.company) + ", the data controller. For more information, please refer to its privacy notice.</span>" +
      "</spl-checkbox></oc-checkbox></oc-no-policy-decision></div></oc-consent>" +
      '<oc-validation-summary><ul data-test="validation-summary" class="validation-summary"></ul></oc-validation-summary>' +
      '<oc-nav-first-page><footer data-test="footer" class="form-section form-section--clean">' +
      (C.questions.length ? button("footer-next", "Next") : button("footer-submit", "Submit")) +
      "</footer></oc-nav-first-page></oc-oneclick-form>";
  }

  function bindPersonal() {
    var P = S.personal;
    bind("#first-name-input", function () { return P.firstName; }, function (v) { P.firstName = v; });
    bind("#last-name-input", function () { return P.lastName; }, function (v) { P.lastName = v; });
    bind("#email-input", function () { return P.email; }, function (v) { P.email = v; });
    bind("#confirm-email-input", function () { return P.confirmEmail; }, function (v) { P.confirmEmail = v; });
    bind("spl-autocomplete", function () { return P.location; }, function (v) { P.location = v; });
    bind("spl-phone-field", function () { return P.phone; }, function (v) { P.phone = v; });
    bind("#linkedin-input", function () { return S.web.linkedin; }, function (v) { S.web.linkedin = v; });
    bind("#facebook-input", function () { return S.web.facebook; }, function (v) { S.web.facebook = v; });
    bind("#twitter-input", function () { return S.web.twitter; }, function (v) { S.web.twitter = v; });
    bind("#website-input", function () { return S.web.website; }, function (v) { S.web.website = v; });
    bind("#hiring-manager-message-input", function () { return S.message; }, function (v) { S.message = v; });
    bind("#noPolicy", function () { return S.consent; }, function (v) { S.consent = !!v; });
    on($("[data-test=apply-with-resume-container]"), "spl-file", function (ev) { parseResume(ev.detail.file); });
    on($("[data-test=resume-upload]"), "spl-file", function (ev) { attach(ev.detail.file); });
    customElements.whenDefined("spl-dropzone").then(function () {
      var dz = $("[data-test=resume-upload]");
      if (dz && S.resume) dz.showFile(S.resume.name);
    });
    renderSection("experience");
    renderSection("education");
    footer(function () { return validatePersonal(); });
  }

  function renderSection(name) {
    var D = SECTIONS[name];
    var box = $('[data-test="' + name + '"]');
    var list = S[name];
    var html = '<div class="section-head"><h3 class="c-spl-typography-title">' + D.title + "</h3>" + button("add-" + name, "Add", "secondary", D.add) + "</div>";
    list.forEach(function (e, i) {
      if (S.editing && S.editing.section === name && S.editing.index === i) html += entryForm(name, i);
      else {
        html += '<div data-test="' + name + '-item-' + i + '" class="entry-card"><p>' + esc(D.summary(e)) + "</p>" +
          button(name + "-edit", "Edit", "secondary", "Edit " + D.entryLabel + " entry") +
          button(name + "-delete", "Delete", "secondary", "Delete " + D.entryLabel + " entry") + "</div>";
      }
    });
    if (S.editing && S.editing.section === name && S.editing.index === list.length) html += entryForm(name, list.length);
    box.innerHTML = html;
    on($('[data-test="add-' + name + '"]', box), "click", function () {
      if (S.editing) return flash(box, "Save or cancel the entry you are editing first.");
      S.editing = { section: name, index: list.length, draft: { current: false } };
      renderSection(name);
    });
    box.querySelectorAll('[data-test="' + name + '-edit"]').forEach(function (b, i) {
      on(b, "click", function () {
        if (S.editing) return flash(box, "Save or cancel the entry you are editing first.");
        S.editing = { section: name, index: i, draft: Object.assign({}, list[i]) };
        renderSection(name);
      });
    });
    box.querySelectorAll('[data-test="' + name + '-delete"]').forEach(function (b, i) {
      on(b, "click", function () {
        if (S.editing) return flash(box, "Save or cancel the entry you are editing first.");
        list.splice(i, 1);
        renderSection(name);
      });
    });
    if (S.editing && S.editing.section === name) bindEntry(name, box);
  }

  function flash(box, msg) {
    var p = document.createElement("p");
    p.className = "entry-error";
    p.setAttribute("role", "alert");
    p.textContent = msg;
    box.appendChild(p);
  }

  function entryForm(name, i) {
    var D = SECTIONS[name];
    var html = '<div data-test="' + name + '-entry-' + i + '" class="entry-form">';
    D.fields.forEach(function (f) {
      var id = D.ids[f[0]] + "-" + i;
      if (f[3] === "textarea") html += '<spl-textarea id="' + id + '" label="' + f[1] + '"></spl-textarea>';
      else html += '<spl-input id="' + id + '" label="' + f[1] + '"' + (f[2] ? " required" : "") + (f[3] === "date" ? ' inner-placeholder="MM/YYYY"' : "") + "></spl-input>";
    });
    html += '<spl-checkbox id="' + D.ids.current + "-" + i + '"><span slot="label-content">' + D.current + "</span></spl-checkbox>";
    html += button(name + "-save", "Save", "primary", "Save " + D.entryLabel + " entry") + button(name + "-cancel", "Cancel", "secondary", "Cancel") + "</div>";
    return html;
  }

  function bindEntry(name, box) {
    var D = SECTIONS[name];
    var ed = S.editing;
    var i = ed.index;
    D.fields.forEach(function (f) {
      bind("#" + D.ids[f[0]] + "-" + i, function () { return ed.draft[f[0]] || ""; }, function (v) { ed.draft[f[0]] = v; }, box);
    });
    bind("#" + D.ids.current + "-" + i, function () { return !!ed.draft.current; }, function (v) { ed.draft.current = !!v; }, box);
    on($('[data-test="' + name + '-cancel"]', box), "click", function () { S.editing = null; renderSection(name); });
    on($('[data-test="' + name + '-save"]', box), "click", function () {
      var bad = false;
      D.fields.forEach(function (f) {
        var el = $("#" + D.ids[f[0]] + "-" + i, box);
        var v = (ed.draft[f[0]] || "").trim();
        var msg = "";
        if (f[2] && !v && !(f[0] === "end" && ed.draft.current)) msg = "This field is required";
        else if (f[3] === "date" && v && !MONTH_YEAR.test(v)) msg = "Use the format MM/YYYY";
        el.error = msg;
        bad = bad || !!msg;
      });
      if (name === "experience" && !ed.draft.current && !(ed.draft.end || "").trim()) {
        $("#" + D.ids.end + "-" + i, box).error = "Enter an end date or tick " + D.current;
        bad = true;
      }
      if (bad) return;
      var entry = {};
      D.fields.forEach(function (f) { entry[f[0]] = (ed.draft[f[0]] || "").trim(); });
      entry.current = !!ed.draft.current;
      if (entry.current) entry.end = "";
      S[name][i] = entry;
      S.editing = null;
      renderSection(name);
    });
  }

  function parseResume(file) {
    var fd = new FormData();
    fd.append("file", file, file.name);
    api("POST", "/api/resume-parse?publication=" + C.publication, fd).then(function (r) {
      if (r.status !== 200) return;
      var p = r.body;
      Object.assign(S.personal, { firstName: p.firstName, lastName: p.lastName, email: p.email, confirmEmail: p.email, location: p.location, phone: p.phone });
      S.experience = p.experience;
      S.education = p.education;
      S.resume = { id: p.fileId, name: file.name };
      S.parsed = true;
      S.editing = null;
      render();
    });
  }

  function attach(file) {
    var fd = new FormData();
    fd.append("file", file, file.name);
    api("POST", "/api/files?publication=" + C.publication, fd).then(function (r) {
      if (r.status !== 200) return;
      S.resume = { id: r.body.id, name: file.name };
      var dz = $("[data-test=resume-upload]");
      if (dz) dz.showFile(file.name);
    });
  }

  function validatePersonal() {
    var P = S.personal;
    var errs = [];
    function check(sel, msg) { var el = $(sel); if (el) el.error = msg || ""; if (msg) errs.push(msg); }
    check("#first-name-input", P.firstName.trim() ? "" : "First name is required");
    check("#last-name-input", P.lastName.trim() ? "" : "Last name is required");
    check("#email-input", /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(P.email.trim()) ? "" : "Enter a valid email address");
    check("#confirm-email-input", P.confirmEmail.trim() && P.confirmEmail.trim() === P.email.trim() ? "" : "The email addresses do not match");
    check("#noPolicy", S.consent ? "" : "You must acknowledge the privacy notice to apply");
    if (!S.resume) errs.push("Add your resume");
    if (S.editing) errs.push("Save or cancel the " + SECTIONS[S.editing.section].entryLabel + " entry you are editing");
    return errs;
  }

  // --- page 2: screening questions ------------------------------------------------------

  function questionsPage() {
    var html = '<oc-screening-questions><div data-test="screening-questions" class="form-section"><h3 class="c-spl-typography-title">Screening questions</h3>';
    var section = null;
    C.questions.forEach(function (q) {
      if (q.section && q.section !== section) { section = q.section; html += '<h4 class="c-spl-typography-title">' + esc(section) + "</h4>"; }
      html += '<div data-test="screening-question-' + q.id + '" class="screening-question">';
      var req = q.required ? " required" : "";
      if (q.type === "radio") html += '<spl-radio-group id="' + q.id + '" label="' + esc(q.label) + '" options="' + esc(JSON.stringify(q.options)) + '"' + req + "></spl-radio-group>";
      else if (q.type === "select") {
        html += '<spl-select id="' + q.id + '" label="' + esc(q.label) + '" placeholder="Select an option"' + req + ">" +
          q.options.map(function (o) { return '<spl-select-option value="' + esc(o) + '">' + esc(o) + "</spl-select-option>"; }).join("") + "</spl-select>";
      } else if (q.type === "textarea") html += '<spl-textarea id="' + q.id + '" label="' + esc(q.label) + '"' + req + "></spl-textarea>";
      else if (q.type === "checkbox") html += '<spl-checkbox id="' + q.id + '"' + req + '><span slot="label-content">' + esc(q.label) + "</span></spl-checkbox>";
      else html += '<spl-input id="' + q.id + '" label="' + esc(q.label) + '"' + req + "></spl-input>";
      html += "</div>";
    });
    return html + '</div><oc-validation-summary><ul data-test="validation-summary" class="validation-summary"></ul></oc-validation-summary>' +
      '<footer data-test="footer" class="form-section form-section--clean">' + button("footer-back", "Back", "secondary") + button("footer-next", "Next") + "</footer></oc-screening-questions>";
  }

  function bindQuestions() {
    C.questions.forEach(function (q) {
      bind("#" + q.id, function () { return S.answers[q.id] == null ? (q.type === "checkbox" ? false : "") : S.answers[q.id]; },
        function (v) { S.answers[q.id] = v; });
    });
    on($("[data-test=footer-back] spl-button"), "click", function () { S.page = "personal"; render(); });
    footer(function () {
      var errs = [];
      C.questions.forEach(function (q) {
        var v = S.answers[q.id];
        var missing = q.required && (v == null || v === "" || v === false);
        var el = $("#" + q.id);
        if (el) el.error = missing ? "This question is required" : "";
        if (missing) errs.push(q.label + ": this question is required");
      });
      return errs;
    });
  }

  // --- page 3: review -------------------------------------------------------------------

  function reviewPage() {
    var P = S.personal;
    var rows = [
      ["Name", P.firstName + " " + P.lastName], ["Email", P.email], ["City", P.location],
      ["Phone", (P.phone.number || "")], ["Resume", S.resume ? S.resume.name : ""],
      ["Experience", S.experience.map(SECTIONS.experience.summary).join("; ")],
      ["Education", S.education.map(SECTIONS.education.summary).join("; ")],
    ];
    C.questions.forEach(function (q) { rows.push([q.label, String(S.answers[q.id] == null ? "" : S.answers[q.id])]); });
    return '<oc-review><div data-test="review" class="form-section"><h3 class="c-spl-typography-title">Review your application</h3><dl>' +
      rows.map(function (r) { return "<dt>" + esc(r[0]) + "</dt><dd>" + esc(r[1]) + "</dd>"; }).join("") + "</dl></div>" +
      '<p class="submit-error" role="alert"></p>' +
      '<footer data-test="footer" class="form-section form-section--clean">' + button("footer-back", "Back", "secondary") + button("footer-submit", "Submit") + "</footer></oc-review>";
  }

  function bindReview() {
    on($("[data-test=footer-back] spl-button"), "click", function () { S.page = C.questions.length ? "questions" : "personal"; render(); });
    footer(function () { return []; });
  }

  // --- navigation and submission --------------------------------------------------------

  var ORDER = function () { return C.questions.length ? ["personal", "questions", "review"] : ["personal", "review"]; };
  var busy = false;

  function footer(validate) {
    var nxt = $("[data-test=footer-next] spl-button") || $("[data-test=footer-submit] spl-button");
    on(nxt, "click", function () {
      var errs = validate();
      var summary = $("[data-test=validation-summary]");
      if (summary) summary.innerHTML = errs.map(function (e) { return '<li role="alert">' + esc(e) + "</li>"; }).join("");
      if (errs.length) return;
      var order = ORDER();
      var at = order.indexOf(S.page);
      if (at < order.length - 1) { S.page = order[at + 1]; render(); window.scrollTo(0, 0); return; }
      submit();
    });
  }

  function submit() {
    if (busy) return;
    busy = true;
    var P = S.personal;
    var body = {
      firstName: P.firstName, lastName: P.lastName, email: P.email, confirmEmail: P.confirmEmail,
      location: P.location, phone: P.phone, web: S.web, experience: S.experience, education: S.education,
      resume: S.resume, message: S.message, consent: S.consent, answers: S.answers,
    };
    api("POST", "/api/publications/" + C.publication + "/apply", body).then(function (r) {
      busy = false;
      if (r.status === 200) { S.page = "done"; render(); return; }
      var err = $(".submit-error");
      if (err) err.textContent = r.body.error || "Something went wrong";
    });
  }

  function render() {
    var main = document.getElementById("oc-main");
    if (S.page === "personal") { main.innerHTML = personalPage(); bindPersonal(); }
    else if (S.page === "questions") { main.innerHTML = questionsPage(); bindQuestions(); }
    else if (S.page === "review") { main.innerHTML = reviewPage(); bindReview(); }
    else {
      main.innerHTML = '<oc-confirmation><div data-test="confirmation" class="form-section"><h2>Thank you for applying!</h2>' +
        "<p>Your application for " + esc(C.title) + " at " + esc(C.company) + " has been successfully submitted.</p></div></oc-confirmation>";
    }
  }

  root.innerHTML = '<oc-oneclick-form-root><div class="spl-flex spl-flex-col"><header><h1>' + esc(C.title) + "</h1><p>" + esc(C.company) + " · " + esc(C.location) + '</p></header><main id="oc-main"></main></div></oc-oneclick-form-root>';
  render();
})();
